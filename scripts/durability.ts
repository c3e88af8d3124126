/**
 * Durability under a killed process: a write load through the HTTP API, a kill at a random
 * moment, a restart on the same data, and a check that every acknowledged write is there, no
 * transaction is visible in part, the audit chain verifies and the server answers again.
 *
 *   npx tsx scripts/durability.ts [--kills 200] [--engine pglite|postgres] [--clients 4]
 *                                 [--min-ms 50] [--max-ms 1500] [--check-every 1] [--kill-app]
 *                                 [--keep] [--json file]
 *
 * pglite:   `kill -9` of `node bin/suoja.js serve` on its data directory, then a new server there.
 * postgres: `pg_ctl stop -m immediate` of a throwaway cluster (initdb in a temporary directory, its
 *           own port) under the running app server, then `pg_ctl start`; with --kill-app the app
 *           server is killed as well. The shared PostgreSQL server is never touched.
 *
 * Method, invariants and measured results: docs/durability.md. Exit 1 when anything was lost,
 * partial, failed to reopen or broke the chain.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { acknowledged, checkInvariants, newLedger, type Verdict } from './durability/invariants.js';
import { newTally, startLoad, StaffClient, type LoadTally } from './durability/load.js';
import { pgliteTarget, postgresTarget, ROOT, type Target } from './durability/targets.js';

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '200' },
    engine: { type: 'string', default: 'pglite' },
    clients: { type: 'string', default: '4' },
    'min-ms': { type: 'string', default: '50' },
    'max-ms': { type: 'string', default: '1500' },
    'check-every': { type: 'string', default: '1' },
    'kill-app': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const out = (line: string) => process.stdout.write(`${line}\n`);
const kills = Number(args.kills);
const clientCount = Number(args.clients);
const checkEvery = Number(args['check-every']);
const minMs = Number(args['min-ms']);
const maxMs = Number(args['max-ms']);
const engine = args.engine;
if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine is pglite or postgres');
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(clientCount) || clientCount < 2 || !Number.isInteger(checkEvery) || checkEvery < 1 || !(minMs >= 0 && maxMs >= minMs)) {
  throw new Error('--kills ≥ 1, --clients ≥ 2, --check-every ≥ 1 and 0 ≤ --min-ms ≤ --max-ms');
}
if (!existsSync(path.join(ROOT, 'dist/server/main.js'))) {
  process.stderr.write('The server is not built: run `npm run build` first.\n');
  process.exit(1);
}

interface Round {
  round: number;
  killAtMs: number;
  inFlight: number;
  tally: LoadTally;
  recovery: { ok: boolean; ms: number; staleLock: boolean };
  sessionsLost: number;
  verdict: Verdict | null;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function setUpStaff(target: Target): Promise<{ clients: StaffClient[]; links: string[] }> {
  const clients: StaffClient[] = [];
  const links: string[] = [];
  for (let i = 0; i < clientCount; i++) {
    const role = i % 2 === 0 ? 'helpline' : 'caseworker';
    const email = `durability${i + 1}@example.fi`;
    const added = target.suoja(['users', 'add', '--email', email, '--name', `Durability ${role} ${i + 1}`, '--role', role, ...(role === 'caseworker' ? ['--office', 'helsinki'] : [])]);
    const link = added.stdout.match(/http:\/\/\S+\/setup#\S+/)?.[0];
    if (added.status !== 0 || !link) throw new Error(`could not add ${email}:\n${added.stdout}${added.stderr}`);
    clients.push(new StaffClient(() => target.url(), email, `kestävyys ${i + 1} ${Date.now()} salasana`, role));
    links.push(link);
  }
  return { clients, links };
}

async function main(): Promise<number> {
  const target = engine === 'pglite' ? await pgliteTarget() : await postgresTarget({ killApp: args['kill-app'] });
  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await target.close({ keep: args.keep });
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(130));
  process.once('SIGTERM', () => void shutdown(143));

  const what = engine === 'pglite' ? 'kill -9 of the app server (PGlite in its process)' : `pg_ctl stop -m immediate of a throwaway PostgreSQL cluster${args['kill-app'] ? ' and kill -9 of the app server' : ' under the running app server'}`;
  out(`Durability: ${kills} kills, ${what}; ${clientCount} clients; kill ${minMs}–${maxMs} ms into the load; database checked after ${checkEvery === 1 ? 'every kill' : `every ${checkEvery}th kill and the last`}.`);
  out(`Working directory: ${target.root}`);
  const ledger = newLedger();
  const rounds: Round[] = [];
  const lost = new Set<string>();
  const partial = new Set<string>();
  let chainBreaks = 0;
  let reopenFailures = 0;
  let sessionsLost = 0;
  let checks = 0;
  let aborted: string | null = null;
  const startedAll = performance.now();

  try {
    const { clients, links } = await setUpStaff(target);
    await target.start();
    for (const [i, client] of clients.entries()) await client.setUp(links[i]!);

    for (let round = 1; round <= kills; round++) {
      const startedRound = performance.now();
      const tally = newTally();
      const load = startLoad(clients, ledger, round, tally);
      const killAtMs = Math.round(minMs + Math.random() * (maxMs - minMs));
      await sleep(killAtMs);
      // The load runs on through the crash: the requests in flight at that moment are cut off.
      const inFlight = load.inFlight();
      await target.crash();
      load.halt();
      await load.done;

      const recovery = await target.recover();
      const record: Round = { round, killAtMs, inFlight, tally, recovery: { ok: recovery.ok, ms: recovery.ms, staleLock: recovery.staleLock }, sessionsLost: 0, verdict: null, seconds: 0 };
      rounds.push(record);
      if (!recovery.ok) {
        reopenFailures++;
        aborted = `round ${round}: the server did not answer again within 60 s after the kill:\n${recovery.detail ?? ''}`;
        break;
      }
      for (const client of clients) {
        if (!(await client.sessionHolds())) {
          record.sessionsLost++;
          await client.signIn();
        }
      }
      sessionsLost += record.sessionsLost;

      let verdict: Verdict | null = null;
      if (round % checkEvery === 0 || round === kills) {
        try {
          verdict = await target.withDatabase((db) => checkInvariants(db, ledger));
        } catch (error) {
          reopenFailures++;
          aborted = `round ${round}: the database could not be opened and checked: ${error instanceof Error ? error.stack : String(error)}`;
          break;
        }
        checks++;
      }
      record.verdict = verdict;
      const newLost = verdict?.lost.filter((l) => !lost.has(l)) ?? [];
      const newPartial = verdict?.partial.filter((p) => !partial.has(p)) ?? [];
      newLost.forEach((l) => lost.add(l));
      newPartial.forEach((p) => partial.add(p));
      if (verdict && !verdict.chain.ok) chainBreaks++;
      record.seconds = (performance.now() - startedRound) / 1000;

      const checked = verdict
        ? [
            `committed unanswered ${verdict.committedUnacknowledged.contacts + verdict.committedUnacknowledged.applications}`,
            `lost ${verdict.lost.length}`,
            `partial ${verdict.partial.length}`,
            verdict.chain.ok ? `chain ok (${verdict.chain.entries})` : `CHAIN BROKEN at #${verdict.chain.brokenAt} (${verdict.chain.problem})`,
          ]
        : ['(checked at a later round)'];
      out(
        [
          `round ${String(round).padStart(String(kills).length)}/${kills}`,
          `kill at ${String(killAtMs).padStart(4)} ms`,
          `acked +${String(tally.acknowledged).padStart(3)} = ${String(acknowledged(ledger)).padStart(5)}`,
          `in flight ${inFlight}`,
          `not acked ${tally.unanswered}${tally.serverErrors ? ` 5xx ${tally.serverErrors}` : ''}${tally.refused ? ` 4xx ${tally.refused}` : ''}`,
          `reopen ${Math.round(recovery.ms)} ms${recovery.staleLock ? ' (stale lock taken over)' : ''}`,
          record.sessionsLost ? `SESSIONS LOST ${record.sessionsLost}` : 'sessions ok',
          ...checked,
          `${record.seconds.toFixed(1)} s`,
        ].join(' | '),
      );
      for (const line of [...newLost.map((l) => `  LOST: ${l}`), ...newPartial.map((p) => `  PARTIAL: ${p}`), ...tally.refusals.map((r) => `  REFUSED: ${r}`)].slice(0, 20)) out(line);
    }
  } catch (error) {
    aborted = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }

  const last = rounds.filter((r) => r.verdict !== null).at(-1)?.verdict ?? null;
  const refused = rounds.reduce((n, r) => n + r.tally.refused, 0);
  const summary = {
    engine,
    crash: engine === 'pglite' ? 'kill -9 app server' : args['kill-app'] ? 'pg_ctl stop -m immediate + kill -9 app server' : 'pg_ctl stop -m immediate',
    date: new Date().toISOString(),
    machine: `${os.cpus().length} vCPU ${os.cpus()[0]?.model ?? ''}`.trim(),
    node: process.version,
    kills: rounds.length,
    checks,
    acknowledged: acknowledged(ledger),
    acknowledgedContacts: ledger.contacts.size,
    acknowledgedApplications: ledger.applications.size,
    inFlightAtCrash: rounds.reduce((n, r) => n + r.inFlight, 0),
    roundsWithWritesInFlight: rounds.filter((r) => r.inFlight > 0).length,
    unanswered: rounds.reduce((n, r) => n + r.tally.unanswered + r.tally.serverErrors, 0),
    committedUnanswered: last ? last.committedUnacknowledged.contacts + last.committedUnacknowledged.applications : 0,
    lost: lost.size,
    partial: partial.size,
    reopenFailures,
    chainBreaks,
    sessionsLost,
    staleLocksTakenOver: rounds.filter((r) => r.recovery.staleLock).length,
    loadRefusals: refused,
    stored: last?.stored ?? null,
    reopenMs: { median: Math.round(median(rounds.map((r) => r.recovery.ms))), max: Math.round(Math.max(0, ...rounds.map((r) => r.recovery.ms))) },
    roundSeconds: { mean: Number((rounds.reduce((s, r) => s + r.seconds, 0) / Math.max(1, rounds.length)).toFixed(1)), max: Number(Math.max(0, ...rounds.map((r) => r.seconds)).toFixed(1)) },
    totalMinutes: Number(((performance.now() - startedAll) / 60_000).toFixed(1)),
    aborted,
  };

  out('');
  out(`| ${engine} | result |`);
  out('|---|---|');
  const rows: [string, string | number][] = [
    ['crash', summary.crash],
    ['kills', summary.kills],
    ['checks of the whole database (after every kill, or every n-th and the last)', summary.checks],
    ['acknowledged writes (contacts + applications)', `${summary.acknowledged} (${summary.acknowledgedContacts} + ${summary.acknowledgedApplications})`],
    ['writes in flight at the crash (rounds with any)', `${summary.inFlightAtCrash} (${summary.roundsWithWritesInFlight})`],
    ['writes not acknowledged (cut off, refused while down, or 5xx)', summary.unanswered],
    ['… of which committed all the same', summary.committedUnanswered],
    ['acknowledged writes lost', summary.lost],
    ['partial transactions visible', summary.partial],
    ['failures to reopen', summary.reopenFailures],
    ['audit chain breaks', summary.chainBreaks],
    ['sessions lost', summary.sessionsLost],
    ...(engine === 'pglite' ? [['stale locks taken over', summary.staleLocksTakenOver] as [string, number]] : []),
    ['reopen to healthy, median / max', `${summary.reopenMs.median} / ${summary.reopenMs.max} ms`],
    ['time per round (kill, reopen, check), mean / max', `${summary.roundSeconds.mean} / ${summary.roundSeconds.max} s`],
    ['audit entries at the end', summary.stored?.auditEntries ?? '–'],
    ['total time', `${summary.totalMinutes} min`],
  ];
  for (const [k, v] of rows) out(`| ${k} | ${v} |`);
  if (refused > 0) out(`\nThe server refused ${refused} writes of the load (4xx): see the REFUSED lines.`);
  if (args.json) await writeFile(args.json, `${JSON.stringify(summary, null, 2)}\n`);

  const failed = aborted !== null || summary.lost > 0 || summary.partial > 0 || summary.reopenFailures > 0 || summary.chainBreaks > 0 || summary.sessionsLost > 0 || summary.kills < kills;
  if (aborted) {
    process.stderr.write(`\nAborted: ${aborted}\n`);
    process.stderr.write(`\nServer log (tail):\n${await target.logTail()}\n`);
  }
  out(failed ? '\nFAILED' : '\nPASSED: nothing acknowledged was lost, nothing partial was visible, every restart reopened and the audit chain held.');
  await target.close({ keep: args.keep || failed });
  if (failed) out(`Kept for inspection: ${target.root}`);
  return failed ? 1 : 0;
}

process.exit(await main());
