import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTransaction, type Executor } from '../db/transaction.js';
import type { DataKeyTable } from './keyring.schema.js';
import { MASTER_KEY_BYTES, MasterKeyError, masterKeyId } from './master-key.js';

/** Where an encrypted value belongs; the ciphertext is bound to it and fails anywhere else. */
export interface FieldBinding {
  table: string;
  recordId: string;
  field: string;
}

type Purpose = DataKeyTable['purpose'];

interface DataKey {
  id: string;
  purpose: Purpose;
  key: Buffer;
}

const PURPOSES: readonly Purpose[] = ['field', 'index'];
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TEXT_VERSION = 'v1';
const BYTES_VERSION = 1;
const KEY_ID = /^k_[0-9a-f]{8}$/;

/**
 * An encrypted value could not be decrypted. The message names where the value belongs but
 * carries nothing of the value or the keys, so it is safe to log.
 */
export class TamperedCiphertextError extends Error {
  override name = 'TamperedCiphertextError';
  readonly table: string;
  readonly recordId: string;
  readonly field: string;

  constructor(binding: FieldBinding, reason: string) {
    super(
      `The encrypted ${binding.table}.${binding.field} of record ${binding.recordId} cannot be decrypted (${reason}): ` +
        'it was altered, damaged, copied from another record or field, or made with a key this installation does not hold.',
    );
    this.table = binding.table;
    this.recordId = binding.recordId;
    this.field = binding.field;
  }
}

/** Blind-index normalisation: the same name typed with other case, spacing or compatibility forms matches. */
export function normalizeForIndex(value: string): string {
  // toLowerCase is locale-independent (unlike toLocaleLowerCase); NFKC again because case mapping may denormalise.
  return value.normalize('NFKC').toLowerCase().normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/**
 * The data keys of the installation, unwrapped in memory: encrypts and decrypts fields and
 * attachments and computes blind indexes. Open one per process at start-up.
 */
export class KeyRing {
  private constructor(
    private masterKey: Buffer,
    private readonly keys: Map<string, DataKey>,
    private activeField: DataKey,
    private readonly activeIndex: DataKey,
  ) {}

  static async open(db: Executor, masterKey: Buffer): Promise<KeyRing> {
    assertMasterKeyLength(masterKey);
    let rows = await selectKeys(db);
    // Unwrapping first refuses a wrong master key before it could wrap any new key.
    unwrapAll(rows, masterKey);
    const missing = PURPOSES.filter((p) => !rows.some((r) => r.purpose === p && r.retiredAt === null));
    if (missing.length > 0) {
      await keyTable(db)
        .insertInto('dataKey')
        .values(missing.map((p) => wrapRow(newDataKey(p), masterKey)))
        .onConflict((oc) => oc.column('purpose').where('retiredAt', 'is', null).doNothing())
        .execute();
      // Another process may have won the insert; its key is the one both use.
      rows = await selectKeys(db);
    }
    const keys = unwrapAll(rows, masterKey);
    const active = (purpose: Purpose): DataKey => {
      const row = rows.find((r) => r.purpose === purpose && r.retiredAt === null);
      const key = row && keys.get(row.id);
      if (!key) throw new Error(`No active ${purpose} data key after creating one.`);
      return key;
    };
    return new KeyRing(Buffer.from(masterKey), keys, active('field'), active('index'));
  }

  encrypt(binding: FieldBinding, plaintext: string): string {
    const { iv, ciphertext, tag } = this.seal(binding, Buffer.from(plaintext, 'utf8'));
    return [TEXT_VERSION, this.activeField.id, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
  }

  decrypt(binding: FieldBinding, stored: string): string {
    const aad = additionalData(binding);
    const parts = typeof stored === 'string' ? stored.split('.') : [];
    if (parts.length !== 5 || parts[0] !== TEXT_VERSION) throw new TamperedCiphertextError(binding, 'not a v1 ciphertext');
    const [, keyId, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
    const iv = strictBase64url(ivText);
    const ciphertext = strictBase64url(ciphertextText);
    const tag = strictBase64url(tagText);
    if (!iv || !ciphertext || !tag) throw new TamperedCiphertextError(binding, 'malformed');
    return this.unseal(binding, aad, keyId, iv, ciphertext, tag).toString('utf8');
  }

  /** Attachments: version byte, key id length, key id, iv, tag, ciphertext. */
  encryptBytes(binding: FieldBinding, data: Buffer): Buffer {
    const { iv, ciphertext, tag } = this.seal(binding, data);
    const keyId = Buffer.from(this.activeField.id, 'ascii');
    return Buffer.concat([Buffer.from([BYTES_VERSION, keyId.length]), keyId, iv, tag, ciphertext]);
  }

  decryptBytes(binding: FieldBinding, stored: Buffer | Uint8Array): Buffer {
    const aad = additionalData(binding);
    // PGlite returns bytea as a plain Uint8Array, node-postgres as a Buffer.
    const data = stored instanceof Uint8Array ? Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) : null;
    if (!data || data.length < 2 || data[0] !== BYTES_VERSION) {
      throw new TamperedCiphertextError(binding, 'not a version 1 encrypted attachment');
    }
    const idEnd = 2 + data[1]!;
    const ivEnd = idEnd + IV_BYTES;
    const tagEnd = ivEnd + TAG_BYTES;
    if (data.length < tagEnd) throw new TamperedCiphertextError(binding, 'truncated');
    const keyId = data.subarray(2, idEnd).toString('latin1');
    return this.unseal(binding, aad, keyId, data.subarray(idEnd, ivEnd), data.subarray(tagEnd), data.subarray(ivEnd, tagEnd));
  }

  /** Keyed hash for exact-match search; `purpose` keeps indexes of different fields apart. */
  blindIndex(purpose: string, value: string): string {
    if (purpose === '' || purpose.includes('\u0000')) throw new TypeError('A blind index purpose must be non-empty and without NUL.');
    return createHmac('sha256', this.activeIndex.key).update(`${purpose}\u0000${normalizeForIndex(value)}`, 'utf8').digest('hex');
  }

  /**
   * Wraps every data key under a new master key in one transaction (the caller's, when `db` is
   * one). Keys already under the new master key are left as they are, so a repeated run is
   * harmless. Returns how many keys were rewrapped.
   */
  async rewrap(db: Executor, newMasterKey: Buffer): Promise<number> {
    assertMasterKeyLength(newMasterKey);
    const newId = masterKeyId(newMasterKey);
    const count = await inTransaction(db, async (tx) => {
      const rows = await keyTable(tx).selectFrom('dataKey').selectAll().orderBy('createdAt').orderBy('id').forUpdate().execute();
      let rewrapped = 0;
      for (const row of rows) {
        if (row.masterKeyId === newId) {
          unwrap(row, newMasterKey);
          continue;
        }
        const key = unwrap(row, this.masterKey);
        const { wrappedKey } = wrapRow({ id: row.id, purpose: row.purpose, key }, newMasterKey);
        await keyTable(tx).updateTable('dataKey').set({ wrappedKey, masterKeyId: newId }).where('id', '=', row.id).execute();
        rewrapped += 1;
      }
      return rewrapped;
    });
    this.masterKey = Buffer.from(newMasterKey);
    return count;
  }

  /** Retires the active field key and makes a new one; values under retired keys still decrypt. */
  async rotateFieldKey(db: Executor): Promise<string> {
    const fresh = newDataKey('field');
    const row = wrapRow(fresh, this.masterKey);
    await inTransaction(db, async (tx) => {
      const wrappers = await keyTable(tx).selectFrom('dataKey').select('masterKeyId').forUpdate().execute();
      // Refuse to mix master keys if another process rewrapped the keys since this ring opened.
      if (wrappers.some((w) => w.masterKeyId !== row.masterKeyId)) {
        throw new MasterKeyError('The data keys were rewrapped under another master key since this process started; restart it with that key.');
      }
      await keyTable(tx)
        .updateTable('dataKey')
        .set({ retiredAt: sql<Date>`now()` })
        .where('purpose', '=', 'field')
        .where('retiredAt', 'is', null)
        .execute();
      await keyTable(tx).insertInto('dataKey').values(row).execute();
    });
    this.keys.set(fresh.id, fresh);
    this.activeField = fresh;
    return fresh.id;
  }

  private seal(binding: FieldBinding, plaintext: Buffer): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
    const aad = additionalData(binding);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.activeField.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, ciphertext, tag: cipher.getAuthTag() };
  }

  private unseal(binding: FieldBinding, aad: Buffer, keyId: string, iv: Buffer, ciphertext: Buffer, tag: Buffer): Buffer {
    const key = this.keys.get(keyId);
    if (!key || key.purpose !== 'field') {
      throw new TamperedCiphertextError(binding, KEY_ID.test(keyId) ? `unknown key ${keyId}` : 'unknown key');
    }
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new TamperedCiphertextError(binding, 'malformed');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new TamperedCiphertextError(binding, 'authentication failed');
    }
  }
}

function additionalData(binding: FieldBinding): Buffer {
  // A '/' inside a part would let two different bindings share the same AAD.
  for (const part of [binding.table, binding.recordId, binding.field]) {
    if (typeof part !== 'string' || part === '' || part.includes('/')) {
      throw new TypeError('A field binding needs a non-empty table, recordId and field without "/".');
    }
  }
  return Buffer.from(`suoja/v1/${binding.table}/${binding.recordId}/${binding.field}`, 'utf8');
}

// Node decodes base64url leniently; only the canonical spelling is accepted, so no two stored strings open alike.
function strictBase64url(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

function keyTable(db: Executor): Kysely<DB & { dataKey: DataKeyTable }> {
  return (db as Kysely<DB>).withTables<{ dataKey: DataKeyTable }>();
}

function inTransaction<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : withTransaction(db as Kysely<DB>, work);
}

function selectKeys(db: Executor) {
  return keyTable(db).selectFrom('dataKey').selectAll().orderBy('createdAt').orderBy('id').execute();
}

type KeyRow = Awaited<ReturnType<typeof selectKeys>>[number];

function assertMasterKeyLength(masterKey: Buffer): void {
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(`The master key must be ${MASTER_KEY_BYTES} bytes.`);
  }
}

function newDataKey(purpose: Purpose): DataKey {
  return { id: `k_${randomBytes(4).toString('hex')}`, purpose, key: randomBytes(KEY_BYTES) };
}

// The AAD ties a wrapped key to its row, so a wrapped index key cannot be passed off as a field key.
function wrapAad(id: string, purpose: Purpose): Buffer {
  return Buffer.from(`suoja/v1/data_key/${id}/${purpose}`, 'utf8');
}

function wrapRow(key: DataKey, masterKey: Buffer): { id: string; purpose: Purpose; wrappedKey: string; masterKeyId: string } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(wrapAad(key.id, key.purpose));
  const ciphertext = Buffer.concat([cipher.update(key.key), cipher.final()]);
  return {
    id: key.id,
    purpose: key.purpose,
    wrappedKey: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64'),
    masterKeyId: masterKeyId(masterKey),
  };
}

function unwrap(row: KeyRow, masterKey: Buffer): Buffer {
  const expected = masterKeyId(masterKey);
  if (row.masterKeyId !== expected) {
    throw new MasterKeyError(
      `The master key (id ${expected}) is not the one that wrapped data key ${row.id} (master key id ${row.masterKeyId}); ` +
        'supply that master key through SUOJA_MASTER_KEY or SUOJA_KEY_FILE.',
    );
  }
  const wrapped = Buffer.from(row.wrappedKey, 'base64');
  try {
    if (wrapped.length !== IV_BYTES + KEY_BYTES + TAG_BYTES) throw new Error('length');
    const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(wrapAad(row.id, row.purpose));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES + KEY_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, IV_BYTES + KEY_BYTES)), decipher.final()]);
  } catch {
    throw new MasterKeyError(`Data key ${row.id} cannot be unwrapped with the master key: its stored form was altered or damaged.`);
  }
}

function unwrapAll(rows: readonly KeyRow[], masterKey: Buffer): Map<string, DataKey> {
  return new Map(rows.map((row) => [row.id, { id: row.id, purpose: row.purpose, key: unwrap(row, masterKey) }]));
}
