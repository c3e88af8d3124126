import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import { appendAudit, verifyAuditChain, type ChainVerdict } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import { KeyRing } from '../crypto/keyring.js';
import { migrateToLatest, MigrationError, SqlFileMigrationProvider } from '../db/migrate.js';
import type { DB } from '../db/schema.js';
import { withTransaction } from '../db/transaction.js';
import { appliedMigrations, ident, readCatalog, tableExists, type Catalog, type TableInfo } from './catalog.js';
import { BackupRefused, type Preamble, type SequenceValue, type TableStart } from './format.js';
import { readBackup } from './reader.js';

export interface RestoreTarget {
  db: Kysely<DB>;
  masterKey: Buffer;
  clock: Clock;
}

export type RestoreProgress = { phase: 'checking'; done: number; total: number } | { phase: 'restoring'; done: number; total: number };

export interface RestoreSummary {
  sha256: string;
  createdAt: string;
  suojaVersion: string;
  engine: string;
  installationId: string | null;
  schemaVersion: string;
  tables: number;
  rows: number;
  /** Migrations applied after the load, when the backup came from an older version of Suoja. */
  migratedAfter: string[];
  /** Entries the fresh installation's own audit trail held before the restore replaced it. */
  replacedAuditEntries: number;
  /** The restored chain with the restore's own entry appended. */
  auditChain: ChainVerdict;
}

interface Manifest {
  preamble: Preamble;
  tables: (TableStart & { rows: number })[];
  sequences: SequenceValue[];
  rows: number;
  sha256: string;
}

/** Tables whose rows make an installation more than fresh: a backup is never restored over them. */
const RECORD_TABLES = [
  ['person', 'persons'],
  ['application', 'applications'],
  ['helpline_contact', 'helpline contacts'],
  ['staff_user', 'staff users'],
] as const;

const STAGE = 'suoja_restore_stage';

/**
 * Restores a backup into a fresh installation: the file is read once to check it (it must
 * authenticate under the master key), the target is brought to the backup's schema version,
 * and then, in one transaction, every table is emptied and loaded from the file in foreign-key
 * order, the sequences are set and the restore is appended to the restored audit chain. The
 * data keys come from the backup, so the installation needs the master key the backup was made
 * with. A backup from an older version is migrated to the current schema afterwards.
 */
export async function restoreBackup(target: RestoreTarget, actor: Actor, file: string, options: { onProgress?(progress: RestoreProgress): void } = {}): Promise<RestoreSummary> {
  const { db, masterKey } = target;
  await refuseRecords(db);
  const manifest = await readManifest(file, masterKey, (done, total) => options.onProgress?.({ phase: 'checking', done, total }));
  const { preamble } = manifest;

  const provider = new SqlFileMigrationProvider();
  const known = Object.keys(await provider.getMigrations()).sort();
  if (!isPrefix(preamble.migrations, known)) {
    throw new BackupRefused(
      `the backup was made by a newer version of Suoja (${preamble.suojaVersion}, schema ${preamble.schemaVersion}) than this one knows; ` +
        `restore it with Suoja ${preamble.suojaVersion} or later`,
    );
  }
  const applied = await appliedMigrations(db);
  if (!isPrefix(applied, preamble.migrations)) {
    throw new BackupRefused(
      `the target database is at schema ${applied.at(-1)}, newer than the backup's ${preamble.schemaVersion}; ` +
        'restore into a new installation instead: an empty data directory, or a new, empty PostgreSQL database',
    );
  }
  if (applied.length < preamble.migrations.length) await migrateTo(db, provider, preamble.schemaVersion);

  const catalog = await readCatalog(db);
  checkSchema(catalog, manifest);
  const tables = new Map(catalog.tables.map((t) => [t.name, t]));

  let replacedAuditEntries = 0;
  let auditChain: ChainVerdict = { ok: true, entries: 0 };
  await withTransaction(db, async (tx) => {
    const names = catalog.tables.map((t) => ident(t.name)).join(', ');
    await sql.raw(`lock table ${names} in access exclusive mode`).execute(tx);
    await refuseRecords(tx);
    replacedAuditEntries = await countRows(tx, 'audit_event');

    // The load must put back exactly what was backed up: no trigger may refuse (the audit trail's
    // append-only guard refuses TRUNCATE) or change a row while it does.
    const triggers = await enabledTriggers(tx, catalog);
    for (const t of triggers) await sql.raw(`alter table ${ident(t.tbl)} disable trigger ${ident(t.name)}`).execute(tx);
    await sql.raw(`truncate table ${names}`).execute(tx);

    let loaded = 0;
    let inserted = 0;
    // The file is read a second time: it must be the one checked, byte for byte.
    const changed = () => new BackupRefused(`${file} changed while it was being restored; nothing was restored`);
    const second = await readBackup(file, masterKey, {
      tableStart: async (start) => {
        inserted = 0;
        const table = tables.get(start.name);
        if (!table) throw changed();
        if (table.selfReferencing) await sql.raw(`create temporary table ${STAGE} (like ${ident(table.name)}) on commit drop`).execute(tx);
      },
      rows: async (name, lines) => {
        const table = tables.get(name)!;
        const json = `[${lines.join(',')}]`;
        // A table whose rows point at each other is gathered first and inserted in one
        // statement: foreign keys are checked at its end, whatever order the rows come in.
        const result = table.selfReferencing
          ? await sql`insert into ${sql.raw(STAGE)} select * from json_populate_recordset(null::${sql.raw(ident(name))}, ${json}::json)`.execute(tx)
          : await sql`${sql.raw(insertInto(table))} from json_populate_recordset(null::${sql.raw(ident(name))}, ${json}::json)`.execute(tx);
        inserted += Number(result.numAffectedRows ?? 0);
        loaded += lines.length;
        options.onProgress?.({ phase: 'restoring', done: loaded, total: manifest.rows });
      },
      tableEnd: async (name, rows) => {
        const table = tables.get(name)!;
        if (table.selfReferencing) {
          const result = await sql.raw(`${insertInto(table)} from ${STAGE}`).execute(tx);
          inserted = Number(result.numAffectedRows ?? 0);
          await sql.raw(`drop table ${STAGE}`).execute(tx);
        }
        if (inserted !== rows) throw new Error(`Restoring ${name}: ${inserted} rows inserted, ${rows} in the backup.`);
      },
      sequences: async (values) => {
        for (const s of values) await sql`select setval(${ident(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`.execute(tx);
      },
    });
    if (second.sha256 !== manifest.sha256) throw changed();

    for (const t of triggers) await sql.raw(`alter table ${ident(t.tbl)} enable trigger ${ident(t.name)}`).execute(tx);
    // The restored data keys must open with this master key, or nothing here could be read.
    await KeyRing.open(tx, masterKey);
    await appendAudit(
      tx,
      actor,
      {
        action: 'backup.restore',
        details: {
          sha256: manifest.sha256,
          createdAt: preamble.createdAt,
          suojaVersion: preamble.suojaVersion,
          engine: preamble.engine,
          schemaVersion: preamble.schemaVersion,
          tables: manifest.tables.length,
          rows: manifest.rows,
          replacedAuditEntries,
        },
      },
      target.clock.now(),
    );
    auditChain = await verifyAuditChain(tx);
  });

  const migratedAfter = preamble.migrations.length < known.length ? (await migrateToLatest(db)).applied : [];
  return {
    sha256: manifest.sha256,
    createdAt: preamble.createdAt,
    suojaVersion: preamble.suojaVersion,
    engine: preamble.engine,
    installationId: preamble.installationId,
    schemaVersion: preamble.schemaVersion,
    tables: manifest.tables.length,
    rows: manifest.rows,
    migratedAfter,
    replacedAuditEntries,
    auditChain,
  };
}

/** Reads the whole file once without writing anything: it must authenticate, and says what it holds. */
export async function readManifest(file: string, masterKey: Buffer, onProgress?: (bytes: number, size: number) => void): Promise<Manifest> {
  const seen: { preamble?: Preamble; current?: TableStart } = {};
  const tables: Manifest['tables'] = [];
  let sequences: SequenceValue[] = [];
  let rows = 0;
  const { sha256 } = await readBackup(
    file,
    masterKey,
    {
      preamble: (p) => void (seen.preamble = p),
      tableStart: (t) => void (seen.current = t),
      tableEnd: (_name, n) => {
        tables.push({ ...seen.current!, rows: n });
        rows += n;
      },
      sequences: (s) => void (sequences = s),
    },
    (p) => onProgress?.(p.bytes, p.size),
  );
  if (!seen.preamble) throw new BackupRefused('the backup file holds no description of its content');
  return { preamble: seen.preamble, tables, sequences, rows, sha256 };
}

function insertInto(table: TableInfo): string {
  const columns = table.columns
    .filter((c) => !c.generated)
    .map((c) => ident(c.name))
    .join(', ');
  const overriding = table.columns.some((c) => c.identityAlways && !c.generated) ? ' overriding system value' : '';
  return `insert into ${ident(table.name)} (${columns})${overriding} select ${columns}`;
}

/** The target, at the backup's schema version, must have exactly the backup's tables, columns and sequences. */
function checkSchema(catalog: Catalog, manifest: Manifest): void {
  const mismatch = (what: string) =>
    new BackupRefused(`the target database's schema does not match the backup's (schema ${manifest.preamble.schemaVersion}): ${what}`);
  const inBackup = new Set(manifest.tables.map((t) => t.name));
  const missing = catalog.tables.filter((t) => !inBackup.has(t.name)).map((t) => t.name);
  if (missing.length > 0) throw mismatch(`the backup has no table ${missing.join(', ')}`);
  const byName = new Map(catalog.tables.map((t) => [t.name, t]));
  const loaded = new Set<string>();
  for (const t of manifest.tables) {
    const table = byName.get(t.name);
    if (!table) throw mismatch(`the target has no table ${t.name}`);
    const describe = (columns: readonly { name: string; type: string }[]) => columns.map((c) => `${c.name} ${c.type}`).sort().join(', ');
    if (describe(t.columns) !== describe(table.columns)) throw mismatch(`the columns of ${t.name} differ`);
    const notYet = table.references.filter((r) => !loaded.has(r));
    if (notYet.length > 0) throw mismatch(`${t.name} comes before ${notYet.join(', ')}, which it references`);
    loaded.add(t.name);
  }
  const sequences = (names: string[]) => [...names].sort().join(', ');
  if (sequences(manifest.sequences.map((s) => s.name)) !== sequences(catalog.sequences)) throw mismatch('the sequences differ');
}

async function refuseRecords(db: Kysely<DB> | Transaction<DB>): Promise<void> {
  const found: string[] = [];
  for (const [table, label] of RECORD_TABLES) {
    if (!(await tableExists<DB>(db, table))) continue;
    const row = await sql<{ found: boolean }>`select exists (select 1 from ${sql.raw(ident(table))}) as found`.execute(db);
    if (row.rows[0]?.found) found.push(label);
  }
  if (found.length > 0) {
    throw new BackupRefused(
      `the target installation already holds ${found.join(', ')}; a backup is restored only into a fresh installation ` +
        '(an empty data directory, or a new, empty PostgreSQL database), never over records',
    );
  }
}

async function countRows(db: Transaction<DB>, table: string): Promise<number> {
  if (!(await tableExists<DB>(db, table))) return 0;
  const row = await sql<{ n: string }>`select count(*)::text as n from ${sql.raw(ident(table))}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

async function enabledTriggers(db: Transaction<DB>, catalog: Catalog): Promise<{ tbl: string; name: string }[]> {
  const tables = new Set(catalog.tables.map((t) => t.name));
  const rows = await sql<{ tbl: string; name: string }>`
    select c.relname as tbl, t.tgname as name
    from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and t.tgenabled <> 'D'
      and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
    order by c.relname, t.tgname`.execute(db);
  return rows.rows.filter((r) => tables.has(r.tbl));
}

async function migrateTo(db: Kysely<DB>, provider: SqlFileMigrationProvider, name: string): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function isPrefix(prefix: readonly string[], list: readonly string[]): boolean {
  return prefix.length <= list.length && prefix.every((name, i) => list[i] === name);
}
