import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CommandFailed } from '../cli-context.js';
import { connectDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { registerReportCommand } from './report.command.js';
import { insertRegister } from './testing/register.js';

let root: string;
let env: Record<string, string | undefined>;

/** Runs `suoja …` with only the report command, the way the command line reports failures. */
async function run(args: string[]) {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const program = new Command('suoja').exitOverride();
    registerReportCommand(program);
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (error) {
    if (error instanceof CommanderError) return { code: 2, out, err };
    if (error instanceof CommandFailed) return { code: 1, out, err: err + `suoja: ${error.message}\n` };
    throw error;
  } finally {
    process.env = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'suoja-report-'));
  env = { SUOJA_DATA_DIR: path.join(root, 'data'), SUOJA_KEY_FILE: path.join(root, 'master.key'), DATABASE_URL: undefined, LOG_LEVEL: undefined };
  const database = await connectDatabase({ kind: 'pglite', dataDir: path.join(root, 'data', 'pglite') });
  try {
    await migrateToLatest(database.db);
    const personId = randomUUID();
    await insertRegister(database.db, {
      persons: [{ id: personId, gender: 'female', nationalities: ['NP'], birthYear: 1995, birthMonth: 3 }],
      clientships: [{ id: randomUUID(), personId, category: 'victim', parentId: null, startDate: '2025-02-03', endDate: null, endReason: null, ageAtStart: 29 }],
      applications: [{ id: randomUUID(), personId, receivedOn: '2025-01-07', channel: 'reception_centre' }],
      decisions: [],
      exploitations: [],
    });
  } finally {
    await database.close();
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('suoja report', () => {
  it('prints the overview as JSON on stdout', async () => {
    const res = await run(['report', '--year', '2025', '--format', 'json']);
    expect(res.code).toBe(0);
    const report = JSON.parse(res.out);
    expect(report).toMatchObject({ report: 'overview', period: { year: 2025, from: '2025-01-01', to: '2025-12-31' }, threshold: 5 });
    expect(report.dataHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(report.figures['applications.received']).toEqual({ value: 1 });
    expect(report.figures['newClients.byNationality.other']).toEqual({ value: 1, share: 1, base: 'newClients.victims', members: 1 });
  });

  it('takes the first half year and the threshold, and writes to a file with --out', async () => {
    const out = path.join(root, 'h1.json');
    const res = await run(['report', '--year', '2025', '--half', '1', '--threshold', '0', '--lang', 'sv', '--format', 'json', '--out', out]);
    expect(res).toMatchObject({ code: 0, out: `The overview of the first half of 2025 was written to ${out}.\n` });
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.period).toEqual({ year: 2025, half: 1, from: '2025-01-01', to: '2025-06-30' });
    expect(report.threshold).toBe(0);
    expect(report.figures['newClients.byNationality.NP']).toEqual({ value: 1, share: 1, base: 'newClients.victims' });
  });

  it('writes the overview as PDF, HTML, XLSX and CSV', async () => {
    for (const [format, magic] of [['pdf', '%PDF-'], ['html', '<!doctype html>'], ['xlsx', 'PK'], ['csv', '\uFEFF']] as const) {
      const out = path.join(root, `overview.${format}`);
      const res = await run(['report', '--year', '2025', '--lang', 'sv', '--format', format, '--out', out]);
      expect(res.code).toBe(0);
      const text = (await readFile(out)).toString('utf8').slice(0, 20).toLowerCase();
      expect(text.startsWith(magic.toLowerCase())).toBe(true);
    }
  });

  it('refuses bad options with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [['report', '--format', 'json'], /required option '--year <year>'/],
      [['report', '--year', '2005', '--format', 'json'], /the year must be a whole number from 2006 to 2100/],
      [['report', '--year', '20x5', '--format', 'json'], /the year must be a whole number from 2006 to 2100/],
      [['report', '--year', '2025', '--half', '2', '--format', 'json'], /only the first half year/],
      [['report', '--year', '2025', '--threshold', '-1', '--format', 'json'], /threshold must be a whole number, 0 or more/],
      [['report', '--year', '2025', '--threshold', '2.5', '--format', 'json'], /threshold must be a whole number, 0 or more/],
      [['report', '--year', '2025', '--lang', 'de', '--format', 'json'], /Allowed choices are fi, sv, en/],
      [['report', '--year', '2025'], /required option '--format <format>'/],
      [['report', '--year', '2025', '--format', 'docx'], /Allowed choices are json, pdf, html, xlsx, csv/],
    ];
    for (const [args, message] of cases) {
      const res = await run(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.err, args.join(' ')).toMatch(message);
    }
  });
});
