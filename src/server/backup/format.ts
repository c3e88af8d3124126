import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { masterKeyId } from '../crypto/master-key.js';

/**
 * The backup file: a plain header, then the gzip-compressed content encrypted with AES-256-GCM,
 * then the 16-byte GCM tag.
 *
 *   offset  size  field
 *        0     8  magic "SUOJABAK"
 *        8     1  format version (1)
 *        9    16  master key id (hex, ASCII): which master key the file key comes from
 *       25    16  salt of the key derivation (random per file)
 *       41    12  IV
 *       53     …  ciphertext
 *   end-16    16  GCM tag
 *
 * File key = HKDF-SHA256(master key, salt, "suoja backup v1", 32 bytes). The header is the
 * additional authenticated data, so a changed header fails like a changed byte of content.
 */
export const MAGIC = Buffer.from('SUOJABAK', 'ascii');
export const FORMAT_VERSION = 1;
const KEY_ID_BYTES = 16;
const SALT_BYTES = 16;
const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + SALT_BYTES + IV_BYTES;
const INFO = 'suoja backup v1';

/** The backup cannot be made or restored; the message says why, for the operator. */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

export interface BackupHeader {
  version: number;
  masterKeyId: string;
  salt: Buffer;
  iv: Buffer;
  bytes: Buffer;
}

function fileKey(masterKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, salt, INFO, 32));
}

export function newHeader(masterKey: Buffer): BackupHeader {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const id = masterKeyId(masterKey);
  const bytes = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), Buffer.from(id, 'ascii'), salt, iv]);
  return { version: FORMAT_VERSION, masterKeyId: id, salt, iv, bytes };
}

export function encryptor(masterKey: Buffer, header: BackupHeader): CipherGCM {
  const cipher = createCipheriv('aes-256-gcm', fileKey(masterKey, header.salt), header.iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(header.bytes);
  return cipher;
}

export function parseHeader(bytes: Buffer): BackupHeader {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupRefused('this is not a Suoja backup file');
  }
  const version = bytes[MAGIC.length]!;
  if (version !== FORMAT_VERSION) {
    throw new BackupRefused(`the backup file has format version ${version}; this version of Suoja reads version ${FORMAT_VERSION}`);
  }
  let at = MAGIC.length + 1;
  const id = bytes.subarray(at, (at += KEY_ID_BYTES)).toString('latin1');
  const salt = Buffer.from(bytes.subarray(at, (at += SALT_BYTES)));
  const iv = Buffer.from(bytes.subarray(at, (at += IV_BYTES)));
  if (!/^[0-9a-f]{16}$/.test(id)) throw new BackupRefused('the backup file is damaged or was altered: its header is not valid');
  return { version, masterKeyId: id, salt, iv, bytes: Buffer.from(bytes.subarray(0, HEADER_BYTES)) };
}

/** Reads the header and the tag of a backup file and refuses a file made under another master key. */
export async function openBackupFile(handle: FileHandle, masterKey: Buffer): Promise<{ header: BackupHeader; tag: Buffer; size: number }> {
  const { size } = await handle.stat();
  if (size <= HEADER_BYTES + TAG_BYTES) {
    const head = Buffer.alloc(Math.min(size, MAGIC.length));
    await handle.read(head, 0, head.length, 0);
    throw new BackupRefused(head.equals(MAGIC) ? 'the backup file is truncated' : 'this is not a Suoja backup file');
  }
  const headerBytes = Buffer.alloc(HEADER_BYTES);
  await handle.read(headerBytes, 0, HEADER_BYTES, 0);
  const header = parseHeader(headerBytes);
  const ours = masterKeyId(masterKey);
  if (header.masterKeyId !== ours) {
    throw new BackupRefused(
      `the backup was made under the master key ${header.masterKeyId}, and this installation's master key is ${ours}; ` +
        'supply the master key the backup was made with (SUOJA_MASTER_KEY or SUOJA_KEY_FILE)',
    );
  }
  const tag = Buffer.alloc(TAG_BYTES);
  await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  return { header, tag, size };
}

export function decryptor(masterKey: Buffer, header: BackupHeader, tag: Buffer): DecipherGCM {
  const decipher = createDecipheriv('aes-256-gcm', fileKey(masterKey, header.salt), header.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(header.bytes);
  decipher.setAuthTag(tag);
  return decipher;
}

/**
 * The content, once decrypted and decompressed, is JSON Lines. Rows are the table's
 * `row_to_json` objects verbatim (a line starting with `{`); everything else is a control line,
 * a JSON array `[kind, value]` (a line starting with `[`):
 *
 *   ["suoja-backup", Preamble]          first line
 *   ["table", TableStart]               then that table's rows, one per line
 *   ["table-end", { name, rows }]
 *   …                                   tables in foreign-key order
 *   ["sequences", SequenceValue[]]
 *   ["end", { tables, rows }]           last line
 */
export interface Preamble {
  format: number;
  createdAt: string;
  suojaVersion: string;
  engine: string;
  /** The last migration applied to the database that was backed up. */
  schemaVersion: string;
  /** Every migration applied to it, in order. */
  migrations: string[];
  installationId: string | null;
}

export interface ColumnDescription {
  name: string;
  type: string;
}

export interface TableStart {
  name: string;
  columns: ColumnDescription[];
}

export interface SequenceValue {
  name: string;
  lastValue: number;
  isCalled: boolean;
}

export type ControlLine =
  | ['suoja-backup', Preamble]
  | ['table', TableStart]
  | ['table-end', { name: string; rows: number }]
  | ['sequences', SequenceValue[]]
  | ['end', { tables: number; rows: number }];

export function controlLine(line: ControlLine): string {
  return `${JSON.stringify(line)}\n`;
}

/** Splits a byte stream into lines (without the newline), decoding each whole line as UTF-8. */
export async function* splitLines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of source) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) throw new BackupRefused('the backup file is damaged or was altered: its content ends in the middle of a line');
}
