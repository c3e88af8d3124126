/**
 * Where the time of one client page goes: the page of a demo client loaded 300 times in this
 * process (10 at a time, through `app.inject`), with the CPU profile of the process grouped by
 * package, and the statements one page sends.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/profile.ts
 *
 * (without TEST_DATABASE_URL on the embedded database in memory). The profile is written to
 * bench/data/client-page.cpuprofile (open it in Chrome's DevTools).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { loadDemo } from '../src/server/demo/load.js';
import { createTestApp } from '../test/app.js';
import { TEST_ENGINE } from '../test/database.js';
import { createSignedInUser, get } from '../test/identity.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

let statements = 0;
const t = await createTestApp({}, undefined, { onQuery: () => (statements += 1) });
try {
  await loadDemo(t.ctx);
  const caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  const { rows } = await sql<{ id: string }>`
    select p.id from person p where p.given_names is not null
       and exists (select 1 from clientship c where c.person_id = p.id and c.office_code = 'helsinki') order by p.number limit 1`.execute(t.ctx.database.db);
  const url = `/api/clients/${rows[0]!.id}`;
  for (let i = 0; i < 50; i += 1) await get(t.app, url, caseworker.cookie);
  statements = 0;
  await get(t.app, url, caseworker.cookie);
  const perPage = statements;

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const pages = 300;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = 0; i < pages / 10; i += 1) await get(t.app, url, caseworker.cookie);
    }),
  );
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const { profile } = await session.post('Profiler.stop');
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'data');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'client-page.cpuprofile'), JSON.stringify(profile));

  const nodes = new Map((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
  const byPart = new Map<string, number>();
  let total = 0;
  profile.samples!.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const url = frame.url;
    const part = url.includes('/node_modules/') ? url.split('/node_modules/')[1]!.split('/')[0]! : url.includes('/src/') ? `suoja ${url.split('/src/')[1]}` : frame.functionName || '(native)';
    const dt = profile.timeDeltas![i] ?? 0;
    byPart.set(part, (byPart.get(part) ?? 0) + dt);
    total += dt;
  });
  process.stdout.write(`${TEST_ENGINE}: ${pages} client pages in ${elapsed.toFixed(0)} ms; ${((used.user + used.system) / 1000 / pages).toFixed(2)} ms of this process's CPU per page; ${perPage} statements per page\n`);
  for (const [part, dt] of [...byPart].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`${((dt / total) * 100).toFixed(1).padStart(5)}%  ${part}\n`);
} finally {
  await t.close();
}
