import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, TEST_ENGINE } from '../../test/database.js';
import { EXIT, runCli } from './cli.js';
import { connectDatabase } from './db/connect.js';

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    const code = await runCli(args);
    return { code, out, err };
  } finally {
    process.env = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('the suoja command', () => {
  it('explains itself and each command with --help', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(EXIT.ok);
    expect(top.out).toMatch(/serve( \[options\])?\s+serve the web application/);
    expect(top.out).toMatch(/migrate\s+bring the database schema up to date/);
    expect(top.out).toContain('DATABASE_URL');
    for (const command of ['serve', 'migrate']) {
      const help = await run([command, '--help']);
      expect(help.code).toBe(EXIT.ok);
      expect(help.out).toContain(`Usage: suoja ${command}`);
    }
  });

  it('answers an unknown command with usage help and exit code 2', async () => {
    const res = await run(['frobnicate']);
    expect(res.code).toBe(EXIT.usage);
    expect(res.err).toContain("unknown command 'frobnicate'");
  });

  it('migrates the embedded database in the data directory, and says so once', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'suoja-cli-'));
    dirs.push(dir);
    const env = { SUOJA_DATA_DIR: dir, DATABASE_URL: undefined, LOG_LEVEL: 'silent' };
    const first = await run(['migrate'], env);
    expect(first).toMatchObject({ code: EXIT.ok, err: '' });
    expect(first.out).toMatch(/^Applied: \d{14}_platform/);
    const second = await run(['migrate'], env);
    expect(second.out).toBe('The database schema is up to date.\n');
    const database = await connectDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
    try {
      const offices = await database.db.selectFrom('office').select('code').execute();
      expect(offices).toHaveLength(3);
    } finally {
      await database.close();
    }
  });

  it.runIf(TEST_ENGINE === 'postgres')('migrates a PostgreSQL database given by DATABASE_URL', async () => {
    const target = await createTestDatabase({ migrate: false });
    try {
      const url = target.databaseConfig.kind === 'postgres' ? target.databaseConfig.url : '';
      const res = await run(['migrate'], { DATABASE_URL: url });
      expect(res.code).toBe(EXIT.ok);
      const offices = await target.db.selectFrom('office').select('code').execute();
      expect(offices).toHaveLength(3);
    } finally {
      await target.drop();
    }
  });

  it('reports bad configuration clearly, with exit code 1', async () => {
    const res = await run(['migrate'], { PORT: 'eighty' });
    expect(res.code).toBe(EXIT.failed);
    expect(res.err).toMatch(/^suoja: Invalid configuration: PORT/);
  });
});
