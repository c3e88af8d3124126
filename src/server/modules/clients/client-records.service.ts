import { sql, type AliasedRawBuilder, type ExpressionBuilder, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { isCountryCode } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { personInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { AppError, NotFound, ValidationFailed, type FieldProblem } from '../../http/errors.js';
import { StaleVersion } from '../users/users.service.js';
import type { PersonChange } from './person.schema.js';
import { decryptIdentity, updatePerson } from './persons.repository.js';

/** Hours within which the author may still correct a journal note in place. */
export const NOTE_CORRECTION_HOURS = 24;
/** Notes on the start page. */
export const RECENT_NOTES = 10;

export interface ExploitationInput {
  form: string;
  isPrimary: boolean;
  country: string;
  industry: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  residenceStatus: string | null;
}

export interface ServiceInput {
  type: string;
  provider: string | null;
  startDate: string;
  endDate: string | null;
}

/** The codes of an exploitation record, as its history keeps them: no identifying data. */
const EXPLOITATION_CODES = ['form', 'isPrimary', 'country', 'industry', 'periodFrom', 'periodTo', 'residenceStatus'] as const;
type ExploitationCodes = Partial<ExploitationInput>;
function codesOf(record: object | null | undefined): ExploitationCodes | null {
  if (!record || typeof record !== 'object') return null;
  const codes: Record<string, unknown> = {};
  for (const key of EXPLOITATION_CODES) {
    const value = (record as Record<string, unknown>)[key];
    if (value === null || typeof value === 'string' || typeof value === 'boolean') codes[key] = value;
  }
  return codes as ExploitationCodes;
}
const HISTORY_ACTIONS = { 'exploitation.create': 'create', 'exploitation.update': 'update', 'exploitation.delete': 'delete' } as const;

const noteBinding = (id: string) => ({ table: 'journal_note', recordId: id, field: 'body' });
const taskBinding = (id: string) => ({ table: 'task', recordId: id, field: 'title' });

/** A note that can no longer be corrected in place: the author writes a new one that corrects it. */
export class NoteLocked extends AppError {
  constructor(hours: number) {
    super(409, 'note_locked', { hours }, [{ field: 'body', code: 'note_locked', params: { hours } }]);
  }
}

/**
 * The records a caseworker keeps about a client: identity and particulars, exploitation,
 * services and the assessment of needs, journal notes and tasks. Every change is scoped like the
 * client, versioned where two people may edit at once, and audited (codes and field names only).
 */
export function createClientRecordsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  async function inScope(tx: Executor, actor: Actor, scope: Scope, personId: string): Promise<void> {
    const person = await tx.selectFrom('person').select('id').where('id', '=', personId).where((eb) => personInScope(eb, actor, scope, now())).executeTakeFirst();
    if (!person) throw new NotFound();
  }

  async function audit(tx: Transaction<DB>, actor: Actor, action: string, personId: string, ids: string[], details: Record<string, unknown> = {}) {
    await appendAudit(tx, actor, { action, objectType: 'person', objectIds: [personId, ...ids], details }, now());
  }

  function checkExploitation(input: ExploitationInput, problems: FieldProblem[]) {
    if (!isCountryCode(input.country)) problems.push({ field: 'country', code: 'invalid_choice' });
    if (input.industry && input.form !== 'forced_labour') problems.push({ field: 'industry', code: 'industry_only_for_labour' });
    if (input.periodFrom && input.periodTo && input.periodTo < input.periodFrom) problems.push({ field: 'periodTo', code: 'before_start' });
  }

  return {
    /** Changes a client's identity and particulars; a save over a newer version shows what changed. */
    async updatePerson(actor: Actor, scope: Scope, personId: string, version: number, change: PersonChange) {
      return withTransaction(db, async (tx) => {
        await inScope(tx, actor, scope, personId);
        const current = await tx.selectFrom('person').select(['version', 'residenceStatus', 'gender', 'nationalities', 'languages', 'interpreterNeeded', 'birthDateIsEstimate', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality']).where('id', '=', personId).executeTakeFirstOrThrow();
        if (current.version !== version) {
          const identity = decryptIdentity(ctx.keyring, personId, current);
          // What others changed since the version this user read, from the audit trail's field names.
          const since = await tx
            .selectFrom('auditEvent')
            .select('details')
            .where('action', '=', 'client.update')
            .where(sql<boolean>`${personId}::text = any(object_ids)`)
            .where(sql<boolean>`(details->>'version')::int > ${version}`)
            .execute();
          const changed = [...new Set(since.flatMap((e) => ((e.details as { fields?: string[] } | null)?.fields ?? [])))];
          const record = { ...identity, gender: current.gender, nationalities: current.nationalities, languages: current.languages, interpreterNeeded: current.interpreterNeeded, residenceStatus: current.residenceStatus, birthDateIsEstimate: current.birthDateIsEstimate, version: current.version };
          throw new AppError(409, 'conflict', {}, [], { current: record, changed });
        }
        await updatePerson(tx, ctx.keyring, personId, change, actor.userId);
        if (change.residenceStatus && change.residenceStatus !== current.residenceStatus) {
          await tx.insertInto('residenceStatusChange').values({ personId, status: change.residenceStatus, changedAt: now(), changedBy: actor.userId }).execute();
        }
        await audit(tx, actor, 'client.update', personId, [], { fields: Object.keys(change), version: current.version + 1 });
        return tx.selectFrom('person').select(['id', 'version']).where('id', '=', personId).executeTakeFirstOrThrow();
      });
    },

    async addExploitation(actor: Actor, scope: Scope, personId: string, input: ExploitationInput) {
      const problems: FieldProblem[] = [];
      checkExploitation(input, problems);
      if (problems.length) throw new ValidationFailed(problems);
      return withTransaction(db, async (tx) => {
        await inScope(tx, actor, scope, personId);
        const row = await tx.insertInto('exploitation').values({ ...input, ref: null, personId }).returning(['id', 'version']).executeTakeFirstOrThrow();
        await audit(tx, actor, 'exploitation.create', personId, [row.id], { form: input.form, country: input.country, after: codesOf(input) });
        return row;
      });
    },

    async updateExploitation(actor: Actor, scope: Scope, id: string, version: number, input: ExploitationInput) {
      const problems: FieldProblem[] = [];
      checkExploitation(input, problems);
      if (problems.length) throw new ValidationFailed(problems);
      return withTransaction(db, async (tx) => {
        const row = await tx.selectFrom('exploitation').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new NotFound();
        await inScope(tx, actor, scope, row.personId);
        if (row.version !== version) throw new StaleVersion(row);
        await tx.updateTable('exploitation').set({ ...input, updatedAt: now(), version: version + 1 }).where('id', '=', id).execute();
        // The history of an exploitation record: its codes before and after (no identifying data).
        await audit(tx, actor, 'exploitation.update', row.personId, [id], { before: codesOf(row), after: codesOf(input) });
        return { id, version: version + 1 };
      });
    },

    async removeExploitation(actor: Actor, scope: Scope, id: string, version: number) {
      return withTransaction(db, async (tx) => {
        const row = await tx.selectFrom('exploitation').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new NotFound();
        await inScope(tx, actor, scope, row.personId);
        if (row.version !== version) throw new StaleVersion(row);
        await tx.deleteFrom('exploitation').where('id', '=', id).execute();
        await audit(tx, actor, 'exploitation.delete', row.personId, [id], { before: codesOf(row) });
      });
    },

    async addService(actor: Actor, scope: Scope, personId: string, input: ServiceInput) {
      if (input.endDate && input.endDate < input.startDate) throw new ValidationFailed([{ field: 'endDate', code: 'before_start' }]);
      return withTransaction(db, async (tx) => {
        await inScope(tx, actor, scope, personId);
        const row = await tx.insertInto('service').values({ ...input, ref: null, personId }).returning(['id', 'version']).executeTakeFirstOrThrow();
        await audit(tx, actor, 'service.create', personId, [row.id], { type: input.type });
        return row;
      });
    },

    async updateService(actor: Actor, scope: Scope, id: string, version: number, input: ServiceInput) {
      if (input.endDate && input.endDate < input.startDate) throw new ValidationFailed([{ field: 'endDate', code: 'before_start' }]);
      return withTransaction(db, async (tx) => {
        const row = await tx.selectFrom('service').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new NotFound();
        await inScope(tx, actor, scope, row.personId);
        if (row.version !== version) throw new StaleVersion(row);
        await tx.updateTable('service').set({ ...input, updatedAt: now(), version: version + 1 }).where('id', '=', id).execute();
        await audit(tx, actor, 'service.update', row.personId, [id], { before: { type: row.type, provider: row.provider, startDate: row.startDate, endDate: row.endDate }, after: input });
        return { id, version: version + 1 };
      });
    },

    /** The assessment of service needs, as a whole: one answer per service type. */
    async assessNeeds(actor: Actor, scope: Scope, personId: string, needs: { type: string; needed: boolean }[]) {
      return withTransaction(db, async (tx) => {
        await inScope(tx, actor, scope, personId);
        const on = officeDate(now());
        for (const need of needs) {
          await tx
            .insertInto('serviceNeed')
            .values({ personId, type: need.type, needed: need.needed, assessedOn: on, assessedBy: actor.userId })
            .onConflict((oc) => oc.columns(['personId', 'type']).doUpdateSet({ needed: need.needed, assessedOn: on, assessedBy: actor.userId }))
            .execute();
        }
        await audit(tx, actor, 'service_need.assess', personId, [], { needed: needs.filter((n) => n.needed).map((n) => n.type) });
        return tx.selectFrom('serviceNeed').select(['type', 'needed', 'assessedOn']).where('personId', '=', personId).orderBy('type').execute();
      });
    },

    async addNote(actor: Actor, scope: Scope, personId: string, body: string, correctsId: string | null) {
      return withTransaction(db, async (tx) => {
        await inScope(tx, actor, scope, personId);
        if (correctsId) {
          const earlier = await tx.selectFrom('journalNote').select('personId').where('id', '=', correctsId).executeTakeFirst();
          if (!earlier || earlier.personId !== personId) throw new ValidationFailed([{ field: 'correctsId', code: 'not_found' }]);
        }
        const id = crypto.randomUUID();
        await tx.insertInto('journalNote').values({ id, personId, body: ctx.keyring.encrypt(noteBinding(id), body), authorId: actor.userId!, writtenAt: now(), correctedAt: null, correctsId }).execute();
        await audit(tx, actor, 'note.create', personId, [id], correctsId ? { corrects: correctsId } : {});
        return { id, version: 1 };
      });
    },

    /** The author corrects their note within 24 hours; afterwards only a new note can correct it. */
    async correctNote(actor: Actor, scope: Scope, id: string, version: number, body: string) {
      return withTransaction(db, async (tx) => {
        const note = await tx.selectFrom('journalNote').selectAll().where('id', '=', id).executeTakeFirst();
        if (!note) throw new NotFound();
        await inScope(tx, actor, scope, note.personId);
        if (note.authorId !== actor.userId) throw new AppError(403, 'note_not_yours');
        if (now().getTime() - note.writtenAt.getTime() > NOTE_CORRECTION_HOURS * 3_600_000) throw new NoteLocked(NOTE_CORRECTION_HOURS);
        if (note.version !== version) throw new StaleVersion({ id, version: note.version, body: ctx.keyring.decrypt(noteBinding(id), note.body) });
        await tx.updateTable('journalNote').set({ body: ctx.keyring.encrypt(noteBinding(id), body), correctedAt: now(), version: version + 1 }).where('id', '=', id).execute();
        await audit(tx, actor, 'note.correct', note.personId, [id]);
        return { id, version: version + 1 };
      });
    },

    async addTask(actor: Actor, scope: Scope, personId: string, input: { title: string; dueOn: string; assigneeId: string }) {
      return withTransaction(db, async (tx) => {
        await inScope(tx, actor, scope, personId);
        const assignee = await tx.selectFrom('staffUser').select('id').where('id', '=', input.assigneeId).where('disabledAt', 'is', null).executeTakeFirst();
        if (!assignee) throw new ValidationFailed([{ field: 'assigneeId', code: 'not_found' }]);
        const id = crypto.randomUUID();
        await tx.insertInto('task').values({ id, personId, title: ctx.keyring.encrypt(taskBinding(id), input.title), dueOn: input.dueOn, assigneeId: input.assigneeId, createdBy: actor.userId!, createdAt: now(), doneAt: null }).execute();
        await audit(tx, actor, 'task.create', personId, [id], { dueOn: input.dueOn });
        return { id, version: 1 };
      });
    },

    async completeTask(actor: Actor, scope: Scope, id: string, version: number) {
      return withTransaction(db, async (tx) => {
        const task = await tx.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirst();
        if (!task) throw new NotFound();
        await inScope(tx, actor, scope, task.personId);
        if (task.version !== version) throw new StaleVersion({ id, version: task.version, doneAt: task.doneAt });
        await tx.updateTable('task').set({ doneAt: now(), version: version + 1 }).where('id', '=', id).execute();
        await audit(tx, actor, 'task.done', task.personId, [id]);
        return { id, version: version + 1 };
      });
    },

    /** My open tasks, soonest first, for the start page. */
    async myTasks(actor: Actor) {
      const rows = await db
        .selectFrom('task')
        .innerJoin('person', 'person.id', 'task.personId')
        .select(['task.id', 'task.title', 'task.dueOn', 'task.version', 'person.id as personId', 'person.number as personNumber'])
        .where('task.assigneeId', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
        .where('task.doneAt', 'is', null)
        .orderBy('task.dueOn')
        .limit(200)
        .execute();
      return rows.map((r) => ({ id: r.id, title: ctx.keyring.decrypt(taskBinding(r.id), r.title), dueOn: r.dueOn, overdue: r.dueOn < officeDate(now()), version: r.version, person: { id: r.personId, number: r.personNumber } }));
    },

    /** The notes I wrote most recently, on clients still in my scope, for the start page (audited). */
    async recentNotes(actor: Actor, scope: Scope, limit = RECENT_NOTES) {
      const rows = await db
        .selectFrom('journalNote as n')
        .innerJoin('person', 'person.id', 'n.personId')
        .select(['n.id', 'n.body', 'n.writtenAt', 'n.correctedAt', 'n.correctsId', 'person.id as personId', 'person.number as personNumber'])
        .where('n.authorId', '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')
        .where((eb) => personInScope(eb as never, actor, scope, now()))
        .orderBy('n.writtenAt', 'desc')
        .limit(limit)
        .execute();
      const notes = rows.map((r) => ({ id: r.id, body: ctx.keyring.decrypt(noteBinding(r.id), r.body), writtenAt: r.writtenAt, correctedAt: r.correctedAt, correctsId: r.correctsId, person: { id: r.personId, number: r.personNumber } }));
      if (notes.length > 0) {
        await withTransaction(db, (tx) => appendAudit(tx, actor, { action: 'note.recent', objectType: 'person', objectIds: [...new Set(notes.map((n) => n.person.id))], details: { count: notes.length } }, now()));
      }
      return notes;
    },

    /**
     * The page's records from `clientPageColumns`: decrypted, and timestamps as dates again (JSON
     * carries them as text).
     */
    presentPage(personId: string, page: PageRecordsRow) {
      const row = camelCaseElements(page);
      return {
        clientships: row.clientships,
        exploitation: row.exploitation,
        exploitationHistory: row.exploitationHistory
          .filter((e) => e.objectIds[0] === personId && typeof e.objectIds[1] === 'string')
          .map((e) => {
            const details = (e.details ?? {}) as { before?: Record<string, unknown>; after?: Record<string, unknown>; form?: unknown; country?: unknown };
            const action = HISTORY_ACTIONS[e.action as keyof typeof HISTORY_ACTIONS];
            // An early creation entry holds only the form and the country.
            const after = action === 'delete' ? null : codesOf(details.after ?? (action === 'create' ? details : null));
            return { exploitationId: e.objectIds[1]!, action, at: asDate(e.at), actorName: e.actorName, before: action === 'create' ? null : codesOf(details.before), after };
          }),
        services: row.services,
        needs: row.needs,
        notes: row.notes.map((n) => {
          const writtenAt = asDate(n.writtenAt);
          return { ...n, body: ctx.keyring.decrypt(noteBinding(n.id), n.body), writtenAt, correctedAt: asDateOrNull(n.correctedAt), correctable: now().getTime() - writtenAt.getTime() <= NOTE_CORRECTION_HOURS * 3_600_000 };
        }),
        tasks: row.tasks.map((t) => ({ ...t, title: ctx.keyring.decrypt(taskBinding(t.id), t.title), doneAt: asDateOrNull(t.doneAt) })),
        residenceHistory: row.residenceHistory.map((r) => ({ ...r, changedAt: asDate(r.changedAt) })),
        children: row.family.filter((f) => f.relation === 'child').map(({ id, number }) => ({ id, number })),
        parent: row.family.filter((f) => f.relation === 'parent').map(({ id, number }) => ({ id, number }))[0] ?? null,
        decisions: row.decisions,
        attachments: row.attachments.map((a) => ({ ...a, uploadedAt: asDate(a.uploadedAt), fileName: ctx.keyring.decrypt({ table: 'attachment', recordId: a.id, field: 'file_name' }, a.fileName) })),
      };
    },
  };
}

/**
 * Everything on the client page besides identity, as columns of the page's one statement
 * (a JSON array per kind, beside the person row whose `person.id` they follow).
 */
export function clientPageColumns(eb: ExpressionBuilder<DB, 'person'>) {
  return [
    jsonArrayFrom(
      eb
        .selectFrom('clientship as c')
        .select(['c.id', 'c.category', 'c.parentId', 'c.startDate', 'c.endDate', 'c.endReason', 'c.officeCode', 'c.caseworkerId', 'c.version'])
        .whereRef('c.personId', '=', 'person.id')
        .orderBy('c.startDate', 'desc'),
    ).as('clientships'),
    jsonArrayFrom(eb.selectFrom('exploitation as x').select(['x.id', 'x.form', 'x.isPrimary', 'x.country', 'x.industry', 'x.periodFrom', 'x.periodTo', 'x.residenceStatus', 'x.version']).whereRef('x.personId', '=', 'person.id').orderBy('x.createdAt')).as('exploitation'),
    // The history of the exploitation records, removed ones too: from the audit trail, codes only.
    jsonArrayFrom(
      eb
        .selectFrom('auditEvent as e')
        .leftJoin('staffUser as u', 'u.id', 'e.actorId')
        .select(['e.seq', 'e.at', 'e.action', 'e.objectIds', 'e.details', 'u.name as actorName'])
        // As audit_event_exploitation_history_idx holds them: by client, the first object id.
        .where(sql<string>`e.object_ids[1]`, '=', sql<string>`person.id::text`)
        // Literals, not parameters: a plan made once for every client must still see that the partial index applies.
        .where('e.action', 'in', Object.keys(HISTORY_ACTIONS).map((action) => sql.lit(action)))
        .where('e.outcome', '=', sql.lit('success'))
        .orderBy('e.seq', 'desc')
        .limit(1000),
    ).as('exploitationHistory'),
    jsonArrayFrom(eb.selectFrom('service as s').select(['s.id', 's.type', 's.provider', 's.startDate', 's.endDate', 's.version']).whereRef('s.personId', '=', 'person.id').orderBy('s.startDate')).as('services'),
    jsonArrayFrom(eb.selectFrom('serviceNeed as sn').select(['sn.type', 'sn.needed', 'sn.assessedOn']).whereRef('sn.personId', '=', 'person.id').orderBy('sn.type')).as('needs'),
    jsonArrayFrom(
      eb
        .selectFrom('journalNote as n')
        .innerJoin('staffUser as u', 'u.id', 'n.authorId')
        .select(['n.id', 'n.body', 'n.authorId', 'u.name as authorName', 'n.writtenAt', 'n.correctedAt', 'n.correctsId', 'n.version'])
        .whereRef('n.personId', '=', 'person.id')
        .orderBy('n.writtenAt', 'desc'),
    ).as('notes'),
    jsonArrayFrom(
      eb
        .selectFrom('task as t')
        .innerJoin('staffUser as u', 'u.id', 't.assigneeId')
        .select(['t.id', 't.title', 't.dueOn', 't.assigneeId', 'u.name as assigneeName', 't.doneAt', 't.version'])
        .whereRef('t.personId', '=', 'person.id')
        .orderBy('t.dueOn'),
    ).as('tasks'),
    jsonArrayFrom(eb.selectFrom('residenceStatusChange as r').select(['r.status', 'r.changedAt']).whereRef('r.personId', '=', 'person.id').orderBy('r.changedAt')).as('residenceHistory'),
    // Children of this person's clientships, and the parent of this person's.
    sql<FamilyMember[]>`(select coalesce(json_agg(f order by f.number), '[]') from (
      select 'child' as relation, c.person_id as id, p.number from clientship c join clientship parent on parent.id = c.parent_id join person p on p.id = c.person_id where parent.person_id = person.id
      union
      select 'parent', parent.person_id, p.number from clientship c join clientship parent on parent.id = c.parent_id join person p on p.id = parent.person_id where c.person_id = person.id) f)`.as('family'),
    jsonArrayFrom(eb.selectFrom('decision as d').select(['d.id', 'd.kind', 'd.status', 'd.decidedOn', 'd.reason', 'd.periodStart', 'd.periodEnd', 'd.applicationId']).whereRef('d.personId', '=', 'person.id').orderBy('d.createdAt')).as('decisions'),
    jsonArrayFrom(
      eb
        .selectFrom('attachment as a')
        .innerJoin('staffUser as u', 'u.id', 'a.uploadedBy')
        .select(['a.id', 'a.fileName', 'a.mediaType', 'a.sizeBytes', 'a.uploadedAt', 'u.name as uploadedByName'])
        .whereRef('a.personId', '=', 'person.id')
        .orderBy('a.uploadedAt', 'desc'),
    ).as('attachments'),
  ] as const;
}

interface FamilyMember {
  relation: 'child' | 'parent';
  id: string;
  number: string;
}

/**
 * The JSON arrays' elements with their keys as the row types name them: the database names them
 * in snake case, and the connection keeps the keys of JSON values as they are (audit details and
 * settings are JSON whose keys are ours), so the page's columns are converted here, one level deep.
 */
function camelCaseElements(page: PageRecordsRow): PageRecordsRow {
  const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const columns = Object.entries(page as Record<string, unknown>).map(([column, value]) => [
    column,
    Array.isArray(value) ? value.map((element: object) => Object.fromEntries(Object.entries(element).map(([k, v]) => [camel(k), v]))) : value,
  ]);
  return Object.fromEntries(columns) as PageRecordsRow;
}

// JSON carries a timestamp as text, though the row types say Date.
const asDate = (value: Date | string) => new Date(value);
const asDateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

type PageColumns = ReturnType<typeof clientPageColumns>;
/** The page's record columns as a row holds them. */
export type PageRecordsRow = { [C in PageColumns[number] as C extends AliasedRawBuilder<unknown, infer A> ? A : never]: C extends AliasedRawBuilder<infer V, string> ? V : never };

export type ClientRecordsService = ReturnType<typeof createClientRecordsService>;
