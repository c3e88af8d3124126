import { sql } from 'kysely';
import type { Database } from './connect.js';

export interface MaintenanceReport {
  tables: number;
  milliseconds: number;
  /** The table that took longest: requests wait for its one statement. */
  longest: { table: string; milliseconds: number } | null;
}

/**
 * What autovacuum does on a PostgreSQL server, done once a day on the embedded database, which
 * has none (PGlite runs as a single user): every table vacuumed — dead row versions pruned, its
 * space reusable, the visibility map kept — and analysed, so that the planner's row estimates
 * follow the register as it grows (before the first run it has none for a table never analysed).
 * One statement per table, so that requests are answered between them. On PostgreSQL nothing
 * is done (null): its autovacuum does it.
 */
export async function maintainEmbedded(database: Pick<Database, 'db' | 'kind'>): Promise<MaintenanceReport | null> {
  if (database.kind !== 'pglite') return null;
  const started = performance.now();
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind = 'r' order by c.relname`.execute(database.db);
  let longest: MaintenanceReport['longest'] = null;
  for (const { name } of rows) {
    const tableStarted = performance.now();
    await sql`vacuum (analyze) ${sql.table(name)}`.execute(database.db);
    const milliseconds = Math.round(performance.now() - tableStarted);
    if (!longest || milliseconds > longest.milliseconds) longest = { table: name, milliseconds };
  }
  return { tables: rows.length, milliseconds: Math.round(performance.now() - started), longest };
}
