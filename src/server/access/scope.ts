import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { Scope } from './permissions.js';

/**
 * The one place where "may this actor see this person?" becomes SQL. Every query that reads
 * persons or their records filters with it, so that a record out of scope is simply not found.
 * - `all`: every person
 * - `office`: persons with a clientship or an application (as applicant or child) of one of the
 *   actor's offices, or assigned to the actor
 * - `own`: persons with a clientship or an application assigned to the actor
 * and, in every scope, persons the actor holds an unexpired break-the-glass grant for.
 *
 * A current client belongs to the office and caseworker of their current clientship alone:
 * while a person has an open clientship, their earlier clientships and applications give no
 * access. So a client moved to another office, or handed to another caseworker, is out of the
 * old office's (or the old caseworker's) scope at once.
 */
export function personInScope(eb: ExpressionBuilder<DB, 'person'>, actor: Actor, scope: Scope, now: Date): Expression<SqlBool> {
  if (scope === 'all') return sql<boolean>`true`;
  const userId = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  const offices = actor.offices.length > 0 ? actor.offices : ['\u0000'];
  const current = eb.selectFrom('clientship as oc').select(sql`1`.as('one')).whereRef('oc.personId', '=', 'person.id').where('oc.endDate', 'is', null);
  const clientship = eb
    .selectFrom('clientship as cs')
    .select(sql`1`.as('one'))
    .whereRef('cs.personId', '=', 'person.id')
    .where((w) => w.or([w('cs.endDate', 'is', null), w.not(w.exists(current))]))
    .where((w) => (scope === 'office' ? w.or([w('cs.officeCode', 'in', offices), w('cs.caseworkerId', '=', userId)]) : w('cs.caseworkerId', '=', userId)));
  // The person's applications, as applicant or as a child on one: found through the person's
  // own indexes (an OR of the two conditions would read every application for every person).
  const application = eb
    .selectFrom('application as ap')
    .select(sql`1`.as('one'))
    .where('ap.id', 'in', (w) =>
      w
        .selectFrom('application as own')
        .select('own.id')
        .whereRef('own.personId', '=', 'person.id')
        .unionAll(w.selectFrom('applicationChild as ac').select('ac.applicationId as id').whereRef('ac.personId', '=', 'person.id')),
    )
    .where((w) => (scope === 'office' ? w.or([w('ap.officeCode', 'in', offices), w('ap.caseworkerId', '=', userId)]) : w('ap.caseworkerId', '=', userId)));
  const grant = eb
    .selectFrom('breakGlassGrant as g')
    .select(sql`1`.as('one'))
    .whereRef('g.personId', '=', 'person.id')
    .where('g.userId', '=', userId)
    .where('g.expiresAt', '>', now);
  return eb.or([eb.exists(clientship), eb.and([eb.not(eb.exists(current)), eb.exists(application)]), eb.exists(grant)]);
}

/**
 * Which applications the actor may see: `office` — those of the actor's offices or assigned to
 * them; `own` — those assigned to them; `all` — every one.
 */
export function applicationInScope(eb: ExpressionBuilder<DB, 'application'>, actor: Actor, scope: Scope): Expression<SqlBool> {
  if (scope === 'all') return sql<boolean>`true`;
  const userId = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  const offices = actor.offices.length > 0 ? actor.offices : ['\u0000'];
  return scope === 'office' ? eb.or([eb('application.officeCode', 'in', offices), eb('application.caseworkerId', '=', userId)]) : eb('application.caseworkerId', '=', userId);
}
