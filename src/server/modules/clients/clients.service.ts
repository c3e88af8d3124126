import { sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { personInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { NotFound, TooManyRequests } from '../../http/errors.js';
import { getSetting } from '../settings/settings.js';
import { createAssignmentService, type AssignmentInput } from './assignment.service.js';
import { createClientRecordsService } from './client-records.service.js';
import { decryptIdentity, type PersonIdentity } from './persons.repository.js';

export { maskName } from './mask.js';
import { maskName } from './mask.js';

function findPerson(db: Executor, actor: Actor, scope: Scope, personId: string, now: Date) {
  return db
    .selectFrom('person')
    .select(['id', 'number', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality', 'birthDateIsEstimate', 'birthYear', 'gender', 'nationalities', 'languages', 'interpreterNeeded', 'residenceStatus', 'identityErasedAt', 'version'])
    .where('id', '=', personId)
    .where((eb) => personInScope(eb, actor, scope, now))
    .executeTakeFirst();
}

type Denied = { denied: true; retryAfter: number };

export function createClientsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();
  const records = createClientRecordsService(ctx);
  const assignment = createAssignmentService(ctx);

  /**
   * Bulk-access guard: a user who opens more distinct clients in the window than the setting
   * allows is refused (429) and an alert goes to their team leader and the auditor.
   */
  async function bulkAccessCheck(tx: Transaction<DB>, actor: Actor, personId: string): Promise<Denied | null> {
    if (actor.kind !== 'user') return null;
    const { maxDistinctClients, windowMinutes } = await getSetting(tx, 'access.bulk_alert');
    const since = new Date(now().getTime() - windowMinutes * 60_000);
    // A client opened again within the window is never refused: that is found on the actor's
    // index at the first match, however many reads the window holds; only a new client needs the count.
    const seen = await sql<{ seen: boolean }>`
      select exists (select 1 from audit_event e
       where e.actor_id = ${actor.userId} and e.action in ('client.read', 'client.reveal')
         and e.outcome = 'success' and e.at >= ${since} and ${personId} = any(e.object_ids)) as seen`.execute(tx);
    if (seen.rows[0]?.seen) return null;
    const { rows } = await sql<{ distinct: number }>`
      select count(distinct id)::int as distinct
        from audit_event e, unnest(e.object_ids) as id
       where e.actor_id = ${actor.userId} and e.action in ('client.read', 'client.reveal')
         and e.outcome = 'success' and e.at >= ${since}`.execute(tx);
    const row = rows[0] ?? { distinct: 0 };
    if (Number(row.distinct) < maxDistinctClients) return null;
    const recent = await tx.selectFrom('accessAlert').select('id').where('kind', '=', 'bulk_access').where('userId', '=', actor.userId).where('createdAt', '>=', since).executeTakeFirst();
    if (!recent) {
      await tx
        .insertInto('accessAlert')
        .values({ kind: 'bulk_access', userId: actor.userId, officeCodes: actor.offices, createdAt: now(), details: JSON.stringify({ distinctClients: Number(row.distinct), windowMinutes }) })
        .execute();
    }
    await appendAudit(tx, actor, { action: 'client.read', objectType: 'person', objectIds: [personId], outcome: 'denied', details: { reason: 'bulk_access' } }, now());
    return { denied: true, retryAfter: windowMinutes * 60 };
  }

  async function viaBreakGlass(tx: Executor, actor: Actor, personId: string): Promise<boolean> {
    const grant = await tx.selectFrom('breakGlassGrant').select('id').where('userId', '=', actor.userId ?? '').where('personId', '=', personId).where('expiresAt', '>', now()).executeTakeFirst();
    return !!grant;
  }

  async function read<T>(actor: Actor, scope: Scope, personId: string, action: 'client.read' | 'client.reveal', present: (p: NonNullable<Awaited<ReturnType<typeof findPerson>>>, tx: Executor) => Promise<T>): Promise<T> {
    const result = await withTransaction(db, async (tx) => {
      const person = await findPerson(tx, actor, scope, personId, now());
      if (!person) return null;
      const denied = await bulkAccessCheck(tx, actor, personId);
      if (denied) return denied;
      const breakGlass = scope !== 'all' && (await viaBreakGlass(tx, actor, personId));
      const value = await present(person, tx);
      // Recorded last, in the same transaction: the entry commits exactly when the read is
      // answered, and the audit chain's lock is held only for the append and the commit.
      await appendAudit(tx, actor, { action, objectType: 'person', objectIds: [personId], ...(breakGlass ? { details: { via: 'break_glass' } } : {}) }, now());
      return { value };
    });
    if (!result) throw new NotFound();
    if ('denied' in result) throw new TooManyRequests(result.retryAfter);
    return result.value;
  }

  return {
    /** A client's record with identity masked; the read is audited. */
    get(actor: Actor, scope: Scope, personId: string) {
      return read(actor, scope, personId, 'client.read', async (p, tx) => {
        const identity = decryptIdentity(ctx.keyring, p.id, p);
        const clientships = await tx
          .selectFrom('clientship')
          .select(['id', 'category', 'parentId', 'startDate', 'endDate', 'endReason', 'officeCode', 'caseworkerId', 'version'])
          .where('personId', '=', p.id)
          .orderBy('startDate', 'desc')
          .execute();
        return {
          id: p.id,
          number: p.number,
          masked: { givenNames: maskName(identity.givenNames), familyName: maskName(identity.familyName) },
          birthYear: p.birthYear,
          gender: p.gender,
          nationalities: p.nationalities,
          languages: p.languages,
          interpreterNeeded: p.interpreterNeeded,
          residenceStatus: p.residenceStatus,
          // Whether, not which: the organiser of services depends on it; the name itself is revealed on demand.
          municipalityRecorded: p.municipality !== null,
          identityErased: p.identityErasedAt !== null,
          clientships,
          ...(await records.details(tx, p.id)),
          version: p.version,
        };
      });
    },

    /** Moves a client to another office or hands them to another caseworker (a team leader of their office; audited). */
    assign(actor: Actor, scope: Scope, personId: string, input: AssignmentInput) {
      return assignment.assign(actor, scope, personId, input);
    },

    /** The identifying data itself, on demand; each reveal is audited. */
    reveal(actor: Actor, scope: Scope, personId: string): Promise<PersonIdentity & { birthDateIsEstimate: boolean }> {
      return read(actor, scope, personId, 'client.reveal', async (p) => ({ ...decryptIdentity(ctx.keyring, p.id, p), birthDateIsEstimate: p.birthDateIsEstimate }));
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
