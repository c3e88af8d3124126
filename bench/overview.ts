/**
 * The yearly overview against its floor: the time to compute every figure of the catalogue
 * (queries, naming, margins, shares, nationality grouping, disclosure check) next to the time of
 * its bare aggregate queries run directly, for registers of growing size.
 *
 *   npx tsx bench/overview.ts [--persons 1000,100000] [--runs 7]
 *
 * On the embedded database by default; with DATABASE_URL on that PostgreSQL database (which
 * must be empty: the benchmark loads the register into it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ManualClock } from '../src/server/clock.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { KeyRing } from '../src/server/crypto/keyring.js';
import { connectDatabase } from '../src/server/db/connect.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { buildReport, runFigureQueries } from '../src/server/statistics/figures.js';
import { periodOf } from '../src/server/statistics/period.js';
import type { Executor } from '../src/server/db/transaction.js';
import { VERSION } from '../src/server/version.js';
import { buildRegister } from './register.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Medians of `runs` alternating runs of the bare figure queries and of the whole overview for
 * 2025, on a database that already holds a register (also used by `bench/run.ts`).
 */
export async function overviewTimes(db: Executor, runs: number): Promise<{ bare: number; whole: number }> {
  const period = periodOf(2025);
  // Warm up both paths once, then alternate so that both see the same cache and noise.
  await runFigureQueries(db, period);
  await buildReport(db, period, 5);
  const bare: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    bare.push(await time(() => runFigureQueries(db, period)));
    whole.push(await time(() => buildReport(db, period, 5)));
  }
  return { bare: median(bare), whole: median(whole) };
}

async function measure(persons: number, runs: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'suoja-bench-'));
  const config = loadConfig({ ...process.env, SUOJA_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = await connectDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const keyring = await KeyRing.open(database.db, randomBytes(32));
    const ctx: AppContext = { config, database, keyring, clock: new ManualClock(new Date('2026-01-15T09:00:00Z')), version: VERSION };
    const built = await buildRegister(ctx, persons);
    return { persons: built.persons, engine: database.kind, ...(await overviewTimes(database.db, runs)) };
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { persons: { type: 'string', default: '1000,100000' }, runs: { type: 'string', default: '7' } } });
  const sizes = values.persons.split(',').map(Number);
  const runs = Number(values.runs);
  console.log(`Overview benchmark — ${new Date().toISOString()} — Node ${process.version}, ${runs} runs, medians`);
  console.log('| engine | persons | bare queries (ms) | whole overview (ms) | ratio | target ≤ 1.5× |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const persons of sizes) {
    const r = await measure(persons, runs);
    const ratio = r.whole / r.bare;
    console.log(`| ${r.engine} | ${r.persons.toLocaleString('en')} | ${r.bare.toFixed(0)} | ${r.whole.toFixed(0)} | ${ratio.toFixed(2)} | ${ratio <= 1.5 ? 'pass' : 'FAIL'} |`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
