import { sql, type ExpressionBuilder, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { Scope } from './permissions.js';

const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * The holders whose persons an actor sees (rows of person_scope): `office` — the actor's offices
 * and the actor as caseworker; `own` — the actor as caseworker.
 */
function holdersOf(actor: Actor, scope: Exclude<Scope, 'all'>): Holder[] {
  const self = { caseworkerId: actor.userId ?? NO_USER };
  return scope === 'office' ? [...actor.offices.map((office) => ({ office })), self] : [self];
}

type Holder = { office: string } | { caseworkerId: string };
/** A holder as person_scope names it. */
const holder = (of: Holder) => ('office' in of ? `office:${of.office}` : `caseworker:${of.caseworkerId}`);

/**
 * The persons an office or a caseworker holds, as a source of rows (person_id, number), for a
 * list filtered by that office or caseworker: whoever's latest clientship is theirs is held by
 * them. Not a scope: the list still checks personInScope for each.
 */
export function personsHeldBy(of: Holder): RawBuilder<{ personId: string; number: string }> {
  return sql`(select person_id, number from person_scope where holder = ${holder(of)})`;
}

/**
 * The one place where "may this actor see this person?" becomes SQL. Every query that reads
 * persons or their records filters with it, so that a record out of scope is simply not found.
 * - `all`: every person
 * - `office`: persons held by one of the actor's offices or by the actor
 * - `own`: persons held by the actor
 * and, in every scope, persons the actor holds an unexpired break-the-glass grant for.
 *
 * Who holds a person is kept in person_scope by the database (refresh_person_scope, migration
 * 20261203120000_person_scope.sql): the offices and caseworkers of the person's clientships and
 * applications (as applicant or child) — and while the person has an open clientship, those of
 * the open clientship alone. So a client moved to another office, or handed to another
 * caseworker, is out of the old office's (or the old caseworker's) scope at once.
 */
export function personInScope(eb: ExpressionBuilder<DB, 'person'>, actor: Actor, scope: Scope, now: Date): Expression<SqlBool> {
  return personInScopeOf(eb, scopeValues(actor, scope, now));
}

/** What personInScope asks of the actor, as values: `all`, or the actor's holders, the actor and the time. */
export type ScopeValues = 'all' | { holders: string[]; userId: string; now: Date };

export function scopeValues(actor: Actor, scope: Scope, now: Date): ScopeValues {
  return scope === 'all' ? 'all' : { holders: holdersOf(actor, scope).map(holder), userId: actor.userId ?? NO_USER, now };
}

/** personInScope of these values (for a statement built once and run with new values each time). */
export function personInScopeOf(eb: ExpressionBuilder<DB, 'person'>, of: ScopeValues): Expression<SqlBool> {
  if (of === 'all') return sql<boolean>`true`;
  const held = eb
    .selectFrom('personScope as ps')
    .select(sql`1`.as('one'))
    .whereRef('ps.personId', '=', 'person.id')
    .where(sql<boolean>`ps.holder = any(${sql.val(of.holders)}::text[])`);
  const grant = eb
    .selectFrom('breakGlassGrant as g')
    .select(sql`1`.as('one'))
    .whereRef('g.personId', '=', 'person.id')
    .where('g.userId', '=', of.userId)
    .where('g.expiresAt', '>', of.now);
  return eb.or([eb.exists(held), eb.exists(grant)]);
}

/**
 * The persons an actor sees (as personInScope), as sources of rows (person_id, number): one per
 * holder, read from person_scope's index in list order (numbers by length, then text, so that
 * C-100000 follows C-99999), and one of the actor's break-the-glass grants. A person may come
 * from more than one source. Lists read each source in order up to their page and merge: a page
 * of a large office reads its page, not the office.
 */
export function personSourcesInScope(actor: Actor, scope: Scope, now: Date): RawBuilder<{ personId: string; number: string }>[] {
  if (scope === 'all') return [sql`(select id as person_id, number from person)`];
  const held = holdersOf(actor, scope).map(personsHeldBy);
  const granted = sql<{ personId: string; number: string }>`(select g.person_id, p.number from break_glass_grant g join person p on p.id = g.person_id where g.user_id = ${actor.userId ?? NO_USER} and g.expires_at > ${now})`;
  return [...held, granted];
}

/**
 * Which applications the actor may see: `office` — those of the actor's offices or assigned to
 * them; `own` — those assigned to them; `all` — every one.
 */
export function applicationInScope(eb: ExpressionBuilder<DB, 'application'>, actor: Actor, scope: Scope): Expression<SqlBool> {
  if (scope === 'all') return sql<boolean>`true`;
  const userId = actor.userId ?? NO_USER;
  const offices = actor.offices.length > 0 ? actor.offices : ['\u0000'];
  return scope === 'office' ? eb.or([eb('application.officeCode', 'in', offices), eb('application.caseworkerId', '=', userId)]) : eb('application.caseworkerId', '=', userId);
}
