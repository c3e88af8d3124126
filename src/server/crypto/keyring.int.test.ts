import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/database.js';
import type { DB } from '../db/schema.js';
import { withTransaction } from '../db/transaction.js';
import { KeyRing, normalizeForIndex, TamperedCiphertextError, type FieldBinding } from './keyring.js';
import type { DataKeyTable } from './keyring.schema.js';
import { MasterKeyError } from './master-key.js';

const binding: FieldBinding = { table: 'client', recordId: '0b7c1d9e-5f1a-4c55-9f63-2d7d1c1a0e11', field: 'full_name' };
const secret = 'Ämmä Virtanen, synt. 1.2.1990';

function keyTable(db: Kysely<DB>) {
  return db.withTables<{ dataKey: DataKeyTable }>();
}

function keyIdOf(stored: string): string {
  return stored.split('.')[1]!;
}

// Swaps one character for another of the same alphabet, so only the content changes.
function flip(stored: string, at: number): string {
  const c = stored[at]!;
  const replacement = c === '.' ? '_' : c === 'A' ? 'B' : 'A';
  return stored.slice(0, at) + replacement + stored.slice(at + 1);
}

describe(`the key ring (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  let masterKey: Buffer;
  let currentMasterKey: Buffer;
  let ring: KeyRing;

  beforeAll(async () => {
    database = await createTestDatabase();
    masterKey = randomBytes(32);
    currentMasterKey = masterKey;
    ring = await KeyRing.open(database.db, masterKey);
  });
  afterAll(() => database.drop());

  it('creates one active field key and one active index key, wrapped by the master key', async () => {
    const rows = await keyTable(database.db).selectFrom('dataKey').selectAll().execute();
    expect(rows.map((r) => r.purpose).sort()).toEqual(['field', 'index']);
    for (const row of rows) {
      expect(row.id).toMatch(/^k_[0-9a-f]{8}$/);
      expect(row.retiredAt).toBeNull();
      expect(row.masterKeyId).toMatch(/^[0-9a-f]{16}$/);
      expect(Buffer.from(row.wrappedKey, 'base64')).toHaveLength(12 + 32 + 16);
    }
  });

  it('allows only one active key per purpose', async () => {
    const row = await keyTable(database.db).selectFrom('dataKey').selectAll().where('purpose', '=', 'field').executeTakeFirstOrThrow();
    const { id: _id, createdAt: _createdAt, ...rest } = row;
    await expect(keyTable(database.db).insertInto('dataKey').values({ ...rest, id: 'k_00000000' }).execute()).rejects.toThrow(
      /data_key_active_purpose_idx/,
    );
  });

  it('round-trips a value in the v1 format, and the plaintext never shows in the stored string', () => {
    const stored = ring.encrypt(binding, secret);
    expect(stored).toMatch(/^v1\.k_[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    expect(ring.decrypt(binding, stored)).toBe(secret);
    for (const piece of [secret, 'Ämmä', 'Virtanen', '1990', Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]) {
      expect(stored).not.toContain(piece);
    }
    expect(ring.decrypt(binding, ring.encrypt(binding, ''))).toBe('');
  });

  it('encrypts the same plaintext differently every time', () => {
    const a = ring.encrypt(binding, secret);
    const b = ring.encrypt(binding, secret);
    expect(a).not.toBe(b);
    expect(ring.decrypt(binding, a)).toBe(ring.decrypt(binding, b));
  });

  it('refuses a ciphertext moved to another table, record or field', () => {
    const stored = ring.encrypt(binding, secret);
    for (const other of [
      { ...binding, table: 'contact' },
      { ...binding, recordId: '0b7c1d9e-5f1a-4c55-9f63-2d7d1c1a0e12' },
      { ...binding, field: 'alias' },
    ]) {
      expect(() => ring.decrypt(other, stored)).toThrow(TamperedCiphertextError);
    }
  });

  it('detects a change of any single character of the stored string, with an error that reveals nothing', () => {
    const stored = ring.encrypt(binding, secret);
    for (let at = 0; at < stored.length; at += 1) {
      const tampered = flip(stored, at);
      expect(tampered).not.toBe(stored);
      let error: unknown;
      try {
        ring.decrypt(binding, tampered);
      } catch (e) {
        error = e;
      }
      expect(error, `position ${at}`).toBeInstanceOf(TamperedCiphertextError);
      const e = error as TamperedCiphertextError;
      expect(e.message).toContain('client.full_name');
      expect(e.message).toContain(binding.recordId);
      expect(e.message).not.toContain(secret);
      expect(e.message).not.toContain(tampered.split('.')[3]!);
      expect({ table: e.table, recordId: e.recordId, field: e.field }).toEqual(binding);
    }
    for (const junk of ['', 'plain text', 'v1.k_00000000.AAAA.AAAA.AAAA', 'v2' + stored.slice(2), `${stored}.x`]) {
      expect(() => ring.decrypt(binding, junk)).toThrow(TamperedCiphertextError);
    }
  });

  it('rejects bindings whose parts could run together', () => {
    expect(() => ring.encrypt({ ...binding, table: 'client/x' }, secret)).toThrow(TypeError);
    expect(() => ring.encrypt({ ...binding, recordId: '' }, secret)).toThrow(TypeError);
  });

  it('round-trips attachments and detects any changed byte', () => {
    const data = randomBytes(1000);
    const stored = ring.encryptBytes(binding, data);
    expect(stored[0]).toBe(1);
    expect(stored.subarray(2, 2 + stored[1]!).toString('ascii')).toMatch(/^k_[0-9a-f]{8}$/);
    expect(stored.length).toBe(2 + stored[1]! + 12 + 16 + data.length);
    expect(ring.decryptBytes(binding, stored).equals(data)).toBe(true);
    expect(stored.includes(data.subarray(0, 16))).toBe(false);

    for (const at of [0, 1, 5, 2 + stored[1]! + 3, 2 + stored[1]! + 12 + 4, stored.length - 1]) {
      const tampered = Buffer.from(stored);
      tampered[at] = tampered[at]! ^ 0x01;
      expect(() => ring.decryptBytes(binding, tampered), `byte ${at}`).toThrow(TamperedCiphertextError);
    }
    expect(() => ring.decryptBytes(binding, stored.subarray(0, stored.length - 1))).toThrow(TamperedCiphertextError);
    expect(() => ring.decryptBytes(binding, stored.subarray(0, 20))).toThrow(TamperedCiphertextError);
    expect(() => ring.decryptBytes({ ...binding, field: 'photo' }, stored)).toThrow(TamperedCiphertextError);
    expect(ring.decryptBytes(binding, ring.encryptBytes(binding, Buffer.alloc(0)))).toHaveLength(0);
  });

  it('computes blind indexes over the normalised value, kept apart by purpose', () => {
    expect(normalizeForIndex('Ämmä  Virtanen ')).toBe('ämmä virtanen');
    expect(normalizeForIndex('\u00a0ＡＢＣ\tdef\n')).toBe('abc def');
    expect(normalizeForIndex('A\u0308mma\u0308')).toBe('ämmä');
    const index = ring.blindIndex('client.full_name', 'Ämmä  Virtanen ');
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(ring.blindIndex('client.full_name', 'ämmä virtanen')).toBe(index);
    expect(ring.blindIndex('client.alias', 'ämmä virtanen')).not.toBe(index);
    expect(ring.blindIndex('client.full_name', 'ämmä virtala')).not.toBe(index);
  });

  it('gives the same keys back when reopened with the same master key', async () => {
    const stored = ring.encrypt(binding, secret);
    const attachment = ring.encryptBytes(binding, Buffer.from('scan'));
    const again = await KeyRing.open(database.db, masterKey);
    expect(again.decrypt(binding, stored)).toBe(secret);
    expect(again.decryptBytes(binding, attachment).toString()).toBe('scan');
    expect(again.blindIndex('client.full_name', secret)).toBe(ring.blindIndex('client.full_name', secret));
    const count = await keyTable(database.db).selectFrom('dataKey').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('refuses to open with a wrong master key, and creates no key under it', async () => {
    await expect(KeyRing.open(database.db, randomBytes(32))).rejects.toBeInstanceOf(MasterKeyError);
    await expect(KeyRing.open(database.db, randomBytes(32))).rejects.toThrow(/SUOJA_MASTER_KEY/);
    await expect(KeyRing.open(database.db, randomBytes(16))).rejects.toBeInstanceOf(MasterKeyError);
    const count = await keyTable(database.db).selectFrom('dataKey').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('refuses a wrapped key that was altered in the database', async () => {
    const row = await keyTable(database.db).selectFrom('dataKey').selectAll().where('purpose', '=', 'index').executeTakeFirstOrThrow();
    const wrapped = Buffer.from(row.wrappedKey, 'base64');
    wrapped[20] = wrapped[20]! ^ 0x01;
    await keyTable(database.db).updateTable('dataKey').set({ wrappedKey: wrapped.toString('base64') }).where('id', '=', row.id).execute();
    try {
      await expect(KeyRing.open(database.db, masterKey)).rejects.toThrow(/cannot be unwrapped/);
    } finally {
      await keyTable(database.db).updateTable('dataKey').set({ wrappedKey: row.wrappedKey }).where('id', '=', row.id).execute();
    }
  });

  it('rotates the field key: old values still decrypt, new ones use the new key', async () => {
    const before = ring.encrypt(binding, secret);
    const index = ring.blindIndex('client.full_name', secret);
    const oldKeyId = keyIdOf(before);
    const newKeyId = await ring.rotateFieldKey(database.db);
    expect(newKeyId).toMatch(/^k_[0-9a-f]{8}$/);
    expect(newKeyId).not.toBe(oldKeyId);

    const after = ring.encrypt(binding, secret);
    expect(keyIdOf(after)).toBe(newKeyId);
    expect(ring.decrypt(binding, before)).toBe(secret);
    expect(ring.blindIndex('client.full_name', secret)).toBe(index);

    const rows = await keyTable(database.db).selectFrom('dataKey').selectAll().where('purpose', '=', 'field').execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(oldKeyId)!.retiredAt).toBeInstanceOf(Date);
    expect(byId.get(newKeyId)!.retiredAt).toBeNull();

    const reopened = await KeyRing.open(database.db, masterKey);
    expect(reopened.decrypt(binding, before)).toBe(secret);
    expect(reopened.decrypt(binding, after)).toBe(secret);
    expect(keyIdOf(reopened.encrypt(binding, secret))).toBe(newKeyId);
  });

  it('rewraps every key under a new master key; only the new master key opens the ring afterwards', async () => {
    const stored = ring.encrypt(binding, secret);
    const index = ring.blindIndex('client.full_name', secret);
    const total = (await keyTable(database.db).selectFrom('dataKey').select('id').execute()).length;
    const newMasterKey = randomBytes(32);
    currentMasterKey = newMasterKey;
    const stale = await KeyRing.open(database.db, masterKey);

    expect(await ring.rewrap(database.db, newMasterKey)).toBe(total);
    expect(await ring.rewrap(database.db, newMasterKey)).toBe(0);

    await expect(KeyRing.open(database.db, masterKey)).rejects.toBeInstanceOf(MasterKeyError);
    const reopened = await KeyRing.open(database.db, newMasterKey);
    expect(reopened.decrypt(binding, stored)).toBe(secret);
    expect(reopened.blindIndex('client.full_name', secret)).toBe(index);

    // The ring that rewrapped wraps its next key under the new master key too.
    await ring.rotateFieldKey(database.db);
    const last = ring.encrypt(binding, secret);
    expect((await KeyRing.open(database.db, newMasterKey)).decrypt(binding, last)).toBe(secret);

    // A process still holding the old master key adds no key under it.
    await expect(stale.rotateFieldKey(database.db)).rejects.toBeInstanceOf(MasterKeyError);
    expect(stale.decrypt(binding, stored)).toBe(secret);
  });

  it('leaves nothing changed when a rewrap inside a transaction rolls back', async () => {
    const before = await keyTable(database.db).selectFrom('dataKey').selectAll().orderBy('id').execute();
    const current = await KeyRing.open(database.db, currentMasterKey);
    await expect(
      withTransaction(database.db, async (tx) => {
        expect(await current.rewrap(tx, randomBytes(32))).toBe(before.length);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await keyTable(database.db).selectFrom('dataKey').selectAll().orderBy('id').execute()).toEqual(before);
    await expect(KeyRing.open(database.db, currentMasterKey)).resolves.toBeInstanceOf(KeyRing);
  });
});

describe(`opening the key ring concurrently (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('agrees on one field key and one index key when several processes start at once', async () => {
    const masterKey = randomBytes(32);
    const rings = await Promise.all(Array.from({ length: 5 }, () => KeyRing.open(database.db, masterKey)));
    const rows = await keyTable(database.db).selectFrom('dataKey').selectAll().execute();
    expect(rows).toHaveLength(2);
    const stored = rings[0]!.encrypt(binding, secret);
    const index = rings[0]!.blindIndex('p', 'x');
    for (const ring of rings) {
      expect(ring.decrypt(binding, stored)).toBe(secret);
      expect(ring.blindIndex('p', 'x')).toBe(index);
    }
    const { rows: active } = await sql<{ n: number }>`select count(*) as n from data_key where retired_at is null`.execute(database.db);
    expect(active[0]!.n).toBe(2);
  });
});
