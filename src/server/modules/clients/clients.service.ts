import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { personInScope, personInScopeOf, scopeValues, type ScopeValues } from '../../access/scope.js';
import { appendAudit, auditAppendArgs, auditAppendCallOf, type AuditAppendArgs } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { statementTemplate } from '../../db/statement-template.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { NotFound, TooManyRequests } from '../../http/errors.js';
import { getSetting, settingNumberSql } from '../settings/settings.js';
import { createAssignmentService, type AssignmentInput } from './assignment.service.js';
import { clientPageColumns, createClientRecordsService, type PageRecordsRow } from './client-records.service.js';
import { decryptIdentity, type PersonIdentity } from './persons.repository.js';

export { maskName } from './mask.js';
import { maskedNames } from './mask.js';

/** The person's own columns a client read selects (the benchmark's bare routes read the same). */
export const PERSON_COLUMNS = ['id', 'number', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality', 'birthDateIsEstimate', 'birthYear', 'gender', 'nationalities', 'languages', 'interpreterNeeded', 'residenceStatus', 'identityErasedAt', 'version'] as const;
/** A successful read of a client, as a condition on `audit_event e` (the predicate of the partial indexes of reads). */
const IS_READ = sql`e.action in ('client.read', 'client.reveal') and e.outcome = 'success'`;
/**
 * How many distinct clients the actor has read since `since` (the bulk-access guard's measure).
 * The time is compared together with the reader, which only an index leading with the reader
 * serves: planned without its values, a plain `at >= since` reads through the index on time,
 * every entry of the window, whoever wrote it (migration 20261203130000).
 */
const distinctClientsReadSince = (userId: string | null, since: Date | RawBuilder<Date>) =>
  sql<number>`(select count(distinct id)::int from audit_event e, unnest(e.object_ids) as id
    where e.actor_id = ${userId}::uuid and ${IS_READ} and (e.actor_id, e.at) >= (${userId}::uuid, ${since}))`;
/** Whether the actor has read this client since `since`: a read names its client first, and audit_event_reads_by_actor_client_idx holds (reader, client, time). */
const clientReadSince = (userId: string | null, personId: string, since: Date | RawBuilder<Date>) =>
  sql<boolean>`exists (select 1 from audit_event e where e.actor_id = ${userId}::uuid and e.object_ids[1] = ${personId} and ${IS_READ} and e.at >= ${since})`;

type ReadAction = 'client.read' | 'client.reveal';
/** What changes the text of a client read's statement. */
interface ReadShape {
  withRecords: boolean;
  user: boolean;
  allScope: boolean;
}
/** The values of one client read. */
interface ReadValues {
  personId: string;
  at: Date;
  userId: string | null;
  scope: Exclude<ScopeValues, 'all'> | null;
  audit: AuditAppendArgs;
  auditByGrant: AuditAppendArgs;
}

export function createClientsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();
  const records = createClientRecordsService(ctx);
  const assignment = createAssignmentService(ctx);

  /**
   * The one statement of a client read: the person within the actor's scope, the bulk-access
   * guard, the break-the-glass grant, the page's records when asked for, and the audit entry of
   * the read — appended in the same statement only when the read is allowed, so that the read
   * and its record are one (a statement commits whole or not at all). Built once per shape: the
   * busiest statement of the server.
   */
  const readStatement = statementTemplate((executor: Executor, shape: ReadShape, v: ReadValues) => {
    const since = sql<Date>`${v.at}::timestamptz - ${settingNumberSql('access.bulk_alert', 'windowMinutes')} * interval '1 minute'`;
    // Bulk-access guard: a client opened again within the window is found by reader and client,
    // however many reads the window holds; only a new client needs the count.
    const allowed = shape.user
      ? sql<boolean>`case when ${clientReadSince(v.userId, v.personId, since)} then true
          else ${distinctClientsReadSince(v.userId, since)} < ${settingNumberSql('access.bulk_alert', 'maxDistinctClients')} end`
      : sql<boolean>`true`;
    const breakGlass = shape.user && !shape.allScope ? sql<boolean>`exists (select 1 from break_glass_grant g where g.user_id = ${v.userId} and g.person_id = person.id and g.expires_at > ${v.at})` : sql<boolean>`false`;
    return executor
      .selectFrom('person')
      .innerJoinLateral(sql<{ allowed: boolean; breakGlass: boolean }>`(select ${allowed} as allowed, ${breakGlass} as break_glass)`.as('g'), (join) => join.onTrue())
      .select(PERSON_COLUMNS)
      .select(['g.allowed', 'g.breakGlass'])
      .$if(shape.withRecords, (q) => q.select((eb) => clientPageColumns(eb)))
      // Last: the audit trail's lock is taken here and held to the commit, so the page's records
      // are read before it, not while every other read waits for it.
      .select(sql<number | null>`case when g.allowed then case when g.break_glass then ${auditAppendCallOf(v.auditByGrant)} else ${auditAppendCallOf(v.audit)} end end`.as('auditSeq'))
      .where('person.id', '=', v.personId)
      .where((eb) => personInScopeOf(eb, shape.allScope ? 'all' : v.scope!));
  });

  /** A read the bulk-access guard refused: an alert to the team leader and the auditor (once per window), and a denied entry. */
  async function refuseBulkAccess(actor: Actor, personId: string, action: ReadAction): Promise<never> {
    const { windowMinutes } = await withTransaction(db, async (tx) => {
      const setting = await getSetting(tx, 'access.bulk_alert');
      const at = now();
      const since = new Date(at.getTime() - setting.windowMinutes * 60_000);
      const recent = await tx.selectFrom('accessAlert').select('id').where('kind', '=', 'bulk_access').where('userId', '=', actor.userId!).where('createdAt', '>=', since).executeTakeFirst();
      if (!recent) {
        const { rows } = await sql<{ distinct: number }>`select ${distinctClientsReadSince(actor.userId, since)} as distinct`.execute(tx);
        await tx
          .insertInto('accessAlert')
          .values({ kind: 'bulk_access', userId: actor.userId!, officeCodes: actor.offices, createdAt: at, details: JSON.stringify({ distinctClients: Number(rows[0]?.distinct ?? 0), windowMinutes: setting.windowMinutes }) })
          .execute();
      }
      await appendAudit(tx, actor, { action, objectType: 'person', objectIds: [personId], outcome: 'denied', details: { reason: 'bulk_access' } }, at);
      return setting;
    });
    throw new TooManyRequests(windowMinutes * 60);
  }

  /** One client read in one statement; 404 outside the actor's scope, 429 past the bulk-access limit. */
  async function read(actor: Actor, scope: Scope, personId: string, action: ReadAction, withRecords: boolean) {
    const at = now();
    const userId = actor.kind === 'user' ? actor.userId : null;
    const entry = { action, objectType: 'person', objectIds: [personId] };
    const inScope = scopeValues(actor, scope, at);
    const [row] = await readStatement.execute(
      db,
      { withRecords, user: userId !== null, allScope: inScope === 'all' },
      {
        personId,
        at,
        userId,
        scope: inScope === 'all' ? null : inScope,
        audit: auditAppendArgs(actor, entry, at),
        auditByGrant: auditAppendArgs(actor, { ...entry, details: { via: 'break_glass' } }, at),
      },
    );
    if (!row) throw new NotFound();
    if (!row.allowed) return refuseBulkAccess(actor, personId, action);
    return row;
  }

  return {
    /** A client's record with identity masked; the read is audited. */
    async get(actor: Actor, scope: Scope, personId: string) {
      const p = await read(actor, scope, personId, 'client.read', true);
      const identity = decryptIdentity(ctx.keyring, p.id, p);
      return {
        id: p.id,
        number: p.number,
        masked: maskedNames(identity),
        birthYear: p.birthYear,
        gender: p.gender,
        nationalities: p.nationalities,
        languages: p.languages,
        interpreterNeeded: p.interpreterNeeded,
        residenceStatus: p.residenceStatus,
        // Whether, not which: the organiser of services depends on it; the name itself is revealed on demand.
        municipalityRecorded: p.municipality !== null,
        identityErased: p.identityErasedAt !== null,
        ...records.presentPage(p.id, p as unknown as PageRecordsRow),
        version: p.version,
      };
    },

    /** Moves a client to another office or hands them to another caseworker (a team leader of their office; audited). */
    assign(actor: Actor, scope: Scope, personId: string, input: AssignmentInput) {
      return assignment.assign(actor, scope, personId, input);
    },

    /** The identifying data itself, on demand; each reveal is audited. */
    async reveal(actor: Actor, scope: Scope, personId: string): Promise<PersonIdentity & { birthDateIsEstimate: boolean }> {
      const p = await read(actor, scope, personId, 'client.reveal', false);
      return { ...decryptIdentity(ctx.keyring, p.id, p), birthDateIsEstimate: p.birthDateIsEstimate };
    },

    /**
     * Break-the-glass: access to one client outside one's scope, on a stated reason, for a
     * limited time; audited and shown to the team leaders of both offices and to the auditor.
     */
    async breakGlass(actor: Actor, personId: string, reason: string) {
      return withTransaction(db, async (tx) => {
        const person = await tx.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
        if (!person || actor.kind !== 'user') throw new NotFound();
        const { minutes } = await getSetting(tx, 'access.break_glass');
        const at = now();
        const expiresAt = new Date(at.getTime() + minutes * 60_000);
        await tx.insertInto('breakGlassGrant').values({ userId: actor.userId, personId, reason, grantedAt: at, expiresAt }).execute();
        const clientOffices = await tx.selectFrom('clientship').select('officeCode').distinct().where('personId', '=', personId).execute();
        const offices = [...new Set([...actor.offices, ...clientOffices.map((o) => o.officeCode)])].sort();
        await tx.insertInto('accessAlert').values({ kind: 'break_glass', userId: actor.userId, officeCodes: offices, createdAt: at, details: JSON.stringify({ personId, reason, minutes }) }).execute();
        await appendAudit(tx, actor, { action: 'client.break_glass', objectType: 'person', objectIds: [personId], reason, details: { minutes } }, at);
        return { expiresAt };
      });
    },

    /** Who has looked at this client: every read, reveal and break-the-glass, newest first. */
    async viewers(actor: Actor, scope: Scope, client: { id: string } | { number: string }) {
      return withTransaction(db, async (tx) => {
        const person = await tx
          .selectFrom('person')
          .select(['id', 'number'])
          .where((eb) => ('id' in client ? eb('id', '=', client.id) : eb('number', '=', client.number.trim().toUpperCase())))
          .where((eb) => personInScope(eb, actor, scope, now()))
          .executeTakeFirst();
        if (!person) throw new NotFound();
        const personId = person.id;
        const events = await tx
          .selectFrom('auditEvent as e')
          .leftJoin('staffUser as u', 'u.id', 'e.actorId')
          .select(['e.seq', 'e.at', 'e.actorId', 'u.name as actorName', 'e.actorRoles', 'e.action', 'e.reason', 'e.outcome'])
          .where('e.objectIds', '@>', sql.val([personId]))
          .where('e.action', 'in', ['client.read', 'client.reveal', 'client.break_glass', 'client.export', 'client.print'])
          .orderBy('e.seq', 'desc')
          .limit(500)
          .execute();
        await appendAudit(tx, actor, { action: 'audit.client_viewers', objectType: 'person', objectIds: [personId], details: { returned: events.length } }, now());
        return { client: { id: person.id, number: person.number }, events };
      });
    },

    /** Access alerts for a team leader (their offices) or the auditor (all). */
    async alerts(actor: Actor, scope: Scope) {
      let q = db
        .selectFrom('accessAlert as a')
        .innerJoin('staffUser as u', 'u.id', 'a.userId')
        .select(['a.id', 'a.kind', 'a.userId', 'u.name as userName', 'a.officeCodes', 'a.createdAt', 'a.details', 'a.acknowledgedAt'])
        .orderBy('a.createdAt', 'desc')
        .limit(200);
      if (scope !== 'all') q = q.where('a.officeCodes', '&&', sql.val(actor.offices.length ? actor.offices : ['\u0000']));
      return q.execute();
    },
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
