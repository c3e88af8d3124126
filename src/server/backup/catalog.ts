import { sql, type Kysely } from 'kysely';

/**
 * What a backup holds, read from the database's own catalogue so that tables added by later
 * migrations are included without changes here: every ordinary table of the current schema
 * except the migrator's bookkeeping, and every sequence.
 */
export const BOOKKEEPING_TABLES: readonly string[] = ['kysely_migration', 'kysely_migration_lock'];

export interface ColumnInfo {
  name: string;
  type: string;
  /** A stored generated column: computed by the database, never inserted. */
  generated: boolean;
  /** GENERATED ALWAYS AS IDENTITY: inserting a value needs OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Other tables of the schema this one has foreign keys to. */
  references: string[];
  /** A foreign key to itself (a row may point at another row of the same table). */
  selfReferencing: boolean;
}

export interface Catalog {
  /** In foreign-key order: every table after the tables it references. */
  tables: TableInfo[];
  sequences: string[];
}

// The catalogue is read through a Kysely instance with the CamelCasePlugin: the aliases below
// are single words, so they come back as written.

const SCHEMA = sql`(select oid from pg_namespace where nspname = current_schema())`;

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function readCatalog<T>(db: Kysely<T>): Promise<Catalog> {
  const tableRows = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c
      where c.relnamespace = ${SCHEMA} and c.relkind = 'r' and not c.relispartition
      order by c.relname`.execute(db)
  ).rows.filter((r) => !BOOKKEEPING_TABLES.includes(r.name));
  const columns = await sql<{ tbl: string; name: string; type: string; generated: boolean; always: boolean }>`
    select c.relname as tbl, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
           a.attgenerated <> '' as generated, a.attidentity = 'a' as always
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = ${SCHEMA} and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ tbl: string; name: string }>`
    select c.relname as tbl, a.attname as name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indisprimary and c.relnamespace = ${SCHEMA}
    order by c.relname, array_position(i.indkey::int2[], a.attnum)`.execute(db);
  const foreign = await sql<{ tbl: string; ref: string }>`
    select distinct c.relname as tbl, f.relname as ref
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class f on f.oid = k.confrelid
    where k.contype = 'f' and c.relnamespace = ${SCHEMA} and f.relnamespace = ${SCHEMA}`.execute(db);
  const sequences = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = ${SCHEMA} and c.relkind = 'S'
    order by c.relname`.execute(db);

  const tables = new Map<string, TableInfo>(
    tableRows.map((r) => [r.name, { name: r.name, columns: [], primaryKey: [], references: [], selfReferencing: false }]),
  );
  for (const c of columns.rows) tables.get(c.tbl)?.columns.push({ name: c.name, type: c.type, generated: c.generated, identityAlways: c.always });
  for (const k of keys.rows) tables.get(k.tbl)?.primaryKey.push(k.name);
  for (const f of foreign.rows) {
    const table = tables.get(f.tbl);
    if (!table || !tables.has(f.ref)) continue;
    if (f.ref === f.tbl) table.selfReferencing = true;
    else if (!table.references.includes(f.ref)) table.references.push(f.ref);
  }
  return { tables: foreignKeyOrder([...tables.values()]), sequences: sequences.rows.map((s) => s.name) };
}

/** Tables sorted so that each comes after those it references; ties by name, so the order is stable. */
export function foreignKeyOrder(tables: TableInfo[]): TableInfo[] {
  const remaining = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()]
      .filter((t) => t.references.every((r) => !remaining.has(r)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (ready.length === 0) {
      // Rows of tables that reference each other cannot be loaded one table after the other.
      throw new Error(`The tables ${[...remaining.keys()].join(', ')} reference each other in a cycle; backup and restore need an order to load them in.`);
    }
    for (const t of ready) {
      ordered.push(t);
      remaining.delete(t.name);
    }
  }
  return ordered;
}

/** The migrations applied to the database, in order; empty when it was never migrated. */
export async function appliedMigrations<T>(db: Kysely<T>): Promise<string[]> {
  const exists = await sql<{ found: boolean }>`
    select exists (select 1 from pg_class where relnamespace = ${SCHEMA} and relname = 'kysely_migration' and relkind = 'r') as found`.execute(db);
  if (!exists.rows[0]?.found) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Whether a table of that name exists in the current schema. */
export async function tableExists<T>(db: Kysely<T>, name: string): Promise<boolean> {
  const result = await sql<{ found: boolean }>`
    select exists (select 1 from pg_class where relnamespace = ${SCHEMA} and relname = ${name} and relkind = 'r') as found`.execute(db);
  return result.rows[0]?.found === true;
}
