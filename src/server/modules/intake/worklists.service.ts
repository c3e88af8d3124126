import { sql } from 'kysely';
import { addDays } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import { scopeFor } from '../../access/permissions.js';
import { applicationInScope, personInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { maskedNames } from '../clients/mask.js';
import { decryptIdentity } from '../clients/persons.repository.js';
import { OPEN_STATUSES } from './status.js';

/** Reflection periods ending within this many days are listed for follow-up. */
export const REFLECTION_WARNING_DAYS = 14;

/**
 * The start page's work lists: counts of what needs doing, each only for those whose roles
 * reach it, each scoped like the list it opens.
 */
export function createWorklistsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  /** The latest granted period per person, ending between today and the warning horizon. */
  function endingPeriods(actor: Actor) {
    const scope = scopeFor(actor.roles, 'applications.read');
    const today = officeDate(now());
    const horizon = addDays(today, REFLECTION_WARNING_DAYS);
    return db
      .selectFrom((eb) =>
        eb
          .selectFrom('decision')
          .distinctOn('personId')
          .select(['id', 'personId', 'kind', 'periodStart', 'periodEnd'])
          .where('kind', 'in', ['reflection_period', 'extension'])
          .where('status', '=', 'decided')
          .orderBy('personId')
          .orderBy('periodEnd', 'desc')
          .as('latest'),
      )
      .innerJoin('person', 'person.id', 'latest.personId')
      .where('latest.periodEnd', '>=', today)
      .where('latest.periodEnd', '<=', horizon)
      .where((eb) => (scope ? personInScope(eb as never, actor, scope, now()) : sql<boolean>`false`));
  }

  return {
    async counts(actor: Actor) {
      const applicationsScope = scopeFor(actor.roles, 'applications.read');
      const userId = actor.userId ?? '00000000-0000-0000-0000-000000000000';
      const today = officeDate(now());
      const counts: { myApplications?: number; overdue?: number; awaitingDecision?: number; reflectionEnding?: number } = {};
      if (applicationsScope) {
        const row = await db
          .selectFrom('application')
          .select([
            sql<number>`count(*) filter (where caseworker_id = ${userId})::int`.as('mine'),
            sql<number>`count(*) filter (where deadline < ${today})::int`.as('overdue'),
          ])
          .where('status', 'in', OPEN_STATUSES)
          .where((eb) => applicationInScope(eb, actor, applicationsScope))
          .executeTakeFirstOrThrow();
        counts.myApplications = row.mine;
        counts.overdue = row.overdue;
        counts.reflectionEnding = Number((await endingPeriods(actor).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      }
      if (scopeFor(actor.roles, 'decisions.take')) {
        // Not one's own proposals: nobody decides what they proposed.
        const row = await db
          .selectFrom('decision')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'proposed')
          .where((eb) => eb.or([eb('proposedBy', 'is', null), eb('proposedBy', '<>', userId)]))
          .executeTakeFirstOrThrow();
        counts.awaitingDecision = Number(row.n);
      }
      return counts;
    },

    /** Persons whose reflection period ends within the warning window, soonest first. */
    async reflectionEnding(actor: Actor) {
      const rows = await endingPeriods(actor)
        .select(['latest.id as decisionId', 'latest.kind', 'latest.periodStart', 'latest.periodEnd', 'person.id', 'person.number', 'person.givenNames', 'person.familyName', 'person.aliases', 'person.birthDate', 'person.contact', 'person.municipality', 'person.residenceStatus'])
        .orderBy('latest.periodEnd')
        .execute();
      const items = rows.map((r) => {
        const identity = decryptIdentity(ctx.keyring, r.id, r);
        return {
          decisionId: r.decisionId,
          kind: r.kind,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          person: { id: r.id, number: r.number, masked: maskedNames(identity), residenceStatus: r.residenceStatus },
        };
      });
      if (items.length > 0) {
        await withTransaction(db, (tx) => appendAudit(tx, actor, { action: 'worklist.reflection_ending', objectType: 'person', objectIds: items.map((i) => i.person.id), details: { count: items.length } }, now()));
      }
      return items;
    },
  };
}
export type WorklistsService = ReturnType<typeof createWorklistsService>;
