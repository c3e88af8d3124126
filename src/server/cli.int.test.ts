import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
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
    const env = { SUOJA_DATA_DIR: dir, SUOJA_KEY_FILE: path.join(dir, 'master.key'), DATABASE_URL: undefined, LOG_LEVEL: 'silent' };
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
      const res = await run(['migrate'], { DATABASE_URL: url, SUOJA_KEY_FILE: undefined });
      expect(res.code).toBe(EXIT.ok);
      const offices = await target.db.selectFrom('office').select('code').execute();
      expect(offices).toHaveLength(3);
    } finally {
      await target.drop();
    }
  });

  it('adds the first administrator with a one-time set-up link, rescues a lost second factor, and verifies the audit chain', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'suoja-cli-'));
    dirs.push(root);
    const env = { SUOJA_DATA_DIR: path.join(root, 'data'), SUOJA_KEY_FILE: path.join(root, 'keys', 'master.key'), DATABASE_URL: undefined, LOG_LEVEL: undefined, SUOJA_PUBLIC_URL: 'https://suoja.example.fi' };
    const added = await run(['users', 'add', '--admin', '--email', 'Paakayttaja@Example.fi', '--name', 'Pää Käyttäjä'], env);
    expect(added).toMatchObject({ code: EXIT.ok });
    expect(added.out).toContain('Created paakayttaja@example.fi (admin).');
    expect(added.out).toMatch(/^https:\/\/suoja\.example\.fi\/setup#[A-Za-z0-9_-]{22}$/m);

    const twice = await run(['users', 'add', '--admin', '--email', 'paakayttaja@example.fi', '--name', 'Toinen'], env);
    expect(twice.code).toBe(EXIT.failed);
    expect(twice.err).toContain('email_taken');
    const noRole = await run(['users', 'add', '--email', 'x@example.fi', '--name', 'X'], env);
    expect(noRole).toMatchObject({ code: EXIT.failed, err: 'suoja: give at least one role: --admin or --role <role>\n' });

    const reset = await run(['users', 'reset-mfa', '--email', 'paakayttaja@example.fi', '--setup-link'], env);
    expect(reset.code).toBe(EXIT.ok);
    expect(reset.out).toMatch(/second factor of paakayttaja@example.fi was removed/);
    expect(reset.out).toMatch(/setup#/);
    expect((await run(['users', 'reset-mfa', '--email', 'nobody@example.fi'], env)).err).toContain('no account with the e-mail address nobody@example.fi');

    const verified = await run(['audit', 'verify'], env);
    expect(verified).toMatchObject({ code: EXIT.ok, out: 'The audit chain is intact: 3 entries verified.\n' });

    // Someone with database access changes the second entry.
    const database = await connectDatabase({ kind: 'pglite', dataDir: path.join(root, 'data', 'pglite') });
    try {
      await sql`alter table audit_event disable trigger audit_event_no_update`.execute(database.db);
      await sql`update audit_event set action = 'user.nothing' where seq = 2`.execute(database.db);
    } finally {
      await database.close();
    }
    const broken = await run(['audit', 'verify'], env);
    expect(broken.code).toBe(EXIT.failed);
    expect(broken.err).toBe('suoja: the audit chain is broken at entry #2: its contents were altered (2 entries checked).\n');
  });

  it('reports bad configuration clearly, with exit code 1', async () => {
    const res = await run(['migrate'], { PORT: 'eighty' });
    expect(res.code).toBe(EXIT.failed);
    expect(res.err).toMatch(/^suoja: Invalid configuration: PORT/);
  });
});
