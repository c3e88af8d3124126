/**
 * Import and export of a large register through the exchange format, on the embedded database
 * (PGlite with its data directory on disk, as `suoja` runs by default) or on the PostgreSQL
 * database of DATABASE_URL (which must be empty).
 *
 *   node --expose-gc --import tsx bench/import.ts [--persons 100000] [--xlsx]
 *
 * (--expose-gc lets each step start from a collected heap, so its peak is its own.)
 *
 * The register: the demo data set (4,641 persons with their applications, decisions,
 * clientships, exploitations, services and helpline contacts) exported once and copied until it
 * holds the persons asked for, each copy's refs prefixed with its number. It is written to
 * bench/data/ and then:
 *   1. imported into an empty database (time, persons per second, peak memory),
 *   2. imported again (nothing may change),
 *   3. exported again, which must give back the file byte for byte,
 *   4. with --xlsx: exported as XLSX and that workbook imported into another empty database.
 * The figures go into bench/results.md (section "Exchange import and export").
 */
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { operatorActor } from '../src/server/access/actor.js';
import { ManualClock } from '../src/server/clock.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { KeyRing } from '../src/server/crypto/keyring.js';
import { connectDatabase, type Database } from '../src/server/db/connect.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { generateDemo } from '../src/server/demo/generate.js';
import { loadDemo } from '../src/server/demo/load.js';
import { exportExchange } from '../src/server/exchange/export.js';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, KINDS, type ExchangeDocument, type Kind } from '../src/server/exchange/format.js';
import { importExchange, type ImportPhase, type ImportReport, type ImportSource } from '../src/server/exchange/import.js';
import { VERSION } from '../src/server/version.js';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '100000' }, xlsx: { type: 'boolean', default: false } } });
const wanted = Number(values.persons);
const here = path.dirname(new URL(import.meta.url).pathname);
const dataDir = path.join(here, 'data');
const number = new Intl.NumberFormat('en-GB');
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

// ---------------------------------------------------------------------------------------------
// The register file.

/** Refs that records point to, by field, so that a copy's references follow its refs. */
const REFERENCES: Record<Kind, string[]> = {
  persons: [],
  applications: ['person', 'children', 'helplineContact'],
  decisions: ['application', 'person'],
  clientships: ['person', 'parent'],
  exploitations: ['person'],
  services: ['person'],
  helplineContacts: [],
};

async function demoDocument(): Promise<ExchangeDocument> {
  const database = await connectDatabase({ kind: 'pglite', dataDir: null });
  try {
    await migrateToLatest(database.db);
    const ctx = await contextOf(database);
    await loadDemo(ctx);
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on('data', (b: Buffer) => parts.push(b));
    await exportExchange(ctx, operatorActor(), 'all', out, { format: 'json' });
    out.end();
    await finished(out);
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as ExchangeDocument;
  } finally {
    await database.close();
  }
}

async function registerFile(persons: number): Promise<{ file: string; copies: number; persons: number }> {
  await mkdir(dataDir, { recursive: true });
  const demoPersons = generateDemo().persons.length;
  const copies = Math.ceil(persons / demoPersons);
  const file = path.join(dataDir, `register-${copies}x.json`);
  const total = copies * demoPersons;
  if (existsSync(file)) return { file, copies, persons: total };
  const demo = await demoDocument();
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const width = String(copies - 1).length;
  await write(`{\n"format": ${JSON.stringify(EXCHANGE_FORMAT)},\n"version": ${EXCHANGE_VERSION}`);
  for (const kind of KINDS) {
    await write(`,\n${JSON.stringify(kind)}: [`);
    let first = true;
    for (let copy = 0; copy < copies; copy++) {
      const prefix = `${String(copy).padStart(width, '0')}/`;
      const lines: string[] = [];
      for (const record of demo[kind] as unknown as Record<string, unknown>[]) {
        const copied: Record<string, unknown> = { ...record, ref: prefix + String(record.ref) };
        for (const field of REFERENCES[kind]) {
          const value = copied[field];
          if (typeof value === 'string') copied[field] = prefix + value;
          else if (Array.isArray(value)) copied[field] = value.map((v) => prefix + String(v));
        }
        lines.push(`${first ? '\n' : ',\n'}${JSON.stringify(copied)}`);
        first = false;
      }
      await write(lines.join(''));
    }
    await write(first ? ']' : '\n]');
  }
  await write('\n}\n');
  out.end();
  await finished(out);
  return { file, copies, persons: total };
}

// ---------------------------------------------------------------------------------------------
// Databases and measurements.

async function contextOf(database: Database): Promise<AppContext> {
  const keyring = await KeyRing.open(database.db, randomBytes(32));
  return { config: loadConfig({ LOG_LEVEL: 'silent' }), database, keyring, clock: new ManualClock(new Date()), version: VERSION };
}

async function emptyDatabase(): Promise<{ ctx: AppContext; close(): Promise<void>; engine: string }> {
  if (process.env.DATABASE_URL) {
    const database = await connectDatabase({ kind: 'postgres', url: process.env.DATABASE_URL });
    await migrateToLatest(database.db);
    const { n } = await database.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) > 0) throw new Error('the database of DATABASE_URL is not empty');
    return { ctx: await contextOf(database), close: () => database.close(), engine: 'PostgreSQL (DATABASE_URL)' };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'suoja-bench-'));
  const database = await connectDatabase({ kind: 'pglite', dataDir: dir });
  await migrateToLatest(database.db);
  return {
    ctx: await contextOf(database),
    engine: 'PGlite, data directory on disk',
    async close() {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface Measured<T> {
  result: T;
  seconds: number;
  /** CPU time of this process (user + system): what the step costs, whatever else runs on the machine. */
  cpuSeconds: number;
  /** Live JS heap once the file was read and checked (after a full collection, with --expose-gc). */
  heldAfterReading: number | null;
  peakRss: number;
  peakHeap: number;
  phases: Partial<Record<ImportPhase, number>>;
}

async function measure<T>(work: (phase: (p: ImportPhase) => void) => Promise<T>): Promise<Measured<T>> {
  global.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const phases: Partial<Record<ImportPhase, number>> = {};
  let current = null as ImportPhase | null;
  let since = performance.now();
  let heldAfterReading: number | null = null;
  const phase = (p: ImportPhase) => {
    if (p === current) return;
    if (p === 'checking' && heldAfterReading === null && global.gc) {
      global.gc();
      heldAfterReading = process.memoryUsage().heapUsed;
    }
    const now = performance.now();
    if (current) phases[current] = (phases[current] ?? 0) + (now - since) / 1000;
    current = p;
    since = now;
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work(phase);
    const now = performance.now();
    if (current !== null) phases[current] = (phases[current] ?? 0) + (now - since) / 1000;
    sample();
    const used = process.cpuUsage(cpu);
    return { result, seconds: (now - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, heldAfterReading, peakRss, peakHeap, phases };
  } finally {
    clearInterval(timer);
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function exportTo(ctx: AppContext, file: string, format: 'json' | 'xlsx') {
  return measure(async () => {
    const out = createWriteStream(file);
    await exportExchange(ctx, operatorActor(), 'all', out, { format });
    out.end();
    await finished(out);
  });
}

function importFrom(ctx: AppContext, source: ImportSource) {
  return measure((phase) => importExchange(ctx, operatorActor(), source, { onProgress: (p) => phase(p) }));
}

const records = (r: ImportReport, key: 'created' | 'updated' | 'unchanged' | 'inFile') => KINDS.reduce((n, k) => n + r.counts[k][key], 0);

// ---------------------------------------------------------------------------------------------

const rows: string[] = [];
const row = (...cells: string[]) => rows.push(`| ${cells.join(' | ')} |`);
const cpuText = (m: Measured<unknown>, n: number) => `${m.cpuSeconds.toFixed(1)} s (${number.format(Math.round(n / m.cpuSeconds))} persons per CPU-second)`;
const phasesText = (m: Measured<unknown>) =>
  [
    ...Object.entries(m.phases).map(([p, s]) => `${p} ${s.toFixed(1)} s`),
    ...(m.heldAfterReading === null ? [] : [`records held after reading: ${mb(m.heldAfterReading)} of JS heap`]),
  ].join(', ');

const { file, copies, persons } = await registerFile(wanted);
const loadBefore = loadavg()[0]!;
if (!global.gc) process.stdout.write('(run with node --expose-gc for peaks of each step on its own)\n');
const size = (await stat(file)).size;
process.stdout.write(`Register: ${number.format(persons)} persons (${copies} copies of the demo data set), ${mb(size)} of JSON: ${file}\n`);

const first = await emptyDatabase();
let totalRecords = 0;
try {
  const imported = await importFrom(first.ctx, { format: 'json', stream: createReadStream(file, { highWaterMark: 1 << 20 }), size });
  if (imported.result.problemCount > 0) throw new Error(`the register was refused: ${JSON.stringify(imported.result.problems.slice(0, 5))}`);
  totalRecords = records(imported.result, 'inFile');
  const rate = persons / imported.seconds;
  process.stdout.write(`Import: ${imported.seconds.toFixed(1)} s (CPU ${cpuText(imported, persons)}), ${number.format(Math.round(rate))} persons/s (${phasesText(imported)}); peak RSS ${mb(imported.peakRss)}, peak JS heap ${mb(imported.peakHeap)}\n`);
  row('import JSON into an empty database', `${imported.seconds.toFixed(1)} s`, cpuText(imported, persons), `**${number.format(Math.round(rate))} persons/s** (${number.format(Math.round(totalRecords / imported.seconds))} records/s)`, `${mb(imported.peakRss)} / ${mb(imported.peakHeap)}`, phasesText(imported));

  const again = await importFrom(first.ctx, { format: 'json', stream: createReadStream(file, { highWaterMark: 1 << 20 }), size });
  const changed = records(again.result, 'created') + records(again.result, 'updated');
  if (changed > 0) throw new Error(`the second import changed ${changed} records`);
  process.stdout.write(`Import again: ${again.seconds.toFixed(1)} s, nothing changed\n`);
  row('import the same file again (all unchanged)', `${again.seconds.toFixed(1)} s`, cpuText(again, persons), `${number.format(Math.round(persons / again.seconds))} persons/s`, `${mb(again.peakRss)} / ${mb(again.peakHeap)}`, phasesText(again));

  const exportFile = path.join(dataDir, `export-${copies}x.json`);
  const exported = await exportTo(first.ctx, exportFile, 'json');
  const same = (await sha256(file)) === (await sha256(exportFile));
  if (!same) throw new Error(`the export differs from the imported file: compare ${file} and ${exportFile}`);
  process.stdout.write(`Export JSON: ${exported.seconds.toFixed(1)} s, identical to the imported file\n`);
  row('export JSON (byte for byte the imported file)', `${exported.seconds.toFixed(1)} s`, cpuText(exported, persons), `${number.format(Math.round(persons / exported.seconds))} persons/s`, `${mb(exported.peakRss)} / ${mb(exported.peakHeap)}`, '');
  await rm(exportFile);

  if (values.xlsx) {
    const workbook = path.join(dataDir, `export-${copies}x.xlsx`);
    const xlsxOut = await exportTo(first.ctx, workbook, 'xlsx');
    process.stdout.write(`Export XLSX: ${xlsxOut.seconds.toFixed(1)} s, ${mb((await stat(workbook)).size)}\n`);
    row('export XLSX', `${xlsxOut.seconds.toFixed(1)} s`, cpuText(xlsxOut, persons), `${number.format(Math.round(persons / xlsxOut.seconds))} persons/s`, `${mb(xlsxOut.peakRss)} / ${mb(xlsxOut.peakHeap)}`, `${mb((await stat(workbook)).size)} workbook`);
    const second = await emptyDatabase();
    try {
      const fromXlsx = await importFrom(second.ctx, { format: 'xlsx', workbook: { path: workbook } });
      if (fromXlsx.result.problemCount > 0) throw new Error(`the workbook was refused: ${JSON.stringify(fromXlsx.result.problems.slice(0, 5))}`);
      process.stdout.write(`Import XLSX: ${fromXlsx.seconds.toFixed(1)} s (${phasesText(fromXlsx)})\n`);
      row('import XLSX into an empty database', `${fromXlsx.seconds.toFixed(1)} s`, cpuText(fromXlsx, persons), `${number.format(Math.round(persons / fromXlsx.seconds))} persons/s`, `${mb(fromXlsx.peakRss)} / ${mb(fromXlsx.peakHeap)}`, phasesText(fromXlsx));
    } finally {
      await second.close();
      await rm(workbook, { force: true });
    }
  }
} finally {
  await first.close();
}

// ---------------------------------------------------------------------------------------------
// bench/results.md: this benchmark's section is replaced, the rest of the file kept.

const section = [
  '## Exchange import and export (`bench/import.ts`)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${first.engine}; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}; load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine slows every step).`,
  `Register: ${number.format(persons)} persons with ${number.format(totalRecords - persons)} other records (${number.format(totalRecords)} in all; ${copies} copies of the demo data set), ${mb(size)} of JSON.`,
  '',
  '| step | time | CPU time | rate | peak RSS / JS heap | phases |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
  'RSS includes the embedded database engine (PostgreSQL compiled to WebAssembly) and its buffers;',
  'the JS heap holds the parsed records (the file itself is read as a stream and never held whole).',
  '',
].join('\n');
const results = path.join(here, 'results.md');
const before = existsSync(results) ? await readFile(results, 'utf8') : '# Benchmarks\n\nRun by hand; figures of the last run on the machine named.\n\n';
const start = before.indexOf('## Exchange import and export');
const next = start < 0 ? -1 : before.indexOf('\n## ', start + 1);
const updated = start < 0 ? `${before.trimEnd()}\n\n${section}` : `${before.slice(0, start)}${section}${next < 0 ? '' : before.slice(next + 1)}`;
await writeFile(results, updated.endsWith('\n') ? updated : `${updated}\n`);
process.stdout.write(`Figures written to ${results}\n`);
