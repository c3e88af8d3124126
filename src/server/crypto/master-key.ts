import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

export const MASTER_KEY_BYTES = 32;

/** The master key is missing, malformed, or not the one that wrapped the data keys. */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

export interface MasterKeyLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Fingerprint that tells which master key wrapped a data key, without revealing the key. */
export function masterKeyId(key: Buffer): string {
  return createHmac('sha256', key).update('suoja-master-key-id').digest('hex').slice(0, 16);
}

export async function loadMasterKey(source: Config['masterKey'], log: MasterKeyLog): Promise<Buffer> {
  if (source.kind === 'env') {
    const key = decodeKey(source.base64, 'SUOJA_MASTER_KEY');
    log.info({ masterKeyId: masterKeyId(key) }, 'Master key read from SUOJA_MASTER_KEY');
    return key;
  }
  const file = source.path;
  const existing = await readKeyFile(file);
  if (existing !== null) {
    const key = decodeKey(existing, `The key file ${file} (SUOJA_KEY_FILE)`);
    await warnIfExposed(file, log);
    log.info({ keyFile: file, masterKeyId: masterKeyId(key) }, 'Master key read from the key file');
    return key;
  }
  return createKeyFile(file, log);
}

/** A master key from a key file, created (mode 0600) when the file does not exist yet. */
export async function keyFromFile(file: string, log: MasterKeyLog): Promise<Buffer> {
  const existing = await readKeyFile(file);
  return existing !== null ? decodeKey(existing, `The key file ${file}`) : createKeyFile(file, log);
}

async function readKeyFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw new MasterKeyError(`Cannot read the master key file ${file} (SUOJA_KEY_FILE): ${errorCode(error) ?? String(error)}`, {
      cause: error,
    });
  }
}

// The key is never part of the message: these errors end up in logs.
function decodeKey(text: string, what: string): Buffer {
  const trimmed = text.trim();
  const hint = `must be the base64 encoding of exactly ${MASTER_KEY_BYTES} random bytes (e.g. the output of \`openssl rand -base64 32\`)`;
  if (trimmed === '') throw new MasterKeyError(`${what} is empty; it ${hint}.`);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new MasterKeyError(`${what} is not base64; it ${hint}.`);
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(`${what} decodes to ${key.length} bytes; it ${hint}.`);
  }
  return key;
}

async function warnIfExposed(file: string, log: MasterKeyLog): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await fs.stat(file);
  if ((mode & 0o077) !== 0) {
    log.warn(
      { keyFile: file, mode: (mode & 0o777).toString(8) },
      `The master key file ${file} is accessible to group or others; restrict it with chmod 600.`,
    );
  }
}

/**
 * Writes a fresh key to a temporary file and links it into place, so a process starting at the
 * same moment either sees no file or the complete one, and the first writer's key wins.
 */
async function createKeyFile(file: string, log: MasterKeyLog): Promise<Buffer> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(MASTER_KEY_BYTES);
  const temporary = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('base64')}\n`, 'utf8');
    await handle.chmod(0o600);
    // Losing this file after data was encrypted would lose the data, so it reaches the disk first.
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(temporary, file);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    await fs.unlink(temporary);
    const winner = await readKeyFile(file);
    if (winner === null) throw new MasterKeyError(`The master key file ${file} vanished while it was being created.`);
    return decodeKey(winner, `The key file ${file} (SUOJA_KEY_FILE)`);
  }
  await fs.unlink(temporary);
  await syncDirectory(dir);
  log.warn(
    { keyFile: file, masterKeyId: masterKeyId(key) },
    `Created a new master key in ${file}. This is meant for development and trials: in production, supply ` +
      'your own key through SUOJA_MASTER_KEY or SUOJA_KEY_FILE and keep it apart from backups of the data. ' +
      'Whoever holds both can read the encrypted data; without the key it cannot be recovered.',
  );
  return key;
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported on every platform; the file itself is already synced.
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
