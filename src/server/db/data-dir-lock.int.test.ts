import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT, runCli } from '../cli.js';
import { connectDatabase } from './connect.js';
import { DataDirInUse, LOCK_FILE } from './data-dir-lock.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'suoja-lock-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function migrate(): Promise<{ code: number; err: string }> {
  let err = '';
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const saved = { ...process.env };
  Object.assign(process.env, { SUOJA_DATA_DIR: dir, LOG_LEVEL: 'silent', SUOJA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') });
  delete process.env.DATABASE_URL;
  try {
    return { code: await runCli(['migrate']), err };
  } finally {
    process.env = saved;
    stderr.mockRestore();
    stdout.mockRestore();
  }
}

/** Another process holding the data directory, as a running server would. */
async function otherProcess(): Promise<ChildProcess> {
  const script = path.join(dir, '..', `hold-${path.basename(dir)}.mjs`);
  const lockModule = new URL('./data-dir-lock.ts', import.meta.url).pathname;
  await mkdir(path.join(dir, 'pglite'), { recursive: true });
  await writeFile(script, `import { lockDataDir } from ${JSON.stringify(lockModule)};\nawait lockDataDir(${JSON.stringify(path.join(dir, 'pglite'))});\nconsole.log('held');\nsetInterval(() => {}, 1000);\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`the holding process ended (${code})`)));
  });
  return child;
}

describe('one process per embedded data directory', () => {
  it('refuses a second process with a clear message, and takes over after the first was killed', async () => {
    const holder = await otherProcess();
    try {
      const refused = await migrate();
      expect(refused.code).toBe(EXIT.failed);
      expect(refused.err).toContain(`the data directory ${path.join(dir, 'pglite')} is in use by another Suoja process (pid ${holder.pid})`);
      expect(refused.err).toContain('use PostgreSQL (DATABASE_URL)');
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // The lock file is still there, but its process is gone.
    const done = await migrate();
    expect(done.err).toBe('');
    expect(done.code).toBe(EXIT.ok);
  }, 60_000);

  it('refuses a second open within the same process, and frees the directory on close', async () => {
    const first = await connectDatabase({ kind: 'pglite', dataDir: dir });
    await expect(connectDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirInUse);
    await first.close();
    const again = await connectDatabase({ kind: 'pglite', dataDir: dir });
    await again.close();
    await expect(import('node:fs/promises').then((fs) => fs.access(path.join(dir, LOCK_FILE)))).rejects.toThrow();
  }, 60_000);
});
