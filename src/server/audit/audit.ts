import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { Executor } from '../db/transaction.js';
import type { DB } from '../db/schema.js';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditEntry {
  /** e.g. `client.read`, `user.update`, `auth.sign_in`. */
  action: string;
  objectType?: string;
  /** Opaque ids only: a search lists every id it returned. */
  objectIds?: string[];
  reason?: string;
  outcome?: AuditOutcome;
  /** Non-identifying particulars: field names, counts, codes. */
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);
// One chain: appends take this transaction-scoped lock, so entries link in commit order.
const CHAIN_LOCK = 0x5_00_1a;

interface ChainedFields {
  at: Date;
  actorId: string | null;
  actorKind: Actor['kind'];
  actorRoles: string[];
  actorOffices: string[];
  action: string;
  objectType: string | null;
  objectIds: string[];
  reason: string | null;
  outcome: AuditOutcome;
  address: string | null;
  details: unknown;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function entryHash(fields: ChainedFields, prevHash: string): string {
  const body = JSON.stringify([
    fields.at.toISOString(),
    fields.actorId,
    fields.actorKind,
    fields.actorRoles,
    fields.actorOffices,
    fields.action,
    fields.objectType,
    fields.objectIds,
    fields.reason,
    fields.outcome,
    fields.address,
    canonical(fields.details),
    prevHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends one entry to the audit trail inside the caller's transaction, so the entry exists
 * exactly when the change it records does.
 */
export async function appendAudit(tx: Transaction<DB>, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
  const last = await tx.selectFrom('auditEvent').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: ChainedFields = {
    at,
    actorId: actor.userId,
    actorKind: actor.kind,
    actorRoles: [...actor.roles],
    actorOffices: [...actor.offices],
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectIds: entry.objectIds ?? [],
    reason: entry.reason ?? null,
    outcome: entry.outcome ?? 'success',
    address: actor.address,
    details: canonical(entry.details ?? {}),
  };
  await tx
    .insertInto('auditEvent')
    .values({ ...fields, details: JSON.stringify(fields.details), prevHash, hash: entryHash(fields, prevHash) })
    .execute();
}

export type ChainVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: 'altered' | 'unlinked' };

/** Walks the whole chain in order and names the first entry that does not verify. */
export async function verifyAuditChain(db: Executor, batchSize = 2000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let after = 0;
  let count = 0;
  for (;;) {
    const rows = await db.selectFrom('auditEvent').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    if (rows.length === 0) return { ok: true, entries: count };
    for (const row of rows) {
      count++;
      if (row.prevHash !== prevHash) return { ok: false, entries: count, brokenAt: row.seq, problem: 'unlinked' };
      const expected = entryHash(
        {
          at: row.at,
          actorId: row.actorId,
          actorKind: row.actorKind,
          actorRoles: row.actorRoles,
          actorOffices: row.actorOffices,
          action: row.action,
          objectType: row.objectType,
          objectIds: row.objectIds,
          reason: row.reason,
          outcome: row.outcome,
          address: row.address,
          details: row.details,
        },
        prevHash,
      );
      if (expected !== row.hash) return { ok: false, entries: count, brokenAt: row.seq, problem: 'altered' };
      prevHash = row.hash;
      after = row.seq;
    }
  }
}
