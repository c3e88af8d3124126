import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../access/actor.js';
import { appendAudit } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import { masterKeyId } from '../crypto/master-key.js';
import type { DB } from '../db/schema.js';
import { withTransaction } from '../db/transaction.js';
import { VERSION } from '../version.js';
import { appliedMigrations, ident, readCatalog, tableExists, type Catalog } from './catalog.js';
import { BackupRefused, controlLine, encryptor, FORMAT_VERSION, newHeader, type Preamble, type SequenceValue } from './format.js';

export interface BackupTarget {
  db: Kysely<DB>;
  /** The engine, recorded in the backup for the operator's information. */
  kind: string;
  masterKey: Buffer;
  clock: Clock;
}

export interface BackupProgress {
  table: string;
  /** Rows of this table written so far. */
  tableRows: number;
  /** Rows of all tables written so far. */
  rows: number;
  /** The table's place in the backup (1 for the first) and how many tables there are. */
  tableIndex: number;
  tableCount: number;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  sha256: string;
  tables: number;
  rows: number;
  schemaVersion: string;
  masterKeyId: string;
}

// Rows are fetched in batches of at most this many, and fewer when rows are large (attachments),
// so that a batch stays near BATCH_BYTES whatever the table holds.
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 << 20;
const CURSOR = 'suoja_backup_rows';

/**
 * Writes a consistent, encrypted backup of every table and sequence to `file`: one
 * repeatable-read, read-only transaction sees one snapshot of the whole database; rows stream
 * through gzip and AES-256-GCM into a temporary file beside `file`, which takes its name only
 * when complete. Refuses to overwrite an existing file. Audited once written.
 */
export async function createBackup(source: BackupTarget, actor: Actor, file: string, options: { onProgress?(progress: BackupProgress): void } = {}): Promise<BackupSummary> {
  const target = path.resolve(file);
  await refuseExisting(target);
  await checkMasterKey(source.db, source.masterKey);

  const header = newHeader(source.masterKey);
  const cipher = encryptor(source.masterKey, header);
  const hash = createHash('sha256');
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await fs.open(temporary, 'wx', 0o600);
  let written = 0;
  const write = async (bytes: Buffer) => {
    hash.update(bytes);
    await handle.write(bytes);
    written += bytes.length;
  };
  const totals = { tables: 0, rows: 0, schemaVersion: '' };
  try {
    await write(header.bytes);
    await source.db.connection().execute(async (conn) => {
      await sql.raw('begin isolation level repeatable read, read only').execute(conn);
      try {
        const migrations = await appliedMigrations(conn);
        const schemaVersion = migrations.at(-1);
        if (!schemaVersion) throw new BackupRefused('the database holds no Suoja schema (it was never migrated); there is nothing to back up');
        const catalog = await readCatalog(conn);
        // Keeps migrations (DDL) out until the snapshot has been read.
        if (catalog.tables.length > 0) await sql.raw(`lock table ${catalog.tables.map((t) => ident(t.name)).join(', ')} in access share mode`).execute(conn);
        const preamble: Preamble = {
          format: FORMAT_VERSION,
          createdAt: source.clock.now().toISOString(),
          suojaVersion: VERSION,
          engine: source.kind,
          schemaVersion,
          migrations,
          installationId: await installationId(conn),
        };
        totals.schemaVersion = schemaVersion;
        const content = contentLines(conn, catalog, preamble, totals, (progress) => options.onProgress?.(progress));
        await pipeline(content, createGzip(), cipher, async (encrypted: AsyncIterable<Buffer>) => {
          for await (const chunk of encrypted) await write(chunk);
        });
        await sql.raw('commit').execute(conn);
      } catch (error) {
        await sql.raw('rollback').execute(conn).catch(() => undefined);
        throw error;
      }
    });
    await write(cipher.getAuthTag());
    await handle.sync();
    await handle.close();
    await moveIntoPlace(temporary, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temporary, { force: true });
    throw error;
  }

  const summary: BackupSummary = {
    file: target,
    bytes: written,
    sha256: hash.digest('hex'),
    tables: totals.tables,
    rows: totals.rows,
    schemaVersion: totals.schemaVersion,
    masterKeyId: header.masterKeyId,
  };
  try {
    await withTransaction(source.db, (tx) =>
      appendAudit(
        tx,
        actor,
        {
          action: 'backup.create',
          details: { sha256: summary.sha256, bytes: summary.bytes, tables: summary.tables, rows: summary.rows, schemaVersion: summary.schemaVersion, masterKeyId: summary.masterKeyId },
        },
        source.clock.now(),
      ),
    );
  } catch (error) {
    // A copy of every record that the audit trail does not know of must not exist.
    await fs.rm(target, { force: true });
    throw error;
  }
  return summary;
}

async function* contentLines(
  conn: Kysely<DB>,
  catalog: Catalog,
  preamble: Preamble,
  totals: { tables: number; rows: number },
  progress: (p: BackupProgress) => void,
): AsyncGenerator<Buffer> {
  yield Buffer.from(controlLine(['suoja-backup', preamble]));
  let rows = 0;
  let tableIndex = 0;
  const tableCount = catalog.tables.length;
  for (const table of catalog.tables) {
    tableIndex += 1;
    yield Buffer.from(controlLine(['table', { name: table.name, columns: table.columns.map((c) => ({ name: c.name, type: c.type })) }]));
    // Primary-key order makes the file the same for the same data; a table without a key is read as stored.
    const order = table.primaryKey.length > 0 ? ` order by ${table.primaryKey.map((c) => `suoja_row.${ident(c)}`).join(', ')}` : '';
    await sql.raw(`declare ${CURSOR} no scroll cursor for select row_to_json(suoja_row)::text as line from ${ident(table.name)} suoja_row${order}`).execute(conn);
    let tableRows = 0;
    let fetch = BATCH_ROWS;
    for (;;) {
      const batch = await sql.raw<{ line: string }>(`fetch forward ${fetch} from ${CURSOR}`).execute(conn);
      if (batch.rows.length === 0) break;
      const text = `${batch.rows.map((r) => r.line).join('\n')}\n`;
      const bytes = Buffer.from(text, 'utf8');
      tableRows += batch.rows.length;
      rows += batch.rows.length;
      fetch = Math.max(1, Math.min(BATCH_ROWS, Math.floor(BATCH_BYTES / Math.max(1, bytes.length / batch.rows.length))));
      progress({ table: table.name, tableRows, rows, tableIndex, tableCount });
      yield bytes;
    }
    await sql.raw(`close ${CURSOR}`).execute(conn);
    progress({ table: table.name, tableRows, rows, tableIndex, tableCount });
    yield Buffer.from(controlLine(['table-end', { name: table.name, rows: tableRows }]));
  }
  // Sequences are read last: they never go back, so each is at least the value of any row above.
  const sequences: SequenceValue[] = [];
  for (const name of catalog.sequences) {
    const value = await sql.raw<{ last: string | number; called: boolean }>(`select last_value::text as last, is_called as called from ${ident(name)}`).execute(conn);
    const row = value.rows[0];
    if (row) sequences.push({ name, lastValue: Number(row.last), isCalled: row.called });
  }
  yield Buffer.from(controlLine(['sequences', sequences]));
  totals.tables = tableCount;
  totals.rows = rows;
  yield Buffer.from(controlLine(['end', { tables: tableCount, rows }]));
}

async function installationId(conn: Kysely<DB>): Promise<string | null> {
  if (!(await tableExists(conn, 'installation'))) return null;
  const row = await sql<{ id: string }>`select id::text as id from installation limit 1`.execute(conn);
  return row.rows[0]?.id ?? null;
}

/** The file is encrypted under a key derived from the master key; it must be the one that wraps the data keys. */
async function checkMasterKey(db: Kysely<DB>, masterKey: Buffer): Promise<void> {
  if (!(await tableExists(db, 'data_key'))) return;
  const ours = masterKeyId(masterKey);
  const others = await db.selectFrom('dataKey').select(['id', 'masterKeyId']).where('masterKeyId', '<>', ours).execute();
  if (others.length > 0) {
    throw new BackupRefused(
      `the data keys are wrapped by the master key ${others[0]!.masterKeyId}, not by the master key given (${ours}); ` +
        'make the backup with the master key the installation runs with',
    );
  }
}

async function refuseExisting(file: string): Promise<void> {
  const existing = await fs.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing) throw new BackupRefused(`${file} already exists; choose another file name (a backup never overwrites a file)`);
  const dir = await fs.stat(path.dirname(file)).catch(() => null);
  if (!dir?.isDirectory()) throw new BackupRefused(`the directory ${path.dirname(file)} does not exist`);
}

/** Gives the finished file its name without ever replacing a file that appeared meanwhile. */
async function moveIntoPlace(temporary: string, target: string): Promise<void> {
  try {
    await fs.link(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new BackupRefused(`${target} already exists; choose another file name (a backup never overwrites a file)`);
    // Some file systems have no hard links; there the name is checked and then taken.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await refuseExisting(target);
    await fs.rename(temporary, target);
    await syncDirectory(path.dirname(target));
    return;
  }
  await fs.rm(temporary, { force: true });
  await syncDirectory(path.dirname(target));
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
    // Not supported everywhere; the file itself is synced.
  }
}
