import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMasterKey, MasterKeyError, masterKeyId } from './master-key.js';

interface Entry {
  level: 'info' | 'warn';
  obj: object;
  msg: string;
}

function recorder() {
  const entries: Entry[] = [];
  return {
    entries,
    log: {
      info: (obj: object, msg: string) => entries.push({ level: 'info', obj, msg }),
      warn: (obj: object, msg: string) => entries.push({ level: 'warn', obj, msg }),
    },
  };
}

const posix = process.platform !== 'win32';

describe('the master key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'suoja-master-key-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('creates a missing key file (and its directory) with mode 0600, and warns where', async () => {
    const file = path.join(dir, 'secrets', 'suoja-master.key');
    const { entries, log } = recorder();
    const key = await loadMasterKey({ kind: 'file', path: file }, log);
    expect(key).toHaveLength(32);

    expect(Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64').equals(key)).toBe(true);
    if (posix) expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(file))).toEqual(['suoja-master.key']);

    const warnings = entries.filter((e) => e.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain(file);
    expect(warnings[0]!.msg).toMatch(/SUOJA_MASTER_KEY/);
    expect(warnings[0]!.msg).toMatch(/SUOJA_KEY_FILE/);
    expect(warnings[0]!.msg).toMatch(/backups/);
    expect(warnings[0]!.obj).toMatchObject({ keyFile: file });
    expect(JSON.stringify(entries)).not.toContain(key.toString('base64'));
  });

  it('returns the same key from the file on the next start, without a warning', async () => {
    const file = path.join(dir, 'suoja-master.key');
    const first = await loadMasterKey({ kind: 'file', path: file }, recorder().log);
    const { entries, log } = recorder();
    const second = await loadMasterKey({ kind: 'file', path: file }, log);
    expect(second.equals(first)).toBe(true);
    expect(entries.filter((e) => e.level === 'warn')).toEqual([]);
    expect(entries[0]!.obj).toMatchObject({ keyFile: file, masterKeyId: masterKeyId(first) });
  });

  it('gives every process starting at once the same new key', async () => {
    const file = path.join(dir, 'suoja-master.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadMasterKey({ kind: 'file', path: file }, recorder().log)));
    for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
    expect(await fs.readdir(dir)).toEqual(['suoja-master.key']);
  });

  it.runIf(posix)('warns when an existing key file is readable by group or others', async () => {
    const file = path.join(dir, 'suoja-master.key');
    await fs.writeFile(file, randomBytes(32).toString('base64'), { mode: 0o644 });
    await fs.chmod(file, 0o644);
    const { entries, log } = recorder();
    await loadMasterKey({ kind: 'file', path: file }, log);
    const warnings = entries.filter((e) => e.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain(file);
    expect(warnings[0]!.msg).toContain('chmod 600');
  });

  it('refuses a key file that does not hold 32 base64 bytes, without overwriting it', async () => {
    const file = path.join(dir, 'suoja-master.key');
    for (const content of ['', 'not base64 at all!', randomBytes(16).toString('base64')]) {
      await fs.writeFile(file, content);
      await expect(loadMasterKey({ kind: 'file', path: file }, recorder().log)).rejects.toThrow(MasterKeyError);
      expect(await fs.readFile(file, 'utf8')).toBe(content);
    }
  });

  it('takes the key from SUOJA_MASTER_KEY when given', async () => {
    const key = randomBytes(32);
    const { entries, log } = recorder();
    expect((await loadMasterKey({ kind: 'env', base64: key.toString('base64') }, log)).equals(key)).toBe(true);
    expect((await loadMasterKey({ kind: 'env', base64: ` ${key.toString('base64url')}\n` }, log)).equals(key)).toBe(true);
    expect(entries.filter((e) => e.level === 'warn')).toEqual([]);
  });

  it('rejects an environment key of the wrong length, naming SUOJA_MASTER_KEY and not echoing the value', async () => {
    for (const value of [randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), 'pässi']) {
      const attempt = loadMasterKey({ kind: 'env', base64: value }, recorder().log);
      await expect(attempt).rejects.toBeInstanceOf(MasterKeyError);
      await expect(attempt).rejects.toThrow(/SUOJA_MASTER_KEY/);
      await attempt.catch((error: Error) => expect(error.message).not.toContain(value));
    }
  });

  it('fingerprints a key as 16 hex digits of HMAC-SHA256 over a fixed label', () => {
    const key = Buffer.alloc(32, 7);
    expect(masterKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(key)).toBe(masterKeyId(Buffer.alloc(32, 7)));
    expect(masterKeyId(key)).not.toBe(masterKeyId(Buffer.alloc(32, 8)));
  });
});
