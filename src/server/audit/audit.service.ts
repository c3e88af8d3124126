import { sql } from 'kysely';
import type { Actor } from '../access/actor.js';
import type { AppContext } from '../context.js';
import { withTransaction } from '../db/transaction.js';
import { appendAudit } from './audit.js';

export interface AuditFilter {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
  objectId?: string;
  before?: number;
  limit: number;
}

/** The audit log for the data-protection officer; reading it is itself recorded. */
export function createAuditService(ctx: AppContext) {
  const { db } = ctx.database;
  return {
    async search(actor: Actor, filter: AuditFilter) {
      return withTransaction(db, async (tx) => {
        let q = tx
          .selectFrom('auditEvent as e')
          .leftJoin('staffUser as u', 'u.id', 'e.actorId')
          .select(['e.seq', 'e.at', 'e.actorId', 'u.name as actorName', 'e.actorKind', 'e.actorRoles', 'e.action', 'e.objectType', 'e.objectIds', 'e.reason', 'e.outcome', 'e.address'])
          .orderBy('e.seq', 'desc')
          .limit(filter.limit + 1);
        // Day bounds computed by the database: the day after 9999-12-31 is beyond what a JavaScript date serialises.
        if (filter.from) q = q.where('e.at', '>=', sql<Date>`(${filter.from}::date)::timestamp at time zone 'UTC'`);
        if (filter.to) q = q.where('e.at', '<', sql<Date>`(${filter.to}::date + 1)::timestamp at time zone 'UTC'`);
        if (filter.actorId) q = q.where('e.actorId', '=', filter.actorId);
        if (filter.action) q = q.where('e.action', '=', filter.action);
        if (filter.objectId) q = q.where('e.objectIds', '@>', sql.val([filter.objectId]));
        if (filter.before) q = q.where('e.seq', '<', filter.before);
        const rows = await q.execute();
        const events = rows.slice(0, filter.limit);
        const { limit: _limit, ...criteria } = filter;
        await appendAudit(tx, actor, { action: 'audit.read', objectType: 'audit_event', details: { criteria, returned: events.length } }, ctx.clock.now());
        return { events, nextBefore: rows.length > filter.limit ? (events[events.length - 1]?.seq ?? null) : null };
      });
    },
  };
}
