import { sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { personInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { Forbidden, NotFound, ValidationFailed, type FieldProblem } from '../../http/errors.js';
import { StaleVersion } from '../users/users.service.js';

export interface AssignmentInput {
  officeCode: string;
  /** null: nobody is responsible until the office's team leader assigns someone. */
  caseworkerId: string | null;
  /** The version of the current clientship the change was made on. */
  version: number;
}

/**
 * Who is responsible for a client: the office and the caseworker of their current clientship.
 * A team leader of that office changes them (domain.md §2, "assigns caseworkers"); the
 * caseworker must be an active user with the caseworker role in the chosen office. The
 * children who are clients with the person follow them. Scope follows at once (access/scope.ts).
 */
export function createAssignmentService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  return {
    async assign(actor: Actor, scope: Scope, personId: string, input: AssignmentInput) {
      return withTransaction(db, async (tx) => {
        const person = await tx.selectFrom('person').select('id').where('id', '=', personId).where((eb) => personInScope(eb, actor, scope, now())).executeTakeFirst();
        if (!person) throw new NotFound();
        const current = await tx
          .selectFrom('clientship')
          .select(['id', 'category', 'officeCode', 'caseworkerId', 'version'])
          .where('personId', '=', personId)
          .where('endDate', 'is', null)
          // The person's own clientship before one as a child of a victim, the latest first.
          .orderBy(sql`category = 'child_of_victim'`)
          .orderBy('startDate', 'desc')
          .orderBy('createdAt', 'desc')
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw new ValidationFailed([{ field: 'clientship', code: 'no_current_clientship' }]);
        if (current.category === 'child_of_victim') throw new ValidationFailed([{ field: 'clientship', code: 'child_follows_parent' }]);
        // Only a team leader of the office the client is in now may move them or change their caseworker.
        if (scope !== 'all' && !(actor.offices as readonly string[]).includes(current.officeCode)) throw new Forbidden('not_team_leader_of_office');
        if (current.version !== input.version) {
          throw new StaleVersion({ id: current.id, officeCode: current.officeCode, caseworkerId: current.caseworkerId, version: current.version });
        }

        const problems: FieldProblem[] = [];
        if (input.officeCode !== current.officeCode) {
          const office = await tx.selectFrom('office').select('code').where('code', '=', input.officeCode).where('retired', '=', false).executeTakeFirst();
          if (!office) problems.push({ field: 'officeCode', code: 'invalid_choice' });
        }
        if (input.caseworkerId && problems.length === 0) {
          const caseworker = await tx
            .selectFrom('staffUser as u')
            .select('u.id')
            .where('u.id', '=', input.caseworkerId)
            .where('u.disabledAt', 'is', null)
            .where(sql<boolean>`'caseworker' = any(u.roles)`)
            .where((eb) => eb.exists(eb.selectFrom('staffUserOffice as o').select(sql`1`.as('one')).whereRef('o.userId', '=', 'u.id').where('o.officeCode', '=', input.officeCode)))
            .executeTakeFirst();
          if (!caseworker) problems.push({ field: 'caseworkerId', code: 'not_caseworker_of_office' });
        }
        if (problems.length) throw new ValidationFailed(problems);

        const before = { officeCode: current.officeCode, caseworkerId: current.caseworkerId };
        const after = { officeCode: input.officeCode, caseworkerId: input.caseworkerId };
        if (before.officeCode === after.officeCode && before.caseworkerId === after.caseworkerId) return { id: current.id, version: current.version };

        const at = now();
        await tx.updateTable('clientship').set({ ...after, updatedAt: at, version: current.version + 1 }).where('id', '=', current.id).execute();
        // The children who are clients with the person: their clientships end with it, and move with it.
        const children = await tx
          .updateTable('clientship')
          .set({ ...after, updatedAt: at, version: sql`version + 1` })
          .where('parentId', '=', current.id)
          .where('endDate', 'is', null)
          .returning('personId')
          .execute();
        const changed = [...(before.officeCode !== after.officeCode ? ['officeCode'] : []), ...(before.caseworkerId !== after.caseworkerId ? ['caseworkerId'] : [])];
        await appendAudit(
          tx,
          actor,
          { action: 'clientship.assign', objectType: 'person', objectIds: [personId, current.id, ...children.map((c) => c.personId)], details: { fields: changed, before, after, children: children.length } },
          at,
        );
        return { id: current.id, version: current.version + 1 };
      });
    },
  };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
