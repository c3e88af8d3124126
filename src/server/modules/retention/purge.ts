import { sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';

/** The tables whose rows retention empties or deletes (retention.service.ts). */
export const ERASED_TABLES = ['person', 'application', 'decision', 'journal_note', 'task', 'attachment'] as const;

/** How long a rewrite waits for its table's lock before it gives up (a long transaction holds it): meanwhile every read of the table waits behind it. */
const LOCK_TIMEOUT = '10s';

/**
 * Whether erased data may still be in the tables' files: an erasure is recorded in the audit
 * trail after the last rewrite (migration 20261203140000 indexes these entries).
 */
export async function rewriteDue(ctx: Pick<AppContext, 'database'>): Promise<boolean> {
  const { rows } = await sql<{ due: boolean }>`select
      coalesce((select max(seq) from audit_event where action = 'retention.erase'), 0)
    > coalesce((select max(seq) from audit_event where action = 'retention.rewrite'), 0) as due`.execute(ctx.database.db);
  return rows[0]?.due ?? false;
}

/**
 * Rewrites the tables that held erased data, so that the erased values leave the disk.
 *
 * PostgreSQL never changes a row in place: an update or a delete leaves the earlier version in
 * the table's file, and a plain VACUUM only marks its space free — the bytes stay until chance
 * overwrites them, readable with the data key. `VACUUM FULL` writes each table anew with only
 * its live rows (and rebuilds its indexes); the old file is deleted at the next checkpoint. On
 * the embedded database Suoja owns the write-ahead log too: the segment that recorded the
 * erased rows is closed (`pg_switch_wal`) and, after the checkpoint, deleted (it is not kept
 * for reuse: `wal_recycle=off`, db/connect.ts). A PostgreSQL server's log, archive and backups
 * are its operator's (docs/operations.md).
 *
 * Each rewrite locks its table for its duration: reads of that table wait. The rewrite is
 * recorded in the audit trail (`retention.rewrite`).
 */
export async function purgeErasedVersions(ctx: Pick<AppContext, 'database' | 'clock'>, actor: Actor): Promise<void> {
  const { db, kind } = ctx.database;
  const started = ctx.clock.now();
  await db.connection().execute(async (connection) => {
    await sql`set lock_timeout = ${sql.lit(LOCK_TIMEOUT)}`.execute(connection);
    try {
      for (const table of ERASED_TABLES) await sql`vacuum (full, analyze) ${sql.table(table)}`.execute(connection);
    } finally {
      await sql`reset lock_timeout`.execute(connection);
    }
    if (kind === 'pglite') {
      await sql`select pg_switch_wal()`.execute(connection);
      await sql`checkpoint`.execute(connection);
    }
  });
  const at = ctx.clock.now();
  await withTransaction(db, (tx) =>
    appendAudit(tx, actor, { action: 'retention.rewrite', details: { tables: [...ERASED_TABLES], milliseconds: at.getTime() - started.getTime() } }, at),
  );
}
