import { sql } from 'kysely';
import type { Role } from '../../../domain/roles.js';
import type { SessionEndReason, SessionStage } from '../../db/schema.js';
import { statementTemplate } from '../../db/statement-template.js';
import type { Executor } from '../../db/transaction.js';

export interface SessionWithUser {
  sessionId: string;
  stage: SessionStage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  name: string;
  email: string;
  roles: Role[];
  offices: string[];
  disabledAt: Date | null;
  totpEnrolledAt: Date | null;
}

// Built once: every signed-in request runs it.
const openSession = statementTemplate((executor: Executor, _shape: null, v: { tokenHash: string }) =>
  executor
    .selectFrom('staffSession as s')
    .innerJoin('staffUser as u', 'u.id', 's.userId')
    .select([
      's.id as sessionId',
      's.stage',
      's.createdAt',
      's.lastSeenAt',
      's.expiresAt',
      'u.id as userId',
      'u.name',
      'u.email',
      'u.roles',
      'u.disabledAt',
      'u.totpEnrolledAt',
      sql<string[]>`array(select o.office_code from staff_user_office o where o.user_id = u.id order by o.office_code)`.as('offices'),
    ])
    .where('s.tokenHash', '=', v.tokenHash)
    .where('s.endedAt', 'is', null),
);

/** The open session with this token hash and its user, in one query. */
export async function findOpenSession(db: Executor, tokenHash: string): Promise<SessionWithUser | undefined> {
  const [session] = await openSession.execute(db, null, { tokenHash });
  return session;
}

export async function insertSession(
  db: Executor,
  values: { tokenHash: string; userId: string; stage: SessionStage; now: Date; expiresAt: Date; address: string | null; userAgent: string | null },
): Promise<string> {
  const row = await db
    .insertInto('staffSession')
    .values({
      tokenHash: values.tokenHash,
      userId: values.userId,
      stage: values.stage,
      createdAt: values.now,
      lastSeenAt: values.now,
      expiresAt: values.expiresAt,
      address: values.address,
      userAgent: values.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function endSessions(
  db: Executor,
  where: { sessionId?: string; userId?: string; exceptSessionId?: string },
  reason: SessionEndReason,
  now: Date,
): Promise<string[]> {
  let q = db.updateTable('staffSession').set({ endedAt: now, endReason: reason }).where('endedAt', 'is', null);
  if (where.sessionId) q = q.where('id', '=', where.sessionId);
  if (where.userId) q = q.where('userId', '=', where.userId);
  if (where.exceptSessionId) q = q.where('id', '!=', where.exceptSessionId);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

export function listOpenSessions(db: Executor, userId: string) {
  return db
    .selectFrom('staffSession')
    .select(['id', 'stage', 'createdAt', 'lastSeenAt', 'expiresAt', 'address', 'userAgent'])
    .where('userId', '=', userId)
    .where('endedAt', 'is', null)
    .orderBy('lastSeenAt', 'desc')
    .execute();
}
