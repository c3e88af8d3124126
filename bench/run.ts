/**
 * The performance benchmark: `npm run bench [-- options]`.
 *
 * For each engine (the embedded database, PGlite on disk; PostgreSQL) and each register size it
 *   1. builds a synthetic register of that many persons (bench/register.ts: the demo data set
 *      copied in SQL) and times the yearly overview against its bare queries (bench/overview.ts);
 *   2. creates a caseworker of the Helsinki office and writes a few journal notes and tasks on
 *      the client whose page is loaded;
 *   3. starts the server in its own process as `suoja serve` runs it, on that existing data
 *      directory or database, and times the cold start to a healthy `/api/health`;
 *   4. starts it again with a bare Fastify route beside it (bench/serve.ts: the benchmark's
 *      process only), signs the caseworker in over HTTP (set-up link, password, TOTP) and puts
 *      each route under load with autocannon: the bare route, the bare logged read (the row and
 *      its audit entry in one statement: the floor of any audited read), the client page, a list of 25
 *      clients, a search by name and writing journal notes — requests per second, latency
 *      percentiles and the server's resident memory;
 *   5. verifies the audit trail's hash chain after the load.
 * Then the exchange import (bench/import.ts, embedded database) and the targets, pass or fail.
 * Everything goes into bench/results.md; sections not measured in this run are kept.
 *
 * Options (defaults in brackets):
 *   --sizes 1000,100000,1000000     register sizes [all three]
 *   --engines pglite,postgres       [both]
 *   --duration 20                   seconds of load per route [20]
 *   --connections 50                [50]
 *   --warmup 3                      seconds of warm-up per route, at 10 connections [3]
 *   --overview-runs 5               [5]; 0 skips the overview
 *   --cold-starts 3                 [3]; 0 skips them
 *   --import 100000                 persons of the import benchmark [100000]; 0 skips it
 *   --server built|tsx              the compiled server (built first with `npm run build:server`) or the sources [built]
 *   --no-build                      with --server built: use dist/ as it is
 *   --postgres-url URL              a server where this user may create databases [postgres://postgres@127.0.0.1:5432/postgres];
 *                                   the benchmark creates and drops suoja_bench_<size> there
 *   --results FILE                  [bench/results.md]
 *   --routes bare,logged,page,list,search,note   the routes put under load [all]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { generate as totp } from 'otplib';
import type { Actor } from '../src/server/access/actor.js';
import { operatorActor } from '../src/server/access/actor.js';
import { verifyAuditChain } from '../src/server/audit/audit.js';
import { systemClock } from '../src/server/clock.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { KeyRing } from '../src/server/crypto/keyring.js';
import { connectDatabase } from '../src/server/db/connect.js';
import { maintainEmbedded, type MaintenanceReport } from '../src/server/db/maintenance.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { createClientRecordsService } from '../src/server/modules/clients/client-records.service.js';
import { decryptIdentity } from '../src/server/modules/clients/persons.repository.js';
import { purgeErasedVersions } from '../src/server/modules/retention/purge.js';
import { createRetentionService } from '../src/server/modules/retention/retention.service.js';
import { createUsersService } from '../src/server/modules/users/users.service.js';
import { VERSION } from '../src/server/version.js';
import { overviewTimes } from './overview.js';
import { adminStatement, buildRegister, createBenchDatabase } from './register.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,100000,1000000' },
    engines: { type: 'string', default: 'pglite,postgres' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
    'overview-runs': { type: 'string', default: '5' },
    'cold-starts': { type: 'string', default: '3' },
    import: { type: 'string', default: '100000' },
    server: { type: 'string', default: 'built' },
    'no-build': { type: 'boolean', default: false },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    results: { type: 'string', default: 'bench/results.md' },
    routes: { type: 'string', default: 'bare,logged,page,list,search,note' },
  },
});

type Engine = 'pglite' | 'postgres';
const sizes = values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')));
const engines = values.engines.split(',') as Engine[];
for (const e of engines) if (e !== 'pglite' && e !== 'postgres') throw new Error(`unknown engine ${e}`);
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const overviewRuns = Number(values['overview-runs']);
const coldStarts = Number(values['cold-starts']);
const importPersons = Number(values.import);
const routes = new Set(values.routes.split(','));
const serverKind = values.server === 'tsx' ? 'tsx' : 'built';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PASSWORD = 'kolme iloista kissaa hyppää';
const number = new Intl.NumberFormat('en-GB');
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
const say = (text: string) => process.stdout.write(`${text}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

// ---------------------------------------------------------------------------------------------
// Databases.

interface Prepared {
  engine: Engine;
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function prepare(engine: Engine, size: number): Promise<Prepared> {
  const masterKey = randomBytes(32).toString('base64');
  if (engine === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'suoja-bench-'));
    return { engine, env: { SUOJA_DATA_DIR: dir, SUOJA_MASTER_KEY: masterKey }, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `suoja_bench_${size}`;
  const databaseUrl = await createBenchDatabase(values['postgres-url'], name);
  const dir = await mkdtemp(path.join(tmpdir(), 'suoja-bench-'));
  return {
    engine,
    env: { DATABASE_URL: databaseUrl, SUOJA_DATA_DIR: dir, SUOJA_MASTER_KEY: masterKey },
    async drop() {
      await adminStatement(values['postgres-url'], `drop database if exists ${name} with (force)`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function openContext(env: Record<string, string>): Promise<AppContext & { close(): Promise<void> }> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const database = await connectDatabase(config.database);
  await migrateToLatest(database.db);
  const keyring = await KeyRing.open(database.db, Buffer.from(env.SUOJA_MASTER_KEY!, 'base64'));
  return { config, database, keyring, clock: systemClock, version: VERSION, close: () => database.close() };
}

interface Seeded {
  persons: number;
  buildSeconds: number;
  overview: { bare: number; whole: number } | null;
  setupToken: string;
  pageClient: string;
  noteClient: string;
  familyName: string;
  inScope: number;
  retention: RetentionTimes;
}

/** The retention run before the load: persons erased, its time, and the time of rewriting the tables alone (during which their reads wait); then the embedded database's daily upkeep. */
interface RetentionTimes {
  erased: number;
  seconds: number;
  rewriteSeconds: number;
  upkeep: MaintenanceReport | null;
}

/** The register, the overview's times, a caseworker and the clients the load reads and writes. */
async function seed(env: Record<string, string>, size: number): Promise<Seeded> {
  const ctx = await openContext(env);
  try {
    const started = performance.now();
    const built = await buildRegister(ctx, size);
    const buildSeconds = (performance.now() - started) / 1000;
    say(`  register: ${number.format(built.persons)} persons in ${buildSeconds.toFixed(1)} s`);
    let overview = null;
    if (overviewRuns > 0) {
      overview = await overviewTimes(ctx.database.db, overviewRuns);
      say(`  overview: bare queries ${overview.bare.toFixed(0)} ms, whole overview ${overview.whole.toFixed(0)} ms (${(overview.whole / overview.bare).toFixed(2)}×)`);
    }
    // The register as a server that has been running finds it: what the retention policy says is
    // due already erased, so that the server's own first run (a minute after it starts, during
    // the load) has only the register to walk, not a backlog to erase.
    const retentionStarted = performance.now();
    const report = await createRetentionService(ctx).run(operatorActor('benchmark'), { dryRun: false });
    const retentionSeconds = (performance.now() - retentionStarted) / 1000;
    // The run rewrote the tables that held erased data; once more alone, for its time.
    const rewriteStarted = performance.now();
    await purgeErasedVersions(ctx, operatorActor('benchmark'));
    const rewriteSeconds = (performance.now() - rewriteStarted) / 1000;
    // The daily upkeep of the embedded database (vacuum and analyse each table), as the server does after retention.
    const upkeep = await maintainEmbedded(ctx.database);
    const retention = { erased: report.persons.length, seconds: retentionSeconds, rewriteSeconds, upkeep };
    say(`  retention: ${number.format(retention.erased)} persons' identifying data erased as due before the load in ${retention.seconds.toFixed(1)} s; rewriting the tables that held it: ${retention.rewriteSeconds.toFixed(1)} s`);
    if (upkeep) say(`  upkeep: ${upkeep.tables} tables vacuumed and analysed in ${(upkeep.milliseconds / 1000).toFixed(1)} s; longest ${upkeep.longest?.table} ${((upkeep.longest?.milliseconds ?? 0) / 1000).toFixed(1)} s`);
    const { user, setupLink } = await createUsersService(ctx).create(
      operatorActor('benchmark'),
      { name: 'Bench Caseworker', email: 'bench.caseworker@example.fi', roles: ['caseworker'], offices: ['helsinki'] },
      'http://127.0.0.1',
    );
    // Two clients of the Helsinki office with names: one whose page is loaded, one that gets the notes.
    const { rows } = await sql<{ id: string }>`
      select p.id from person p where p.given_names is not null
         and exists (select 1 from clientship c where c.person_id = p.id and c.office_code = 'helsinki')
       order by p.number limit 2`.execute(ctx.database.db);
    const [page, note] = rows;
    if (!page || !note) throw new Error('no client of the Helsinki office in the register');
    const person = await ctx.database.db.selectFrom('person').select(['givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality']).where('id', '=', page.id).executeTakeFirstOrThrow();
    const familyName = decryptIdentity(ctx.keyring, page.id, person).familyName ?? 'Example';
    const { n: inScope } = await ctx.database.db
      .selectFrom('clientship')
      .select((eb) => eb.fn.count<number>('personId').distinct().as('n'))
      .where('officeCode', '=', 'helsinki')
      .executeTakeFirstOrThrow();
    // A client page as a caseworker sees it: some notes and tasks of their own.
    const actor: Actor = { kind: 'user', userId: user.id, sessionId: '00000000-0000-0000-0000-000000000000', name: 'Bench Caseworker', roles: ['caseworker'], offices: ['helsinki'], address: null };
    const records = createClientRecordsService(ctx);
    for (let i = 1; i <= 10; i += 1) await records.addNote(actor, 'office', page.id, `Meeting ${i}: went through the plan for the coming weeks and the appointments at the clinic.`, null);
    for (let i = 1; i <= 3; i += 1) await records.addTask(actor, 'office', page.id, { title: `Follow-up ${i}`, dueOn: `2030-0${i}-15`, assigneeId: user.id });
    await sql`analyze`.execute(ctx.database.db);
    return { persons: built.persons, buildSeconds, overview, setupToken: setupLink.split('#')[1]!, pageClient: page.id, noteClient: note.id, familyName, inScope: Number(inScope), retention };
  } finally {
    await ctx.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Server processes.

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS:'), peak: kb('VmHWM:') };
}

/**
 * CPU seconds a process has used so far (/proc counts them in ticks of 1/100 s); with
 * `reapedChildren`, also those of its children that have ended and been waited for.
 */
function cpuSecondsOf(pid: number, reapedChildren = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return (reapedChildren ? own + Number(fields[13]) + Number(fields[14]) : own) / 100;
}

/**
 * CPU seconds used so far by the PostgreSQL server's processes on this machine (0 when none runs
 * here). A connection's process that ends during a route (a pool closes idle connections) takes
 * its seconds with it; the postmaster, which waits for it, then counts them as its children's.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuSecondsOf(Number(entry), true);
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

interface Running {
  child: ChildProcess;
  port: number;
  barePort: number;
  base: string;
  log: string;
  startMs: number;
  stop(): Promise<void>;
}

async function startProcess(prepared: Prepared, entry: 'suoja' | 'bench', logName: string): Promise<Running> {
  const port = await freePort();
  const barePort = await freePort();
  const log = path.join(prepared.env.SUOJA_DATA_DIR!, logName);
  const fd = openSync(log, 'a');
  // BENCH_CPU_PROF=<dir>: the server under load writes its CPU profile there when it stops.
  const tsxArgs = [...(process.env.BENCH_CPU_PROF && entry === 'bench' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx'];
  const args =
    entry === 'bench'
      ? [...tsxArgs, path.join(root, 'bench/serve.ts')]
      : serverKind === 'built'
        ? [path.join(root, 'bin/suoja.js'), 'serve']
        : [...tsxArgs, path.join(root, 'src/server/main.ts'), 'serve'];
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...prepared.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', BENCH_SERVER: serverKind, BENCH_BARE_PORT: String(barePort), NODE_ENV: 'production' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited = false;
  child.once('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new Error(`the server ended before it was healthy; see ${log}:\n${readFileSync(log, 'utf8').slice(-2000)}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 300_000) throw new Error(`no healthy /api/health within 300 s; see ${log}`);
    await sleep(10);
  }
  const startMs = performance.now() - started;
  if (entry === 'bench') {
    // The bare route listens just after the app.
    for (let i = 0; ; i += 1) {
      try {
        await fetch(`http://127.0.0.1:${barePort}/bare/clients/00000000-0000-0000-0000-000000000000`);
        break;
      } catch {
        if (i > 500) throw new Error('the bare route does not answer');
        await sleep(10);
      }
    }
  }
  return {
    child,
    port,
    barePort,
    base,
    log,
    startMs,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}

/** The caseworker follows their set-up link, chooses a password and enrols TOTP, as in the browser. */
async function signIn(base: string, token: string): Promise<string> {
  const headers = { origin: base, 'content-type': 'application/json' };
  const cookieOf = (res: Response) => {
    const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-suoja_session='));
    if (!set) throw new Error(`no session cookie (${res.status})`);
    return set.split(';')[0]!;
  };
  const setup = await fetch(`${base}/api/auth/setup`, { method: 'POST', headers, body: JSON.stringify({ token, password: PASSWORD }) });
  if (setup.status !== 200) throw new Error(`set-up failed: ${setup.status} ${await setup.text()}`);
  let cookie = cookieOf(setup);
  const enrolment = await fetch(`${base}/api/auth/enrolment`, { headers: { cookie } });
  const { secret } = (await enrolment.json()) as { secret: string };
  const code = await totp({ secret, epoch: Math.floor(Date.now() / 1000) });
  const done = await fetch(`${base}/api/auth/enrolment`, { method: 'POST', headers: { ...headers, cookie }, body: JSON.stringify({ code }) });
  if (done.status !== 200) throw new Error(`enrolment failed: ${done.status} ${await done.text()}`);
  cookie = cookieOf(done);
  return cookie;
}

// ---------------------------------------------------------------------------------------------
// Load.

interface Scenario {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The status every answer must have. */
  expect: number;
}

interface LoadResult {
  name: string;
  requests: number;
  rps: number;
  /** The median time of a request alone, warm (no other request meanwhile). */
  aloneMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  unexpected: number;
  errors: number;
  rssPeak: number;
  rssEnd: number;
  /** CPU milliseconds per answered request: the server's process (on the embedded database, the database too) and PostgreSQL's processes. */
  serverCpuMs: number;
  postgresCpuMs: number | null;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

function cannon(scenario: Scenario, seconds: number, conns: number, onResponse?: (status: number, ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: scenario.url,
        method: scenario.method ?? 'GET',
        headers: scenario.headers ?? {},
        ...(scenario.body ? { body: scenario.body } : {}),
        connections: conns,
        duration: seconds,
        timeout: 10,
      },
      (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
    );
    if (onResponse) instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

async function underLoad(scenario: Scenario, pid: number, engine: Engine): Promise<LoadResult> {
  // One request alone first: it must answer as expected (its time includes what the first use prepares).
  const alone = async () => {
    const t0 = performance.now();
    const res = await fetch(scenario.url, { method: scenario.method ?? 'GET', headers: scenario.headers ?? {}, ...(scenario.body ? { body: scenario.body } : {}), signal: AbortSignal.timeout(60_000) });
    if (res.status !== scenario.expect) throw new Error(`${scenario.name}: ${res.status} ${(await res.text()).slice(0, 500)}`);
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  const firstMs = await alone();
  if (warmup > 0) await cannon(scenario, warmup, Math.min(10, connections));
  // Then, warm, the time one person waits when no one else is asking: the median of 21 requests in turn.
  const aloneTimes: number[] = [];
  for (let i = 0; i < 21; i += 1) aloneTimes.push(await alone());
  const aloneMs = percentile(aloneTimes.sort((a, b) => a - b), 50);
  say(`  ${scenario.name}: the first request ${firstMs.toFixed(1)} ms; one request alone, warm, ${aloneMs.toFixed(1)} ms`);
  const times: number[] = [];
  let unexpected = 0;
  let firstUnexpected: number | null = null;
  let rssPeak = 0;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssOf(pid).rss);
  }, 200);
  const started = performance.now();
  const cpuBefore = { server: cpuSecondsOf(pid), postgres: engine === 'postgres' ? postgresCpuSeconds() : 0 };
  const result = await cannon(scenario, duration, connections, (status, ms) => {
    times.push(ms);
    if (status !== scenario.expect) {
      unexpected += 1;
      firstUnexpected ??= status;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuUsed = { server: cpuSecondsOf(pid) - cpuBefore.server, postgres: engine === 'postgres' ? postgresCpuSeconds() - cpuBefore.postgres : 0 };
  clearInterval(sampler);
  const rssEnd = rssOf(pid).rss;
  rssPeak = Math.max(rssPeak, rssEnd);
  times.sort((a, b) => a - b);
  if (unexpected > 0) say(`  ! ${scenario.name}: ${unexpected} answers were not ${scenario.expect} (the first: ${firstUnexpected})`);
  if (result.errors + result.timeouts > 0) say(`  ! ${scenario.name}: ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    name: scenario.name,
    requests: times.length,
    rps: times.length / seconds,
    aloneMs,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    unexpected,
    errors: result.errors + result.timeouts,
    rssPeak,
    rssEnd,
    serverCpuMs: (cpuUsed.server * 1000) / Math.max(1, times.length),
    // Only a server on this machine is seen (then with whatever else it serves meanwhile).
    postgresCpuMs: engine === 'postgres' && cpuUsed.postgres > 0 ? (cpuUsed.postgres * 1000) / Math.max(1, times.length) : null,
  };
}

/**
 * The server keeps answering requests the load generator gave up on when its run ended; the next
 * route starts once that backlog is gone (a health check, which asks the database, answers fast).
 */
async function drained(base: string): Promise<boolean> {
  const until = performance.now() + 300_000;
  while (performance.now() < until) {
    const started = performance.now();
    try {
      await (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) })).arrayBuffer();
    } catch {
      // busy
    }
    if (performance.now() - started < 100) return true;
    await sleep(500);
  }
  say('  ! the server was still busy with the previous route after 300 s');
  return false;
}

// ---------------------------------------------------------------------------------------------
// One engine and size.

interface Run {
  engine: Engine;
  persons: number;
  inScope: number;
  buildSeconds: number;
  retention: RetentionTimes;
  overview: { bare: number; whole: number } | null;
  coldStarts: { ms: number; rss: number }[];
  loads: LoadResult[];
  rssIdle: number;
  rssHighWater: number;
  audit: { ok: boolean; entries: number };
  loadBefore: string;
  loadAfter: string;
}

async function measure(engine: Engine, size: number): Promise<Run> {
  say(`\n${engine}, ${number.format(size)} persons (load average ${load()})`);
  const prepared = await prepare(engine, size);
  const loadBefore = load();
  try {
    const seeded = await seed(prepared.env, size);

    const colds: { ms: number; rss: number }[] = [];
    for (let i = 0; i < coldStarts; i += 1) {
      const server = await startProcess(prepared, 'suoja', 'cold-start.log');
      colds.push({ ms: server.startMs, rss: rssOf(server.child.pid!).rss });
      await server.stop();
    }
    if (colds.length > 0) say(`  cold start: ${colds.map((c) => `${c.ms.toFixed(0)} ms`).join(', ')} (RSS ${colds.map((c) => mb(c.rss)).join(', ')})`);

    const server = await startProcess(prepared, 'bench', 'server.log');
    const pid = server.child.pid!;
    const loads: LoadResult[] = [];
    let rssIdle = 0;
    let rssHighWater = 0;
    try {
      const cookie = await signIn(server.base, seeded.setupToken);
      rssIdle = rssOf(pid).rss;
      const api = (p: string) => `${server.base}${p}`;
      const scenarios: (Scenario & { key: string })[] = [
        { key: 'bare', name: 'bare route: one query for the client row', url: `http://127.0.0.1:${server.barePort}/bare/clients/${seeded.pageClient}`, expect: 200 },
        { key: 'logged', name: 'bare logged read: the client row and its audit entry in one statement', url: `http://127.0.0.1:${server.barePort}/bare/logged/clients/${seeded.pageClient}`, expect: 200 },
        { key: 'page', name: 'client page (GET /api/clients/:id)', url: api(`/api/clients/${seeded.pageClient}`), headers: { cookie }, expect: 200 },
        { key: 'list', name: 'client list, 25 rows (GET /api/clients?pageSize=25)', url: api('/api/clients?page=1&pageSize=25'), headers: { cookie }, expect: 200 },
        { key: 'search', name: 'search by name (GET /api/clients?q=…)', url: api(`/api/clients?q=${encodeURIComponent(seeded.familyName)}&pageSize=25`), headers: { cookie }, expect: 200 },
        {
          key: 'note',
          name: 'write a journal note (POST /api/clients/:id/notes)',
          url: api(`/api/clients/${seeded.noteClient}/notes`),
          method: 'POST',
          headers: { cookie, origin: server.base, 'content-type': 'application/json' },
          body: JSON.stringify({ body: 'Phoned the client: the appointment at the clinic is confirmed for Tuesday.' }),
          expect: 201,
        },
      ];
      // In the order --routes names them; a route the server cannot get to (still busy with the
      // previous route's backlog, or no answer at all) is reported and skipped, not the whole run.
      for (const scenario of [...routes].flatMap((key) => scenarios.filter((x) => x.key === key))) {
        if (!(await drained(server.base))) {
          say(`  ${scenario.name}: skipped, the server was still busy with the previous route's requests`);
          continue;
        }
        let r: LoadResult;
        try {
          r = await underLoad(scenario, pid, engine);
        } catch (error) {
          say(`  ${scenario.name}: failed (${String(error)}); skipped`);
          continue;
        }
        loads.push(r);
        say(`  ${r.name}: ${number.format(Math.round(r.rps))} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; RSS peak ${mb(r.rssPeak)}; CPU per request ${r.serverCpuMs.toFixed(2)} ms server${r.postgresCpuMs === null ? '' : `, ${r.postgresCpuMs.toFixed(2)} ms PostgreSQL`}${r.unexpected ? `; ${r.unexpected} unexpected answers` : ''}`);
      }
      rssHighWater = rssOf(pid).peak;
    } catch (error) {
      say(`  the load failed: ${String(error)}; server log: ${server.log}`);
      throw error;
    } finally {
      await server.stop();
    }

    const ctx = await openContext(prepared.env);
    let audit;
    try {
      audit = await verifyAuditChain(ctx.database.db);
    } finally {
      await ctx.close();
    }
    say(`  audit trail: ${number.format(audit.entries)} entries, chain ${audit.ok ? 'verified' : 'BROKEN'}`);
    return { engine, persons: seeded.persons, inScope: seeded.inScope, buildSeconds: seeded.buildSeconds, retention: seeded.retention, overview: seeded.overview, coldStarts: colds, loads, rssIdle, rssHighWater, audit, loadBefore, loadAfter: load() };
  } finally {
    await prepared.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// The run.

const startedAt = new Date();
say(`Benchmark ${startedAt.toISOString()}: sizes ${sizes.join(', ')}; engines ${engines.join(', ')}; ${connections} connections, ${duration} s per route; server ${serverKind}; load average ${load()}`);
if (serverKind === 'built' && !values['no-build']) {
  say('Building the server (npm run build:server)…');
  execFileSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'inherit' });
}
if (serverKind === 'built' && !existsSync(path.join(root, 'dist/server/main.js'))) throw new Error('dist/server is not built: run npm run build:server');

const runs: Run[] = [];
for (const engine of engines) for (const size of sizes) runs.push(await measure(engine, size));

let importRate: { persons: number; rate: number } | null = null;
if (importPersons > 0) {
  say(`\nImport of ${number.format(importPersons)} persons (bench/import.ts, embedded database)…`);
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench/import.ts'), '--persons', String(importPersons)], { cwd: root, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    process.stdout.write(b);
  });
  const [code] = (await once(child, 'exit')) as [number];
  const match = /^Import: .*?([\d,]+) persons\/s/m.exec(out);
  const persons = /Register: ([\d,]+) persons/.exec(out);
  if (code !== 0 || !match) say(`  the import benchmark failed (exit ${code})`);
  else importRate = { persons: Number(persons?.[1]?.replace(/,/g, '') ?? importPersons), rate: Number(match[1]!.replace(/,/g, '')) };
}

// ---------------------------------------------------------------------------------------------
// Targets.

type Verdict = 'pass' | 'FAIL' | 'not measured';
/** Without --import, the import section of an earlier run (bench/import.ts) still answers its target. */
const earlierImport = (() => {
  const file = path.resolve(root, values.results);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const section = text.slice(Math.max(0, text.indexOf('## Exchange import and export')));
  const rate = /import JSON into an empty database[^\n]*\*\*([\d,]+) persons\/s\*\*/.exec(section);
  const measured = /Measured (\d{4}-\d{2}-\d{2})/.exec(section);
  const register = /Register: ([\d,]+) persons/.exec(section);
  return rate ? { rate: Number(rate[1]!.replace(/,/g, '')), note: `import section of ${measured?.[1] ?? 'an earlier run'}, ${register?.[1] ?? '?'} persons` } : null;
})();
const verdict = (ok: boolean | null): Verdict => (ok === null ? 'not measured' : ok ? 'pass' : 'FAIL');
const near = (persons: number, size: number) => Math.abs(persons - size) / size < 0.1;
const findLoad = (run: Run | undefined, prefix: string) => run?.loads.find((l) => l.name.startsWith(prefix));
const pg100k = runs.find((r) => r.engine === 'postgres' && near(r.persons, 100_000));
const page = findLoad(pg100k, 'client page');
const bareRoute = findLoad(pg100k, 'bare route');
const loggedFloor = findLoad(pg100k, 'bare logged read');
const lite100k = runs.find((r) => r.engine === 'pglite' && near(r.persons, 100_000) && r.overview);
const rssOfRun = (r: Run) => Math.max(r.rssHighWater, ...r.loads.map((l) => l.rssPeak));
const rssByEngine = engines
  .map((e) => ({ engine: e, runs: runs.filter((r) => r.engine === e && r.loads.length > 0) }))
  .filter((x) => x.runs.length > 0)
  .map((x) => ({ engine: x.engine, rss: Math.max(...x.runs.map(rssOfRun)) }));
const rssMax = rssByEngine.length > 0 ? Math.max(...rssByEngine.map((x) => x.rss)) : null;
const targets: [string, string, Verdict][] = [
  [
    'client page p99 < 50 ms at 50 connections, 100,000 persons, PostgreSQL',
    page ? `p99 ${page.p99.toFixed(1)} ms at ${connections} connections` : '—',
    verdict(page ? page.p99 < 50 && connections >= 50 : null),
  ],
  [
    'client page ≥ half the bare route’s throughput (same run)',
    page && bareRoute ? `${number.format(Math.round(page.rps))} / ${number.format(Math.round(bareRoute.rps))} req/s = ${(page.rps / bareRoute.rps).toFixed(2)}` : '—',
    verdict(page && bareRoute ? page.rps >= bareRoute.rps / 2 : null),
  ],
  [
    'overview ≤ 1.5× its bare queries and < 2 s, 100,000 persons, embedded database',
    lite100k?.overview ? `${lite100k.overview.whole.toFixed(0)} ms / ${lite100k.overview.bare.toFixed(0)} ms = ${(lite100k.overview.whole / lite100k.overview.bare).toFixed(2)}×` : '—',
    verdict(lite100k?.overview ? lite100k.overview.whole <= 1.5 * lite100k.overview.bare && lite100k.overview.whole < 2000 : null),
  ],
  importRate
    ? ['import ≥ 1,000 persons/s', `${number.format(importRate.rate)} persons/s (${number.format(importRate.persons)} persons)`, verdict(importRate.rate >= 1000)]
    : earlierImport
      ? ['import ≥ 1,000 persons/s', `${number.format(earlierImport.rate)} persons/s (${earlierImport.note}; not run this time)`, verdict(earlierImport.rate >= 1000)]
      : ['import ≥ 1,000 persons/s', '—', verdict(null)],
  ['serving < 512 MB RSS', rssByEngine.length > 0 ? rssByEngine.map((x) => `${x.engine}: highest ${mb(x.rss)}${x.rss < 512 * 1_048_576 ? '' : ' (over)'}`).join('; ') : '—', verdict(rssMax !== null ? rssMax < 512 * 1_048_576 : null)],
];
say('\nTargets:');
for (const [what, figure, v] of targets) say(`  ${v.padEnd(12)} ${what}: ${figure}`);

// ---------------------------------------------------------------------------------------------
// bench/results.md: the sections of this run are replaced, the others kept.

const date = startedAt.toISOString().slice(0, 10);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB memory, ${osType()} ${release()}, Node.js ${process.version}`;
const engineName = (e: Engine) => (e === 'pglite' ? 'embedded (PGlite, on disk)' : 'PostgreSQL');
const sections = new Map<string, string>();

sections.set(
  'Reproduce',
  [
    '## Reproduce',
    '',
    '```sh',
    'npm run bench                                   # everything: 1,000 / 100,000 / 1,000,000 persons, both engines, 20 s per route',
    'npm run bench -- --sizes 1000,100000 --engines pglite,postgres --duration 5 --import 0   # a quick run',
    'npm run bench:plans                             # EXPLAIN (ANALYZE, BUFFERS) of the list and search queries → bench/plans/',
    'npx tsx bench/overview.ts --persons 1000,100000 --runs 7                             # the overview alone',
    'node --expose-gc --import tsx bench/import.ts --persons 100000 [--xlsx]              # import and export alone',
    '```',
    '',
    'PostgreSQL: `--postgres-url` (or `BENCH_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`)',
    'names a server where that user may create databases; the benchmark creates and drops',
    '`suoja_bench_<size>` there. The server runs in its own process: `node bin/suoja.js serve` (the',
    'built server, what `npm start` runs) for the cold starts, and `bench/serve.ts` — the same',
    '`startServer`, plus two bare Fastify routes on another port that exist only in that benchmark',
    'process — the client\'s row read with one query, and read with its audit entry appended in the',
    'same statement (the bare logged read: what every read of a person\'s data costs at least) — under',
    'load. autocannon runs in the benchmark process, on the same machine: on two',
    'cores the load generator and the server share the CPU, so the ratio to the bare route, measured',
    'in the same run, counts more than the absolute figures. Run options: see the head of `bench/run.ts`.',
    '',
  ].join('\n'),
);

sections.set(
  'Targets',
  [
    '## Targets',
    '',
    `Of the run of ${date} (sizes ${sizes.map((s) => number.format(s)).join(', ')}; engines ${engines.join(', ')}; ${duration} s per route). A target whose figure this run did not measure says so.`,
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    ...targets.map(([what, figure, v]) => `| ${what} | ${figure} | ${v === 'pass' ? 'pass' : `**${v}**`} |`),
    '',
    ...(loggedFloor && bareRoute
      ? [
          `The floor of an audited read in the same run (PostgreSQL, 100,000 persons; not a target): the bare logged read — the client's row and its entry in the audit trail's hash chain, one statement — ${number.format(Math.round(loggedFloor.rps))} req/s, p99 ${loggedFloor.p99.toFixed(1)} ms, ${(loggedFloor.rps / bareRoute.rps).toFixed(2)} of the bare route.`,
          '',
        ]
      : []),
  ].join('\n'),
);

if (runs.length > 0) {
  const lines = [
    '## API under load, cold start and memory (`npm run bench`)',
    '',
    `Measured ${date}; ${machine}; server: ${serverKind === 'built' ? 'built (dist/)' : 'sources through tsx'}, LOG_LEVEL=info. ${connections} connections, ${duration} s per route after a ${warmup} s warm-up at 10 connections; latencies as the load generator saw them (it runs on the same two cores); CPU per answered request of the server's process (the embedded database runs inside it) and of the PostgreSQL server's processes on this machine.`,
    'The caseworker (Helsinki office, signed in with password and TOTP) reads one client\'s page (10 notes, 3 tasks) and writes notes on another; every read and write is in the hash-chained audit trail, verified after each run.',
    '',
  ];
  for (const run of runs) {
    lines.push(`### ${engineName(run.engine)}, ${number.format(run.persons)} persons`);
    lines.push('');
    lines.push(`Register built in ${run.buildSeconds.toFixed(1)} s; ${number.format(run.inScope)} persons have a Helsinki clientship. Load average ${run.loadBefore} before, ${run.loadAfter} after.`);
    lines.push(
      `Retention before the load: ${number.format(run.retention.erased)} persons' identifying data erased in ${run.retention.seconds.toFixed(1)} s, the tables that held it rewritten included; the rewrite alone (run again) ${run.retention.rewriteSeconds.toFixed(1)} s, each table's reads waiting while it is rewritten.` +
        (run.retention.upkeep
          ? ` The daily upkeep (every table vacuumed and analysed, one statement each): ${(run.retention.upkeep.milliseconds / 1000).toFixed(1)} s for ${run.retention.upkeep.tables} tables, the longest ${run.retention.upkeep.longest?.table} ${((run.retention.upkeep.longest?.milliseconds ?? 0) / 1000).toFixed(1)} s.`
          : ''),
    );
    if (run.coldStarts.length > 0) {
      const sorted = [...run.coldStarts].sort((a, b) => a.ms - b.ms);
      lines.push(`Cold start to a healthy \`/api/health\` on the existing ${run.engine === 'pglite' ? 'data directory' : 'database'}: ${run.coldStarts.map((c) => `${c.ms.toFixed(0)} ms`).join(', ')} (median ${sorted[Math.floor(sorted.length / 2)]!.ms.toFixed(0)} ms); RSS when healthy ${mb(sorted[0]!.rss)}.`);
    }
    if (run.overview) lines.push(`Yearly overview: bare queries ${run.overview.bare.toFixed(0)} ms, whole overview ${run.overview.whole.toFixed(0)} ms (${(run.overview.whole / run.overview.bare).toFixed(2)}×; medians of ${overviewRuns}).`);
    lines.push('');
    if (run.loads.length > 0) {
      const bare = run.loads.find((l) => l.name.startsWith('bare route'));
      lines.push('| route | alone ms | requests/s | vs bare | p50 ms | p95 ms | p99 ms | max ms | unexpected answers | server RSS peak | CPU ms per request: server | CPU ms per request: PostgreSQL |');
      lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
      const ms = (x: number, digits = 1) => (Number.isNaN(x) ? `> ${duration * 1000}` : x.toFixed(digits));
      for (const l of run.loads) {
        lines.push(`| ${l.name} | ${ms(l.aloneMs)} | ${number.format(Math.round(l.rps))} | ${bare ? (l.rps / bare.rps).toFixed(2) : '—'} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max, 0)} | ${l.unexpected + l.errors} | ${mb(l.rssPeak)} | ${l.serverCpuMs.toFixed(2)} | ${l.postgresCpuMs === null ? '—' : l.postgresCpuMs.toFixed(2)} |`);
      }
      if (run.loads.some((l) => l.requests === 0)) lines.push('', `A route with no answer within the ${duration} s of its run is shown as \`> ${duration * 1000}\` ms: every one of its ${connections} connections was still waiting when the run ended (not counted as an error).`);
      lines.push('');
      lines.push(`Server RSS: ${mb(run.rssIdle)} signed in and idle, high-water mark ${mb(run.rssHighWater)} over the whole load. Audit trail after the load: ${number.format(run.audit.entries)} entries, hash chain ${run.audit.ok ? 'verified' : '**broken**'}.`);
      lines.push('');
    }
  }
  sections.set('API under load', lines.join('\n'));
}

const withOverview = runs.filter((r) => r.overview);
if (withOverview.length > 0) {
  sections.set(
    'The yearly overview',
    [
      `## The yearly overview (\`npm run bench\`, or \`npx tsx bench/overview.ts\`)`,
      '',
      'Whole overview = every figure of the catalogue with naming, margins, shares, nationality',
      'grouping, the disclosure check and the data hash (`buildReport`); floor = the same aggregate',
      'queries and data hash run directly (`runFigureQueries`). The register is the demo data set',
      `copied in SQL to the size asked for (\`bench/register.ts\`). ${date}, medians of ${overviewRuns}:`,
      '',
      '| engine | persons | bare queries (ms) | whole overview (ms) | ratio | target ≤ 1.5×, < 2 s at 100,000 (embedded) |',
      '|---|---:|---:|---:|---:|---|',
      ...withOverview.map((r) => {
        const o = r.overview!;
        const ratio = o.whole / o.bare;
        const ok = ratio <= 1.5 && (!(r.engine === 'pglite' && r.persons >= 90_000 && r.persons < 900_000) || o.whole < 2000);
        return `| ${r.engine} | ${number.format(r.persons)} | ${o.bare.toFixed(0)} | ${o.whole.toFixed(0)} | ${ratio.toFixed(2)} | ${ok ? 'pass' : 'FAIL'} |`;
      }),
      '',
    ].join('\n'),
  );
}

const ORDER = ['Reproduce', 'Targets', 'API under load', 'The yearly overview', 'Exchange import and export'];
const resultsFile = path.resolve(root, values.results);
const before = existsSync(resultsFile) ? await readFile(resultsFile, 'utf8') : '';
const kept = new Map<string, string>();
for (const part of before.split(/\n(?=## )/).slice(1)) {
  const title = part.slice(3).split('\n')[0]!;
  const key = ORDER.find((k) => title.startsWith(k)) ?? title;
  kept.set(key, part.trimEnd() + '\n');
}
/** Subsections (### …) of a kept section that this run did not measure stay, after this run's. */
function mergeSubsections(previous: string | undefined, current: string): string {
  if (!previous) return current;
  const subs = (text: string) => text.split(/\n(?=### )/).slice(1).map((t) => [t.split('\n')[0]!, t.trimEnd()] as const);
  const mine = new Set(subs(current).map(([title]) => title));
  const others = subs(previous).filter(([title]) => !mine.has(title));
  return others.length === 0 ? current : `${current.trimEnd()}\n\n${others.map(([, t]) => t).join('\n\n')}\n`;
}
/** Rows of the overview table (engine, persons) that this run did not measure stay. */
function mergeRows(previous: string | undefined, current: string): string {
  if (!previous) return current;
  const rowsOf = (text: string) => text.split('\n').filter((l) => /^\| (pglite|postgres) \|/.test(l));
  const key = (l: string) => l.split('|').slice(1, 3).join('|');
  const mine = new Set(rowsOf(current).map(key));
  const others = rowsOf(previous).filter((l) => !mine.has(key(l)));
  if (others.length === 0) return current;
  const lines = current.split('\n');
  const last = lines.map((l, i) => (/^\| (pglite|postgres) \|/.test(l) ? i : -1)).filter((i) => i >= 0).pop()!;
  lines.splice(last + 1, 0, ...others);
  return lines.join('\n');
}
for (const [key, text] of sections) {
  const previous = kept.get(key);
  kept.set(key, key === 'API under load' ? mergeSubsections(previous, text) : key === 'The yearly overview' ? mergeRows(previous, text) : text);
}
const keys = [...ORDER.filter((k) => kept.has(k)), ...[...kept.keys()].filter((k) => !ORDER.includes(k))];
const header = [
  '# Benchmark results',
  '',
  `Machine of the last run (${date}): ${machine}; a shared virtual machine where other work runs at the same time (the load average is given with each figure).`,
  'Figures are medians or percentiles of one run; the ratio to the floor measured in the same run is',
  'the figure that counts on a noisy machine.',
  '',
].join('\n');
await writeFile(resultsFile, `${header}\n${keys.map((k) => kept.get(k)!.trimEnd()).join('\n\n')}\n`);
say(`\nFigures written to ${path.relative(root, resultsFile)}`);
