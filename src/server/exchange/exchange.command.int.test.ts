import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT, runCli } from '../cli.js';
import { canonicalDocument } from './format.js';

async function run(args: string[], env: Record<string, string | undefined>) {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    return { code: await runCli(args), out, err };
  } finally {
    process.env = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const REGISTER = {
  format: 'suoja-exchange',
  version: 1,
  persons: [
    { ref: 'P-1', givenNames: 'Sita', familyName: 'Example', birthDate: '1998-03-14', gender: 'female', nationalities: ['NP'], languages: ['ne'], residenceStatus: 'no_legal_residence' },
    { ref: 'P-2', givenNames: 'Ivan', gender: 'male', nationalities: ['UA'] },
  ],
  applications: [{ ref: 'A-1', person: 'P-1', receivedOn: '2025-01-07', channel: 'police', office: 'helsinki', consentGiven: true, consentOn: '2025-01-07', status: 'decided' }],
  decisions: [{ ref: 'D-1', application: 'A-1', person: 'P-1', kind: 'admission', on: '2025-02-03', category: 'victim' }],
  clientships: [{ ref: 'C-1', person: 'P-1', category: 'victim', start: '2025-02-03', office: 'helsinki' }],
  services: [{ ref: 'S-1', person: 'P-2', type: 'counselling', start: '2025-03-01' }],
};

let root: string;
const env = (name: string) => ({ SUOJA_DATA_DIR: path.join(root, name), SUOJA_KEY_FILE: path.join(root, `${name}.key`), DATABASE_URL: undefined, LOG_LEVEL: 'silent' });
const file = (name: string) => path.join(root, name);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'suoja-exchange-cli-'));
  await writeFile(file('register.json'), JSON.stringify(REGISTER, null, 2));
  const spoiled = structuredClone(REGISTER);
  spoiled.applications[0]!.channel = 'polise';
  spoiled.services[0]!.start = '2025-13-01';
  await writeFile(file('spoiled.json'), JSON.stringify(spoiled));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('suoja import and suoja export', () => {
  it('explain themselves with --help, and answer a wrong use with exit code 2', async () => {
    const importHelp = await run(['import', '--help'], env('a'));
    expect(importHelp.code).toBe(EXIT.ok);
    expect(importHelp.out).toContain('Usage: suoja import [options] <file>');
    expect(importHelp.out).toMatch(/--dry-run\s+check the file/);
    expect(importHelp.out).toMatch(/Exit 0 when imported/);
    const exportHelp = await run(['export', '--help'], env('a'));
    expect(exportHelp.out).toContain('Usage: suoja export [options] <file>');
    expect(exportHelp.out).toMatch(/--format <format>.*\(choices: "json", "xlsx"\)/s);
    expect(exportHelp.out).toContain('--office <code>');

    expect((await run(['import'], env('a'))).code).toBe(EXIT.usage);
    expect((await run(['export', file('x.json'), '--format', 'csv'], env('a'))).code).toBe(EXIT.usage);
    const badDate = await run(['export', file('x.json'), '--from', '2025-1-1'], env('a'));
    expect(badDate.code).toBe(EXIT.usage);
    expect(badDate.err).toContain('give a date as YYYY-MM-DD');
  });

  it('checks a file on a dry run, imports it, and leaves it alone the second time', async () => {
    const dry = await run(['import', file('register.json'), '--dry-run'], env('a'));
    expect(dry).toMatchObject({ code: EXIT.ok, err: '' });
    expect(dry.out).toContain(`Dry run: ${file('register.json')} is valid.`);
    expect(dry.out).toMatch(/persons\s+2 in the file: 2 new, 0 changed, 0 unchanged/);
    expect(dry.out).toContain('Nothing was written');

    const imported = await run(['import', file('register.json')], env('a'));
    expect(imported).toMatchObject({ code: EXIT.ok, err: '' });
    expect(imported.out).toMatch(/persons\s+2 in the file: 2 new, 0 changed, 0 unchanged/);
    expect(imported.out).toMatch(/services\s+1 in the file: 1 new/);
    const again = await run(['import', file('register.json')], env('a'));
    expect(again.out).toMatch(/persons\s+2 in the file: 0 new, 0 changed, 2 unchanged/);

    const exported = await run(['export', file('out.json')], env('a'));
    expect(exported).toMatchObject({ code: EXIT.ok, err: '' });
    expect(exported.out).toMatch(/^Exported 6 records to .*out\.json \(json, [\d.]+ s\): 2 persons, 1 applications, 1 decisions, 1 clientships, 1 services\.\n/);
    expect(exported.out).toContain('identifying data');
    expect(JSON.parse(await readFile(file('out.json'), 'utf8'))).toEqual(canonicalDocument(REGISTER));
    expect((await stat(file('out.json'))).mode & 0o777).toBe(0o600);
  });

  it('lists every problem of a refused file on stderr with exit code 1, and writes nothing', async () => {
    const refused = await run(['import', file('spoiled.json')], env('a'));
    expect(refused.code).toBe(EXIT.failed);
    expect(refused.out).toBe('');
    expect(refused.err).toBe(
      'applications[0].channel: unknown code "polise"\n' +
        'services[0].start: not a date (YYYY-MM-DD): "2025-13-01"\n' +
        `suoja: ${file('spoiled.json')} was not imported: 2 problems (listed above). Nothing was written.\n`,
    );
    expect((await run(['import', file('missing.json')], env('a'))).err).toBe(`suoja: cannot read ${file('missing.json')}: no such file\n`);
    expect((await run(['export', file('x.json'), '--office', 'turku'], env('a'))).err).toBe('suoja: nothing exported: unknown office "turku"\n');
  });

  it('writes the register as an XLSX workbook that reads back as the same records', async () => {
    const exported = await run(['export', file('out.xlsx')], env('a'));
    expect(exported.code).toBe(EXIT.ok);
    expect((await readFile(file('out.xlsx'))).subarray(0, 2).toString()).toBe('PK');
    // Every record compares equal to the one in the database: nothing new, nothing changed.
    const imported = await run(['import', file('out.xlsx')], env('a'));
    expect(imported).toMatchObject({ code: EXIT.ok, err: '' });
    expect(imported.out).toMatch(/persons\s+2 in the file: 0 new, 0 changed, 2 unchanged/);
    expect(imported.out).toMatch(/services\s+1 in the file: 0 new, 0 changed, 1 unchanged/);
  });
});
