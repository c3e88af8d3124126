import { sql, type Transaction } from 'kysely';
import { addMonths, ageOn, isMinor } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { applicationInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { NotFound, ValidationFailed, type FieldProblem } from '../../http/errors.js';
import { maskedNames } from '../clients/mask.js';
import type { PersonChange, PersonInput } from '../clients/person.schema.js';
import { createPerson, decryptIdentity, updatePerson } from '../clients/persons.repository.js';
import { findSimilarPersons, type SimilarPersonQuery } from '../clients/similar-persons.js';
import { StaleVersion } from '../users/users.service.js';
import { presentDecisions } from './decisions.present.js';
import { OPEN_STATUSES, type ApplicationStatus } from './status.js';

/** Months a caseworker has, by default, from receipt to a proposed decision. */
export const DEFAULT_DEADLINE_MONTHS = 1;


/** Status changes a caseworker may make by hand; `decided` only comes with a decision. */
const MANUAL_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  received: ['under_assessment', 'withdrawn', 'lapsed'],
  under_assessment: ['received', 'withdrawn', 'lapsed'],
  decided: [],
  withdrawn: ['received'],
  lapsed: ['received'],
};

export interface NewApplication {
  receivedOn: string;
  channel: string;
  summary: string | null;
  personId: string | null;
  person: PersonInput | null;
  childIds: string[];
  newChildren: PersonInput[];
  consentGiven: boolean | null;
  consentOn: string | null;
  officeCode: string;
  caseworkerId: string | null;
  deadline: string | null;
  helplineContactId: string | null;
}

export interface ApplicationChange {
  version: number;
  receivedOn?: string;
  channel?: string;
  summary?: string | null;
  consentGiven?: boolean | null;
  consentOn?: string | null;
  officeCode?: string;
  caseworkerId?: string | null;
  deadline?: string | null;
  person?: PersonChange;
  addChildIds?: string[];
  newChildren?: PersonInput[];
  removeChildIds?: string[];
}

export type ApplicationList = 'mine' | 'office' | 'overdue' | 'open' | 'all';

const summaryBinding = (applicationId: string) => ({ table: 'application', recordId: applicationId, field: 'summary' });

export function createApplicationsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();
  const today = () => officeDate(now());

  /** Rules that hold whatever the form (domain.md §5): dates in order, consent with its date, children minors. */
  function checkDates(a: { receivedOn: string; consentGiven: boolean | null; consentOn: string | null; deadline: string | null }, problems: FieldProblem[]) {
    if (a.receivedOn > today()) problems.push({ field: 'receivedOn', code: 'in_future' });
    if (a.consentOn !== null && a.consentGiven === null) problems.push({ field: 'consentGiven', code: 'required' });
    if (a.consentGiven === true && a.consentOn === null) problems.push({ field: 'consentOn', code: 'required' });
    if (a.consentOn !== null && a.consentOn > today()) problems.push({ field: 'consentOn', code: 'in_future' });
    if (a.deadline !== null && a.deadline < a.receivedOn) problems.push({ field: 'deadline', code: 'before_received', params: { date: a.receivedOn } });
  }

  function checkChildren(children: PersonInput[], receivedOn: string, field: string, problems: FieldProblem[]) {
    children.forEach((child, i) => {
      if (child.birthDate && !isMinor(ageOn(child.birthDate, receivedOn))) problems.push({ field: `${field}.${i}.birthDate`, code: 'child_not_minor' });
    });
  }

  async function checkOfficeAndCaseworker(tx: Executor, officeCode: string | undefined, caseworkerId: string | null | undefined, problems: FieldProblem[]) {
    if (officeCode !== undefined) {
      const office = await tx.selectFrom('office').select('code').where('code', '=', officeCode).where('retired', '=', false).executeTakeFirst();
      if (!office) problems.push({ field: 'officeCode', code: 'invalid_choice' });
    }
    if (caseworkerId) {
      const user = await tx
        .selectFrom('staffUser')
        .select('id')
        .where('id', '=', caseworkerId)
        .where('disabledAt', 'is', null)
        .where(sql<boolean>`roles && array['caseworker','team_leader']::text[]`)
        .executeTakeFirst();
      if (!user) problems.push({ field: 'caseworkerId', code: 'not_a_caseworker' });
    }
  }

  async function existingPersons(tx: Executor, ids: string[], field: string, problems: FieldProblem[]) {
    if (ids.length === 0) return;
    const found = await tx.selectFrom('person').select('id').where('id', 'in', ids).execute();
    const known = new Set(found.map((p) => p.id));
    ids.forEach((id, i) => {
      if (!known.has(id)) problems.push({ field: `${field}.${i}`, code: 'not_found' });
    });
  }

  async function recordStatus(tx: Transaction<DB>, actor: Actor, applicationId: string, from: ApplicationStatus | null, to: ApplicationStatus) {
    await tx.insertInto('applicationStatusChange').values({ applicationId, fromStatus: from, toStatus: to, at: now(), byUser: actor.userId }).execute();
  }

  function findInScope(tx: Executor, actor: Actor, scope: Scope, id: string) {
    return tx
      .selectFrom('application')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => applicationInScope(eb, actor, scope))
      .executeTakeFirst();
  }

  async function nextNumber(tx: Executor, receivedOn: string): Promise<string> {
    const { rows } = await sql<{ n: string }>`select nextval('application_number_seq')::text as n`.execute(tx);
    return `A-${receivedOn.slice(0, 4)}-${rows[0]!.n.padStart(4, '0')}`;
  }

  /** The application as its page shows it: one query for the record, one per list it holds. */
  async function present(tx: Executor, id: string) {
    const a = await tx
      .selectFrom('application as a')
      .innerJoin('person as p', 'p.id', 'a.personId')
      .leftJoin('staffUser as cw', 'cw.id', 'a.caseworkerId')
      .select([
        'a.id', 'a.number', 'a.receivedOn', 'a.channel', 'a.summary', 'a.consentGiven', 'a.consentOn', 'a.officeCode', 'a.caseworkerId', 'cw.name as caseworkerName',
        'a.status', 'a.deadline', 'a.helplineContactId', 'a.version', 'a.createdAt', 'a.updatedAt',
        'p.id as personId', 'p.number as personNumber', 'p.givenNames', 'p.familyName', 'p.aliases', 'p.birthDate', 'p.contact', 'p.municipality',
        'p.birthYear', 'p.birthDateIsEstimate', 'p.gender', 'p.nationalities', 'p.languages', 'p.interpreterNeeded', 'p.residenceStatus', 'p.version as personVersion',
      ])
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    const children = await tx
      .selectFrom('applicationChild as ac')
      .innerJoin('person as p', 'p.id', 'ac.personId')
      .select(['p.id', 'p.number', 'p.givenNames', 'p.familyName', 'p.aliases', 'p.birthDate', 'p.contact', 'p.municipality', 'p.birthYear', 'p.gender', 'p.nationalities'])
      .where('ac.applicationId', '=', id)
      .orderBy('p.number')
      .execute();
    const history = await tx
      .selectFrom('applicationStatusChange as s')
      .leftJoin('staffUser as u', 'u.id', 's.byUser')
      .select(['s.fromStatus', 's.toStatus', 's.at', 'u.name as byName'])
      .where('s.applicationId', '=', id)
      .orderBy('s.at')
      .orderBy('s.id')
      .execute();
    const identity = decryptIdentity(ctx.keyring, a.personId, a);
    return {
      id: a.id,
      number: a.number,
      receivedOn: a.receivedOn,
      channel: a.channel,
      summary: a.summary === null ? null : ctx.keyring.decrypt(summaryBinding(a.id), a.summary),
      consentGiven: a.consentGiven,
      consentOn: a.consentOn,
      officeCode: a.officeCode,
      caseworker: a.caseworkerId ? { id: a.caseworkerId, name: a.caseworkerName ?? '' } : null,
      status: a.status,
      deadline: a.deadline,
      helplineContactId: a.helplineContactId,
      version: a.version,
      person: {
        id: a.personId,
        number: a.personNumber,
        masked: maskedNames(identity),
        birthYear: a.birthYear,
        birthDateIsEstimate: a.birthDateIsEstimate,
        gender: a.gender,
        nationalities: a.nationalities,
        languages: a.languages,
        interpreterNeeded: a.interpreterNeeded,
        residenceStatus: a.residenceStatus,
        version: a.personVersion,
      },
      children: children.map((c) => {
        const child = decryptIdentity(ctx.keyring, c.id, c);
        return {
          id: c.id,
          number: c.number,
          masked: maskedNames(child),
          birthYear: c.birthYear,
          gender: c.gender,
          nationalities: c.nationalities,
        };
      }),
      history,
      decisions: await presentDecisions(ctx, tx, (eb) => eb.or([eb('d.applicationId', '=', id), eb.and([eb('d.personId', '=', a.personId), eb('d.applicationId', 'is', null)])])),
    };
  }

  async function audit(tx: Transaction<DB>, actor: Actor, action: string, a: { id: string; personId: string }, childIds: string[], details?: Record<string, unknown>) {
    await appendAudit(tx, actor, { action, objectType: 'application', objectIds: [a.id, a.personId, ...childIds], ...(details ? { details } : {}) }, now());
  }

  return {
    present,

    async create(actor: Actor, input: NewApplication) {
      const problems: FieldProblem[] = [];
      if (!input.personId && !input.person) problems.push({ field: 'person', code: 'required' });
      checkDates({ ...input, deadline: input.deadline }, problems);
      checkChildren(input.newChildren, input.receivedOn, 'newChildren', problems);
      return withTransaction(db, async (tx) => {
        await checkOfficeAndCaseworker(tx, input.officeCode, input.caseworkerId, problems);
        await existingPersons(tx, input.personId ? [input.personId] : [], 'personId', problems);
        await existingPersons(tx, input.childIds, 'childIds', problems);
        if (input.personId && input.childIds.includes(input.personId)) problems.push({ field: 'childIds', code: 'child_is_applicant' });
        if (input.helplineContactId) {
          const contact = await tx.selectFrom('helplineContact').select('id').where('id', '=', input.helplineContactId).executeTakeFirst();
          const taken = await tx.selectFrom('application').select('id').where('helplineContactId', '=', input.helplineContactId).executeTakeFirst();
          if (!contact) problems.push({ field: 'helplineContactId', code: 'not_found' });
          else if (taken) problems.push({ field: 'helplineContactId', code: 'contact_has_application' });
        }
        if (problems.length > 0) throw new ValidationFailed(problems);

        const personId = input.personId ?? (await createPerson(tx, ctx.keyring, input.person!, actor.userId)).id;
        const childIds = [...input.childIds];
        for (const child of input.newChildren) childIds.push((await createPerson(tx, ctx.keyring, child, actor.userId)).id);
        const id = crypto.randomUUID();
        const number = await nextNumber(tx, input.receivedOn);
        await tx
          .insertInto('application')
          .values({
            id,
            number,
            ref: null,
            personId,
            receivedOn: input.receivedOn,
            channel: input.channel,
            summary: input.summary ? ctx.keyring.encrypt(summaryBinding(id), input.summary) : null,
            consentGiven: input.consentGiven,
            consentOn: input.consentOn,
            officeCode: input.officeCode,
            caseworkerId: input.caseworkerId,
            statusChangedOn: today(),
            deadline: input.deadline ?? addMonths(input.receivedOn, DEFAULT_DEADLINE_MONTHS),
            helplineContactId: input.helplineContactId,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })
          .execute();
        if (childIds.length > 0) await tx.insertInto('applicationChild').values(childIds.map((c) => ({ applicationId: id, personId: c }))).execute();
        if (input.helplineContactId) await tx.updateTable('helplineContact').set({ outcome: 'application_started' }).where('id', '=', input.helplineContactId).execute();
        await recordStatus(tx, actor, id, null, 'received');
        await audit(tx, actor, 'application.create', { id, personId }, childIds, { channel: input.channel, children: childIds.length, fromHelpline: !!input.helplineContactId });
        return { id, number };
      });
    },

    /** An application with its person masked and its summary; the read is audited. */
    async get(actor: Actor, scope: Scope, id: string) {
      return withTransaction(db, async (tx) => {
        const row = await findInScope(tx, actor, scope, id);
        if (!row) throw new NotFound();
        const application = await present(tx, id);
        await audit(tx, actor, 'application.read', row, application.children.map((c) => c.id));
        return application;
      });
    },

    async list(actor: Actor, scope: Scope, list: ApplicationList) {
      const userId = actor.userId ?? '00000000-0000-0000-0000-000000000000';
      const rows = await db
        .selectFrom('application')
        .innerJoin('person as p', 'p.id', 'application.personId')
        .leftJoin('staffUser as cw', 'cw.id', 'application.caseworkerId')
        .select((eb) => [
          'application.id', 'application.number', 'application.receivedOn', 'application.channel', 'application.status', 'application.deadline', 'application.officeCode', 'application.caseworkerId', 'cw.name as caseworkerName', 'application.consentGiven',
          'p.id as personId', 'p.number as personNumber', 'p.givenNames', 'p.familyName', 'p.aliases', 'p.birthDate', 'p.contact', 'p.municipality', 'p.birthYear', 'p.gender', 'p.nationalities',
          eb.selectFrom('applicationChild as ac').select((c) => c.fn.countAll<number>().as('n')).whereRef('ac.applicationId', '=', 'application.id').as('childCount'),
          eb.selectFrom('decision as d').select('d.kind').whereRef('d.applicationId', '=', 'application.id').where('d.status', '=', 'proposed').limit(1).as('proposedDecision'),
        ])
        .where((eb) => applicationInScope(eb, actor, scope))
        .$if(list === 'mine', (qb) => qb.where('application.caseworkerId', '=', userId).where('application.status', 'in', OPEN_STATUSES))
        .$if(list === 'open' || list === 'office', (qb) => qb.where('application.status', 'in', OPEN_STATUSES))
        .$if(list === 'overdue', (qb) => qb.where('application.status', 'in', OPEN_STATUSES).where('application.deadline', '<', today()))
        .orderBy('application.deadline', 'asc')
        .orderBy('application.number', 'asc')
        .limit(500)
        .execute();
      const items = rows.map((r) => {
        const identity = decryptIdentity(ctx.keyring, r.personId, r);
        return {
          id: r.id,
          number: r.number,
          receivedOn: r.receivedOn,
          channel: r.channel,
          status: r.status,
          deadline: r.deadline,
          overdue: r.deadline !== null && r.deadline < today() && (OPEN_STATUSES as readonly string[]).includes(r.status),
          officeCode: r.officeCode,
          caseworker: r.caseworkerId ? { id: r.caseworkerId, name: r.caseworkerName ?? '' } : null,
          consentGiven: r.consentGiven,
          childCount: Number(r.childCount ?? 0),
          proposedDecision: r.proposedDecision ?? null,
          person: { id: r.personId, number: r.personNumber, masked: maskedNames(identity), birthYear: r.birthYear, gender: r.gender, nationalities: r.nationalities },
        };
      });
      if (items.length > 0) {
        await withTransaction(db, (tx) => appendAudit(tx, actor, { action: 'application.list', objectType: 'application', objectIds: items.map((i) => i.id), details: { list, count: items.length } }, now()));
      }
      return items;
    },

    async update(actor: Actor, scope: Scope, id: string, change: ApplicationChange) {
      return withTransaction(db, async (tx) => {
        const row = await findInScope(tx, actor, scope, id);
        if (!row) throw new NotFound();
        if (row.version !== change.version) throw new StaleVersion(await present(tx, id));
        const problems: FieldProblem[] = [];
        if (!(OPEN_STATUSES as readonly string[]).includes(row.status)) problems.push({ field: 'status', code: 'application_closed' });
        const merged = {
          receivedOn: change.receivedOn ?? row.receivedOn,
          consentGiven: change.consentGiven !== undefined ? change.consentGiven : row.consentGiven,
          consentOn: change.consentOn !== undefined ? change.consentOn : row.consentOn,
          deadline: change.deadline !== undefined ? change.deadline : row.deadline,
        };
        checkDates(merged, problems);
        checkChildren(change.newChildren ?? [], merged.receivedOn, 'newChildren', problems);
        await checkOfficeAndCaseworker(tx, change.officeCode, change.caseworkerId, problems);
        await existingPersons(tx, change.addChildIds ?? [], 'addChildIds', problems);
        if ((change.addChildIds ?? []).includes(row.personId)) problems.push({ field: 'addChildIds', code: 'child_is_applicant' });
        if (problems.length > 0) throw new ValidationFailed(problems);

        if (change.person) await updatePerson(tx, ctx.keyring, row.personId, change.person, actor.userId);
        const added = [...(change.addChildIds ?? [])];
        for (const child of change.newChildren ?? []) added.push((await createPerson(tx, ctx.keyring, child, actor.userId)).id);
        if (added.length > 0) {
          await tx.insertInto('applicationChild').values(added.map((c) => ({ applicationId: id, personId: c }))).onConflict((oc) => oc.doNothing()).execute();
        }
        if ((change.removeChildIds ?? []).length > 0) {
          await tx.deleteFrom('applicationChild').where('applicationId', '=', id).where('personId', 'in', change.removeChildIds!).execute();
        }
        await tx
          .updateTable('application')
          .set({
            ...(change.receivedOn !== undefined ? { receivedOn: change.receivedOn } : {}),
            ...(change.channel !== undefined ? { channel: change.channel } : {}),
            ...(change.summary !== undefined ? { summary: change.summary ? ctx.keyring.encrypt(summaryBinding(id), change.summary) : null } : {}),
            consentGiven: merged.consentGiven,
            consentOn: merged.consentOn,
            deadline: merged.deadline,
            ...(change.officeCode !== undefined ? { officeCode: change.officeCode } : {}),
            ...(change.caseworkerId !== undefined ? { caseworkerId: change.caseworkerId } : {}),
            updatedAt: now(),
            updatedBy: actor.userId,
            version: row.version + 1,
          })
          .where('id', '=', id)
          .execute();
        const changed = Object.keys(change).filter((k) => k !== 'version');
        await audit(tx, actor, 'application.update', row, added, { fields: changed, personFields: change.person ? Object.keys(change.person) : [] });
        return present(tx, id);
      });
    },

    async changeStatus(actor: Actor, scope: Scope, id: string, to: ApplicationStatus, version: number) {
      return withTransaction(db, async (tx) => {
        const row = await findInScope(tx, actor, scope, id);
        if (!row) throw new NotFound();
        if (row.version !== version) throw new StaleVersion(await present(tx, id));
        if (!MANUAL_TRANSITIONS[row.status].includes(to)) throw new ValidationFailed([{ field: 'status', code: 'status_transition', params: { from: row.status, to } }]);
        const open = await tx.selectFrom('decision').select('id').where('applicationId', '=', id).where('status', '=', 'proposed').executeTakeFirst();
        if (open && (to === 'withdrawn' || to === 'lapsed')) throw new ValidationFailed([{ field: 'status', code: 'proposal_open' }]);
        await tx.updateTable('application').set({ status: to, statusChangedOn: today(), updatedAt: now(), updatedBy: actor.userId, version: row.version + 1 }).where('id', '=', id).execute();
        await recordStatus(tx, actor, id, row.status, to);
        await audit(tx, actor, 'application.status', row, [], { from: row.status, to });
        return present(tx, id);
      });
    },

    /**
     * "This is the same person": the application is moved to an existing person. A person made
     * only for this application, and referred to nowhere else, is removed.
     */
    async linkPerson(actor: Actor, scope: Scope, id: string, personId: string, version: number) {
      return withTransaction(db, async (tx) => {
        const row = await findInScope(tx, actor, scope, id);
        if (!row) throw new NotFound();
        if (row.version !== version) throw new StaleVersion(await present(tx, id));
        const problems: FieldProblem[] = [];
        if (!(OPEN_STATUSES as readonly string[]).includes(row.status)) problems.push({ field: 'status', code: 'application_closed' });
        await existingPersons(tx, [personId], 'personId', problems);
        if (problems.length > 0) throw new ValidationFailed(problems);
        const previous = row.personId;
        await tx.updateTable('application').set({ personId, updatedAt: now(), updatedBy: actor.userId, version: row.version + 1 }).where('id', '=', id).execute();
        await removeIfUnreferenced(tx, previous);
        await audit(tx, actor, 'application.link_person', { id, personId }, [], { replaced: previous });
        return present(tx, id);
      });
    },

    /** Possible duplicates of an application's applicant, searched with their stored identity so that no name reaches the browser. */
    async similarToApplicant(actor: Actor, scope: Scope, id: string) {
      return withTransaction(db, async (tx) => {
        const row = await findInScope(tx, actor, scope, id);
        if (!row) throw new NotFound();
        const person = await tx.selectFrom('person').select(['id', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality', 'nationalities']).where('id', '=', row.personId).executeTakeFirstOrThrow();
        const children = await tx.selectFrom('applicationChild').select('personId').where('applicationId', '=', id).execute();
        const identity = decryptIdentity(ctx.keyring, person.id, person);
        const found = await findSimilarPersons(tx, ctx.keyring, { givenNames: identity.givenNames, familyName: identity.familyName, birthDate: identity.birthDate, nationalities: person.nationalities, excludeIds: [person.id, ...children.map((c) => c.personId)] });
        await appendAudit(tx, actor, { action: 'person.match', objectType: 'person', objectIds: found.map((p) => p.id), details: { count: found.length, application: id } }, now());
        return found;
      });
    },

    /** Possible duplicates of a person typed in a form; candidates are shown masked and the search is audited. */
    async similar(actor: Actor, query: SimilarPersonQuery) {
      return withTransaction(db, async (tx) => {
        const found = await findSimilarPersons(tx, ctx.keyring, query);
        await appendAudit(tx, actor, { action: 'person.match', objectType: 'person', objectIds: found.map((p) => p.id), details: { count: found.length } }, now());
        return found;
      });
    },
  };
}
export type ApplicationsService = ReturnType<typeof createApplicationsService>;

/** Deletes a person nothing refers to any more (an applicant entered twice). */
async function removeIfUnreferenced(tx: Executor, personId: string) {
  const { rows } = await sql<{ used: boolean }>`
    select exists (select 1 from application where person_id = ${personId})
        or exists (select 1 from application_child where person_id = ${personId})
        or exists (select 1 from clientship where person_id = ${personId})
        or exists (select 1 from decision where person_id = ${personId})
        or exists (select 1 from exploitation where person_id = ${personId})
        or exists (select 1 from service where person_id = ${personId})
        or exists (select 1 from break_glass_grant where person_id = ${personId}) as used`.execute(tx);
  if (!rows[0]?.used) await tx.deleteFrom('person').where('id', '=', personId).execute();
}
