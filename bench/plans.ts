/**
 * Query plans of every list and search the API serves: `npm run bench:plans [-- --persons 100000]`.
 *
 * Builds a register of that many persons (bench/register.ts) in a new PostgreSQL database
 * `suoja_bench_plans` (on --postgres-url / BENCH_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; dropped at the end unless --keep), adds a year of
 * synthetic audit entries (--audit 300000) and some notes and tasks, signs in a caseworker, a
 * team leader, a decision maker, a helpline worker and an auditor, and sends each list and search
 * request through the application. Every SELECT a request sends is captured with its parameters
 * and run again under `EXPLAIN (ANALYZE, BUFFERS)`; the plans go to bench/plans/<request>.txt and
 * an index with each statement's time and its sequential scans to bench/plans/index.md.
 * The review of the plans is bench/plans/README.md (written by hand).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
// @ts-expect-error -- the driver's own conversion of values to their text form; not in its type declarations
import { prepareValue } from 'pg/lib/utils.js';
import { buildApp } from '../src/server/app.js';
import { systemClock } from '../src/server/clock.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { KeyRing } from '../src/server/crypto/keyring.js';
import { connectDatabase } from '../src/server/db/connect.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { VERSION } from '../src/server/version.js';
import { createSignedInUser, get, post, type TestUser } from '../test/identity.js';
import { adminStatement, buildRegister, createBenchDatabase } from './register.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    audit: { type: 'string', default: '300000' },
    'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    keep: { type: 'boolean', default: false },
  },
});
const here = path.dirname(new URL(import.meta.url).pathname);
const outDir = path.join(here, 'plans');
const NAME = 'suoja_bench_plans';
const say = (text: string) => process.stdout.write(`${text}\n`);
const executionTime = (plan: string) => (Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN)).toFixed(2);
const seqScans = (plan: string) =>
  [...plan.matchAll(/Seq Scan on (\w+)(?: \w+)?\s+\(cost=[^)]*\) \(actual time=[^ ]+ rows=(\d+) loops=(\d+)\)/g)].map((m) => `${m[1]} (${(Number(m[2]) * Number(m[3])).toLocaleString('en')})`).join(', ');

const databaseUrl = await createBenchDatabase(values['postgres-url'], NAME);

let capturing: { sql: string; parameters: readonly unknown[] }[] | null = null;
const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
const database = await connectDatabase(config.database, { onQuery: (text, parameters) => capturing?.push({ sql: text, parameters }) });
const explainer = new pg.Client({ connectionString: databaseUrl });

/** The statement's generic plan, run with its values: prepared under force_generic_plan and explained as EXECUTE. */
async function genericPlan(text: string, parameters: readonly unknown[]): Promise<string> {
  await explainer.query('set plan_cache_mode = force_generic_plan');
  try {
    await explainer.query(`prepare generic_plan as ${text}`);
    // EXECUTE takes its values as literals (its arguments are no parameters), in the text form the driver sends.
    const literal = (value: unknown) => (value === null || value === undefined ? 'null' : explainer.escapeLiteral(String(prepareValue(value))));
    const args = parameters.length > 0 ? `(${parameters.map(literal).join(', ')})` : '';
    const { rows } = await explainer.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) execute generic_plan${args}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await explainer.query('deallocate all');
    await explainer.query('reset plan_cache_mode');
  }
}
try {
  await migrateToLatest(database.db);
  const keyring = await KeyRing.open(database.db, randomBytes(32));
  const ctx: AppContext = { config, database, keyring, clock: systemClock, version: VERSION };
  const started = Date.now();
  const built = await buildRegister(ctx, Number(values.persons));
  say(`Register: ${built.persons.toLocaleString('en')} persons (${((Date.now() - started) / 1000).toFixed(0)} s)`);

  const app = await buildApp(ctx, { webDir: '/nonexistent-web-dir' });
  await app.ready();
  const caseworker = await createSignedInUser(app, ctx, ['caseworker'], ['helsinki']);
  const leader = await createSignedInUser(app, ctx, ['team_leader'], ['helsinki']);
  const decider = await createSignedInUser(app, ctx, ['decision_maker'], []);
  const helpline = await createSignedInUser(app, ctx, ['helpline'], ['helsinki']);
  const auditor = await createSignedInUser(app, ctx, ['auditor'], []);

  // Work of the caseworker: clients assigned to them, notes and tasks on some of them.
  const db = database.db;
  // Among the demo's own persons: the copies' ids are derived, not version-4 UUIDs, which the API's routes refuse.
  await sql`update clientship set caseworker_id = ${caseworker.id} where id in (
    select c.id from clientship c join person p on p.id = c.person_id where c.office_code = 'helsinki' and p.given_names is not null order by c.id limit 300)`.execute(db);
  await sql`update application set caseworker_id = ${caseworker.id} where id in (select id from application where office_code = 'helsinki' order by id limit 300)`.execute(db);
  const { rows: clients } = await sql<{ id: string; number: string }>`
    select p.id, p.number from person p join clientship c on c.person_id = p.id where c.caseworker_id = ${caseworker.id} order by p.number limit 20`.execute(db);
  for (const client of clients.slice(0, 10)) {
    const note = await post(app, `/api/clients/${client.id}/notes`, { body: 'Met the client at the office.' }, caseworker.cookie);
    if (note.statusCode !== 201) throw new Error(`note: ${note.body}`);
    const task = await post(app, `/api/clients/${client.id}/tasks`, { title: 'Call back', dueOn: '2030-01-15', assigneeId: caseworker.id }, caseworker.cookie);
    if (task.statusCode !== 201) throw new Error(`task: ${task.body}`);
  }
  // A year of audit entries of many users (not chained: this database only serves the plans).
  const audit = Number(values.audit);
  if (audit > 0) {
    await sql`
      with ids as materialized (select array_agg(id::text order by id) as a from person)
      insert into audit_event (at, actor_id, actor_kind, actor_roles, actor_offices, action, object_type, object_ids, reason, outcome, address, details, prev_hash, hash)
      select now() - (g % 525600) * interval '1 minute', (array[${caseworker.id}, ${leader.id}, ${decider.id}, ${helpline.id}]::uuid[])[1 + g % 4], 'user',
             array['caseworker'], array['helsinki'], (array['client.read', 'client.search', 'note.create', 'application.read', 'client.reveal'])[1 + g % 5], 'person',
             array[ids.a[1 + (g::bigint * 7919) % cardinality(ids.a)]], null, 'success', '127.0.0.1', '{}'::jsonb, repeat('0', 64), md5(g::text) || md5(g::text)
        from generate_series(1, ${audit}) g, ids`.execute(db);
    say(`Audit trail: ${audit.toLocaleString('en')} synthetic entries`);
  }
  await sql`analyze`.execute(db);

  const client = clients[0]!;
  const requests: { name: string; user: TestUser; url: string }[] = [
    { name: 'client-list', user: caseworker, url: '/api/clients?page=1&pageSize=25' },
    { name: 'client-list-page-40', user: caseworker, url: '/api/clients?page=40&pageSize=25' },
    { name: 'client-list-active-victims', user: caseworker, url: '/api/clients?status=active&category=victim&pageSize=25' },
    { name: 'client-list-mine', user: caseworker, url: `/api/clients?caseworkerId=${caseworker.id}&pageSize=25` },
    { name: 'client-list-nationality', user: caseworker, url: '/api/clients?nationality=RO&birthYear=1990&pageSize=25' },
    { name: 'client-search-number', user: caseworker, url: `/api/clients?q=${client.number}` },
    { name: 'client-search-name', user: caseworker, url: '/api/clients?q=Maria&pageSize=25' },
    { name: 'client-list-decision-maker-all', user: decider, url: '/api/clients?page=1&pageSize=25' },
    { name: 'client-page', user: caseworker, url: `/api/clients/${client.id}` },
    { name: 'client-viewers', user: leader, url: `/api/clients/${client.id}/viewers` },
    { name: 'applications-open', user: caseworker, url: '/api/applications?list=open' },
    { name: 'applications-mine', user: caseworker, url: '/api/applications?list=mine' },
    { name: 'applications-office', user: caseworker, url: '/api/applications?list=office' },
    { name: 'applications-overdue', user: caseworker, url: '/api/applications?list=overdue' },
    { name: 'applications-all', user: decider, url: '/api/applications?list=all' },
    { name: 'decisions-awaiting', user: decider, url: '/api/decisions/awaiting' },
    { name: 'worklists-caseworker', user: caseworker, url: '/api/worklists' },
    { name: 'worklists-decision-maker', user: decider, url: '/api/worklists' },
    { name: 'reflection-periods-ending', user: caseworker, url: '/api/worklists/reflection-periods' },
    { name: 'tasks-mine', user: caseworker, url: '/api/tasks' },
    { name: 'notes-recent', user: caseworker, url: '/api/notes/recent' },
    { name: 'helpline-contacts', user: helpline, url: '/api/helpline/contacts' },
    { name: 'alerts', user: leader, url: '/api/alerts' },
    { name: 'audit-log', user: auditor, url: '/api/audit?limit=50' },
    { name: 'audit-log-by-actor', user: auditor, url: `/api/audit?actorId=${caseworker.id}&limit=50` },
    { name: 'audit-log-by-action-and-day', user: auditor, url: '/api/audit?action=client.reveal&from=2026-06-01&to=2026-06-30&limit=50' },
    { name: 'audit-log-by-object', user: auditor, url: `/api/audit?objectId=${client.id}&limit=50` },
  ];

  await explainer.connect();
  await mkdir(outDir, { recursive: true });
  for (const file of await readdir(outDir)) if (file.endsWith('.txt') || file === 'index.md') await rm(path.join(outDir, file));
  const index: string[] = [
    '# Query plans',
    '',
    `Written by \`npm run bench:plans\` on ${new Date().toISOString().slice(0, 10)}: PostgreSQL, ${built.persons.toLocaleString('en')} persons, ${audit.toLocaleString('en')} audit entries. Each statement a request sends (but the session's own and the audit chain's lock) under \`EXPLAIN (ANALYZE, BUFFERS)\`, planned for its values and as a generic plan (the plan made without the values, which PostgreSQL keeps for the statements built once — the client page and the session — while the server's other statements are planned for their values at every run: the generic column shows why); sequential scans are listed with the rows they read. The review: [README.md](README.md).`,
    '',
    '| request | statement | time (ms) | sequential scans (rows read) | generic plan: time (ms) | generic plan: sequential scans |',
    '|---|---|---:|---|---:|---|',
  ];
  for (const request of requests) {
    capturing = [];
    const res = await get(app, request.url, request.user.cookie);
    const statements = capturing;
    capturing = null;
    if (res.statusCode !== 200) throw new Error(`${request.name}: ${res.statusCode} ${res.body}`);
    const selects = statements.filter((s) => /^\s*(select|with)\b/i.test(s.sql) && !/"staff_session"|pg_advisory_xact_lock/.test(s.sql));
    const out: string[] = [`GET ${request.url}`, `${selects.length} statements explained (of ${statements.length} sent)`, ''];
    let n = 0;
    for (const statement of selects) {
      n += 1;
      const { rows } = await explainer.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${statement.sql}`, statement.parameters as unknown[]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      const generic = await genericPlan(statement.sql, statement.parameters);
      out.push(`-- ${n}. ${statement.sql}`, `-- parameters: ${JSON.stringify(statement.parameters)}`, plan, '', `-- ${n}. the generic plan (what a prepared statement may keep after its fifth run)`, generic, '');
      index.push(
        `| [${request.name}](${request.name}.txt) | ${n}. \`${statement.sql.replace(/\s+/g, ' ').slice(0, 90).replace(/\|/g, '\\|')}…\` | ${executionTime(plan)} | ${seqScans(plan)} | ${executionTime(generic)} | ${seqScans(generic)} |`,
      );
    }
    await writeFile(path.join(outDir, `${request.name}.txt`), out.join('\n'));
    say(`${request.name}: ${selects.length} statements`);
  }
  await writeFile(path.join(outDir, 'index.md'), `${index.join('\n')}\n`);
  await app.close();
  say(`Plans written to ${outDir}`);
} finally {
  await explainer.end().catch(() => {});
  await database.close();
  if (!values.keep) await adminStatement(values['postgres-url'], `drop database if exists ${NAME} with (force)`);
}
