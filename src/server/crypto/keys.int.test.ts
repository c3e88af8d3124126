import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT, runCli } from '../cli.js';
import { loadConfig } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { decryptIdentity, insertPerson } from '../modules/clients/persons.repository.js';
import { KeyRing } from './keyring.js';
import { MasterKeyError, masterKeyId } from './master-key.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'suoja-keys-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let keyFile = 'old.key';
const env = () => ({ SUOJA_DATA_DIR: path.join(dir, 'data'), SUOJA_KEY_FILE: path.join(dir, keyFile), LOG_LEVEL: 'silent' });

async function run(args: string[]) {
  let out = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const saved = { ...process.env };
  Object.assign(process.env, env());
  delete process.env.DATABASE_URL;
  delete process.env.SUOJA_MASTER_KEY;
  try {
    return { code: await runCli(args), out };
  } finally {
    process.env = saved;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof connectDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await connectDatabase(loadConfig(env()).database);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

const keyIn = async (file: string) => Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');

describe('suoja keys', () => {
  it('re-wraps every data key under a new master key; the data decrypts with the new key only', async () => {
    expect((await run(['keys', 'status'])).code).toBe(EXIT.ok); // the first open makes the key file and a data key
    const oldKey = await keyIn(env().SUOJA_KEY_FILE);
    const person = await withDatabase(async (db) => insertPerson(db, await KeyRing.open(db, oldKey), { givenNames: 'Sita', familyName: 'Example', aliases: [], birthDate: '1998-03-14', contact: null, municipality: null }, { gender: 'female', nationalities: ['NP'] }, null));

    const newFile = path.join(dir, 'new.key');
    const rotated = await run(['keys', 'rotate', '--new-key-file', newFile]);
    expect(rotated.code).toBe(EXIT.ok);
    const newKey = await keyIn(newFile);
    expect((await stat(newFile)).mode & 0o777).toBe(0o600);
    expect(rotated.out).toContain(`under the new master key ${masterKeyId(newKey)}`);

    await withDatabase(async (db) => {
      await expect(KeyRing.open(db, oldKey)).rejects.toBeInstanceOf(MasterKeyError);
      const ring = await KeyRing.open(db, newKey);
      const row = await db.selectFrom('person').select(['givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(decryptIdentity(ring, person.id, row)).toMatchObject({ givenNames: 'Sita', familyName: 'Example' });
      const audit = await db.selectFrom('auditEvent').select('action').where('action', '=', 'keys.rotate_master').execute();
      expect(audit).toHaveLength(1);
    });
  });

  it('starts with the new key, makes a new data key for new writes, and lists the keys without revealing them', async () => {
    keyFile = 'new.key';
    const newKey = await keyIn(env().SUOJA_KEY_FILE);
    const rotated = await run(['keys', 'rotate-data-key']);
    expect(rotated.code).toBe(EXIT.ok);
    const status = await run(['keys', 'status']);
    expect(status.code).toBe(EXIT.ok);
    const fieldKeys = status.out.split('\n').filter((line) => line.includes(' field '));
    expect(fieldKeys).toHaveLength(2);
    expect(fieldKeys.filter((line) => line.includes('retired'))).toHaveLength(1);
    for (const line of status.out.trim().split('\n')) expect(line).toContain(`wrapped by ${masterKeyId(newKey)}`);
    expect(status.out).not.toContain(newKey.toString('base64'));
  });
});
