import { createHash } from 'node:crypto';
import { sql, type RawBuilder, type Transaction } from 'kysely';
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

/** What the chain hashes of an entry, in order; the previous entry's hash follows as the last element. */
function chainedValues(fields: ChainedFields): unknown[] {
  return [
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
  ];
}

export function entryHash(fields: ChainedFields, prevHash: string): string {
  return createHash('sha256').update(JSON.stringify([...chainedValues(fields), prevHash])).digest('hex');
}

/**
 * The entry's JSON array up to where the previous hash goes: the database's `audit_append` adds
 * `"<previous hash>"]` and hashes the result, which is byte for byte what `entryHash` hashes.
 */
function hashPrefix(fields: ChainedFields): string {
  return `${JSON.stringify(chainedValues(fields)).slice(0, -1)},`;
}

function fieldsOf(actor: Actor, entry: AuditEntry, at: Date): ChainedFields {
  return {
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
}

/** The values of one `audit_append` call, as `auditAppendCallOf` places them: the chained fields, the details as JSON text, and the prefix of the entry's hash. */
export type AuditAppendArgs = Omit<ChainedFields, 'details'> & { details: string; hashPrefix: string };

export function auditAppendArgs(actor: Actor, entry: AuditEntry, at: Date): AuditAppendArgs {
  const f = fieldsOf(actor, entry, at);
  return { ...f, details: JSON.stringify(f.details), hashPrefix: hashPrefix(f) };
}

/** The call of `audit_append` with these values, as an expression (its value is the entry's `seq`). */
export function auditAppendCallOf(a: AuditAppendArgs): RawBuilder<number> {
  return sql<number>`audit_append(${a.at}, ${a.actorId}, ${a.actorKind}, ${sql.val(a.actorRoles)}::text[], ${sql.val(a.actorOffices)}::text[], ${a.action}, ${a.objectType},
    ${sql.val(a.objectIds)}::text[], ${a.reason}, ${a.outcome}, ${a.address}, ${a.details}::jsonb, ${a.hashPrefix})`;
}

/**
 * The call that appends an entry, as an expression (its value is the entry's `seq`): a read
 * that must be recorded puts it in its own statement, so that the read and its record are one.
 */
export function auditAppendCall(actor: Actor, entry: AuditEntry, at: Date): RawBuilder<number> {
  return auditAppendCallOf(auditAppendArgs(actor, entry, at));
}

/**
 * Appends one entry to the audit trail inside the caller's transaction, so the entry exists
 * exactly when the change it records does. One statement: the database links it to the chain.
 */
export async function appendAudit(tx: Transaction<DB>, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  await sql`select ${auditAppendCall(actor, entry, at)}`.execute(tx);
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
