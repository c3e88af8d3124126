import { sql, type Transaction } from 'kysely';
import { END_REASONS, REJECTION_REASONS, ageOn, mayHaveReflectionPeriod, reflectionPeriodProblem, type DecisionKind } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { applicationInScope, personInScope } from '../../access/scope.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { NotFound, ValidationFailed, type FieldProblem } from '../../http/errors.js';
import { maskedNames } from '../clients/mask.js';
import { decryptIdentity } from '../clients/persons.repository.js';
import { renderDecisionLetter } from '../letters/letter.pdf.js';
import { StaleVersion } from '../users/users.service.js';
import { groundsBinding, presentDecisions } from './decisions.present.js';
import { OPEN_STATUSES } from './status.js';

export type LetterLanguage = 'fi' | 'sv' | 'en';

export interface DecisionProposal {
  kind: DecisionKind;
  applicationId: string | null;
  personId: string | null;
  reason: string | null;
  grounds: string;
  expertGroupHeard: boolean;
  category: 'victim' | 'assists_investigation' | null;
  periodStart: string | null;
  periodEnd: string | null;
  letterLanguage: LetterLanguage;
}

export interface AppealRecord {
  version: number;
  lodgedOn: string;
  outcome: 'pending' | 'upheld' | 'overturned' | 'returned' | 'withdrawn';
  decidedOn: string | null;
}

const OUTCOME_KINDS: readonly DecisionKind[] = ['admission', 'rejection'];
const PERIOD_KINDS: readonly DecisionKind[] = ['reflection_period', 'extension'];
const letterBinding = (id: string) => ({ table: 'decision', recordId: id, field: 'letter_pdf' });

type DecisionRow = Awaited<ReturnType<typeof loadDecision>>;

function loadDecision(tx: Executor, id: string) {
  return tx.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Decisions: a caseworker proposes, a decision maker takes it (never their own proposal). Taking
 * one applies it — clientships start or end, the application closes — and writes its letter.
 */
export function createDecisionsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();
  const today = () => officeDate(now());

  /** The rules of domain.md §5 for a decision of this kind about this person and application. */
  async function checkRules(tx: Executor, d: Omit<DecisionProposal, 'letterLanguage' | 'grounds' | 'expertGroupHeard'> & { personId: string; id?: string }, problems: FieldProblem[]) {
    if (OUTCOME_KINDS.includes(d.kind)) {
      const application = d.applicationId ? await tx.selectFrom('application').select(['status', 'consentGiven']).where('id', '=', d.applicationId).executeTakeFirst() : undefined;
      if (!application) {
        problems.push({ field: 'applicationId', code: 'required' });
        return;
      }
      if (!(OPEN_STATUSES as readonly string[]).includes(application.status)) problems.push({ field: 'applicationId', code: 'application_closed' });
      const other = await tx
        .selectFrom('decision')
        .select('id')
        .where('applicationId', '=', d.applicationId)
        .where('kind', 'in', OUTCOME_KINDS)
        .where('status', '<>', 'cancelled')
        .$if(!!d.id, (qb) => qb.where('id', '<>', d.id!))
        .executeTakeFirst();
      if (other) problems.push({ field: 'kind', code: 'application_has_outcome' });
      if (d.kind === 'admission' && application.consentGiven !== true) problems.push({ field: 'consentGiven', code: 'consent_required' });
      if (d.kind === 'rejection' && !(d.reason && (REJECTION_REASONS as readonly string[]).includes(d.reason))) problems.push({ field: 'reason', code: d.reason ? 'invalid_choice' : 'required' });
    }
    if (PERIOD_KINDS.includes(d.kind)) {
      const person = await tx.selectFrom('person').select('residenceStatus').where('id', '=', d.personId).executeTakeFirstOrThrow();
      if (!mayHaveReflectionPeriod(person.residenceStatus)) problems.push({ field: 'residenceStatus', code: 'reflection_needs_no_residence_right', params: { status: person.residenceStatus } });
      if (!d.periodStart) problems.push({ field: 'periodStart', code: 'required' });
      if (!d.periodEnd) problems.push({ field: 'periodEnd', code: 'required' });
      if (d.periodStart && d.periodEnd) {
        const problem = reflectionPeriodProblem(d.periodStart, d.periodEnd);
        if (problem) problems.push({ field: 'periodEnd', code: `reflection_${problem}` });
      }
      if (d.kind === 'extension') {
        const granted = await tx.selectFrom('decision').select('periodEnd').where('personId', '=', d.personId).where('kind', 'in', PERIOD_KINDS).where('status', '=', 'decided').orderBy('periodEnd', 'desc').executeTakeFirst();
        if (!granted) problems.push({ field: 'kind', code: 'extension_without_period' });
        else if (d.periodStart && granted.periodEnd && d.periodStart < granted.periodEnd) problems.push({ field: 'periodStart', code: 'extension_overlaps', params: { date: granted.periodEnd } });
      }
    }
    if (d.kind === 'termination') {
      if (!(d.reason && (END_REASONS as readonly string[]).includes(d.reason))) problems.push({ field: 'reason', code: d.reason ? 'invalid_choice' : 'required' });
      const open = await tx.selectFrom('clientship').select('id').where('personId', '=', d.personId).where('endDate', 'is', null).where('category', '<>', 'child_of_victim').executeTakeFirst();
      if (!open) problems.push({ field: 'personId', code: 'no_open_clientship' });
    }
  }

  async function present(tx: Executor, id: string) {
    const [decision] = await presentDecisions(ctx, tx, (eb) => eb('d.id', '=', id));
    if (!decision) throw new NotFound();
    return decision;
  }

  /** A decision the actor may see: its person is in their scope. */
  async function findInScope(tx: Executor, actor: Actor, scope: Scope, id: string): Promise<NonNullable<DecisionRow> | null> {
    const row = await tx
      .selectFrom('decision')
      .selectAll('decision')
      .where('decision.id', '=', id)
      .where((eb) => eb.exists(eb.selectFrom('person').select(sql`1`.as('one')).whereRef('person.id', '=', 'decision.personId').where((p) => personInScope(p as never, actor, scope, now()))))
      .executeTakeFirst();
    return row ?? null;
  }

  async function audit(tx: Transaction<DB>, actor: Actor, action: string, d: { id: string; personId: string }, details?: Record<string, unknown>) {
    await appendAudit(tx, actor, { action, objectType: 'decision', objectIds: [d.id, d.personId], ...(details ? { details } : {}) }, now());
  }

  /** Starts the clientships of an admission: the person's, and one per child applying with them. */
  async function admit(tx: Transaction<DB>, d: NonNullable<DecisionRow>, on: string) {
    const application = await tx.selectFrom('application').select(['officeCode', 'caseworkerId']).where('id', '=', d.applicationId!).executeTakeFirstOrThrow();
    const children = await tx.selectFrom('applicationChild').select('personId').where('applicationId', '=', d.applicationId!).execute();
    const ages = await agesOn(tx, [d.personId, ...children.map((c) => c.personId)], on);
    const base = { ref: null, startDate: on, endDate: null, endReason: null, officeCode: application.officeCode ?? 'helsinki', caseworkerId: application.caseworkerId };
    const parent = await tx
      .insertInto('clientship')
      .values({ ...base, personId: d.personId, category: d.category ?? 'victim', parentId: null, ageAtStart: ages.get(d.personId) ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (children.length > 0) {
      await tx
        .insertInto('clientship')
        .values(children.map((c) => ({ ...base, personId: c.personId, category: 'child_of_victim' as const, parentId: parent.id, ageAtStart: ages.get(c.personId) ?? null })))
        .execute();
    }
  }

  /** Whole years on `on` from each person's birth date, where it is known. */
  async function agesOn(tx: Executor, personIds: string[], on: string): Promise<Map<string, number>> {
    const rows = await tx.selectFrom('person').select(['id', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality']).where('id', 'in', personIds).execute();
    const ages = new Map<string, number>();
    for (const row of rows) {
      const birthDate = decryptIdentity(ctx.keyring, row.id, row).birthDate;
      if (birthDate && birthDate <= on) ages.set(row.id, ageOn(birthDate, on));
    }
    return ages;
  }

  /** Ends the person's open clientships and their children's, with the same date and reason. */
  async function terminate(tx: Transaction<DB>, d: NonNullable<DecisionRow>, on: string) {
    const ended = await tx
      .updateTable('clientship')
      .set({ endDate: on, endReason: d.reason, updatedAt: now(), version: sql`version + 1` })
      .where('personId', '=', d.personId)
      .where('endDate', 'is', null)
      .where('category', '<>', 'child_of_victim')
      .where('startDate', '<=', on)
      .returning('id')
      .execute();
    if (ended.length === 0) throw new ValidationFailed([{ field: 'decidedOn', code: 'before_clientship_start' }]);
    await tx
      .updateTable('clientship')
      .set({ endDate: on, endReason: d.reason, updatedAt: now(), version: sql`version + 1` })
      .where('parentId', 'in', ended.map((e) => e.id))
      .where('endDate', 'is', null)
      .execute();
  }

  async function writeLetter(tx: Transaction<DB>, d: NonNullable<DecisionRow>, on: string, decidedBy: string) {
    const people = await tx
      .selectFrom('person')
      .select(['id', 'number', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality'])
      .where((eb) =>
        eb.or([
          eb('id', '=', d.personId),
          ...(d.applicationId && d.kind === 'admission' ? [eb('id', 'in', eb.selectFrom('applicationChild').select('personId').where('applicationId', '=', d.applicationId))] : []),
        ]),
      )
      .orderBy('number')
      .execute();
    const named = people.map((p) => {
      const identity = decryptIdentity(ctx.keyring, p.id, p);
      return { id: p.id, number: p.number, name: [identity.givenNames, identity.familyName].filter(Boolean).join(' ') || p.number, birthDate: identity.birthDate };
    });
    const client = named.find((p) => p.id === d.personId)!;
    const application = d.applicationId ? await tx.selectFrom('application').select(['number', 'receivedOn', 'officeCode']).where('id', '=', d.applicationId).executeTakeFirst() : undefined;
    const office = application?.officeCode ?? (await tx.selectFrom('clientship').select('officeCode').where('personId', '=', d.personId).orderBy('startDate', 'desc').executeTakeFirst())?.officeCode ?? null;
    const pdf = await renderDecisionLetter(tx, {
      language: d.letterLanguage ?? 'fi',
      kind: d.kind,
      decidedOn: on,
      decidedBy,
      client: { name: client.name, number: client.number, birthDate: client.birthDate },
      applicationNumber: application?.number ?? null,
      receivedOn: application?.receivedOn ?? null,
      reason: d.reason,
      grounds: d.grounds === null ? '' : ctx.keyring.decrypt(groundsBinding(d.id), d.grounds),
      expertGroupHeard: d.expertGroupHeard,
      category: d.category,
      children: named.filter((p) => p.id !== d.personId).map((p) => ({ name: p.name, number: p.number })),
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      officeCode: office,
    });
    return ctx.keyring.encryptBytes(letterBinding(d.id), pdf);
  }

  return {
    async propose(actor: Actor, scope: Scope, input: DecisionProposal) {
      return withTransaction(db, async (tx) => {
        const problems: FieldProblem[] = [];
        let personId = input.personId;
        if (input.applicationId) {
          const application = await tx.selectFrom('application').select(['id', 'personId', 'status']).where('id', '=', input.applicationId).where((eb) => applicationInScope(eb, actor, scope)).executeTakeFirst();
          if (!application) throw new NotFound();
          personId = application.personId;
        } else if (OUTCOME_KINDS.includes(input.kind)) {
          throw new ValidationFailed([{ field: 'applicationId', code: 'required' }]);
        }
        if (!personId) throw new ValidationFailed([{ field: 'personId', code: 'required' }]);
        const person = await tx.selectFrom('person').select('id').where('id', '=', personId).where((eb) => personInScope(eb, actor, scope, now())).executeTakeFirst();
        if (!person) throw new NotFound();
        await checkRules(tx, { ...input, personId }, problems);
        if (problems.length > 0) throw new ValidationFailed(problems);
        const id = crypto.randomUUID();
        await tx
          .insertInto('decision')
          .values({
            id,
            ref: null,
            applicationId: input.applicationId,
            personId,
            kind: input.kind,
            status: 'proposed',
            decidedOn: null,
            decidedBy: null,
            proposedBy: actor.userId,
            proposedAt: now(),
            reason: input.reason,
            grounds: ctx.keyring.encrypt(groundsBinding(id), input.grounds),
            expertGroupHeard: input.expertGroupHeard,
            category: input.kind === 'admission' ? (input.category ?? 'victim') : null,
            periodStart: PERIOD_KINDS.includes(input.kind) ? input.periodStart : null,
            periodEnd: PERIOD_KINDS.includes(input.kind) ? input.periodEnd : null,
            letterLanguage: input.letterLanguage,
            letterPdf: null,
            appealLodgedOn: null,
            appealOutcome: null,
            appealDecidedOn: null,
            updatedBy: actor.userId,
          })
          .execute();
        if (input.applicationId) {
          const app = await tx.selectFrom('application').select(['status', 'version']).where('id', '=', input.applicationId).executeTakeFirstOrThrow();
          if (app.status === 'received') {
            await tx.updateTable('application').set({ status: 'under_assessment', statusChangedOn: today(), updatedAt: now(), updatedBy: actor.userId, version: app.version + 1 }).where('id', '=', input.applicationId).execute();
            await tx.insertInto('applicationStatusChange').values({ applicationId: input.applicationId, fromStatus: 'received', toStatus: 'under_assessment', at: now(), byUser: actor.userId }).execute();
          }
        }
        await audit(tx, actor, 'decision.propose', { id, personId }, { kind: input.kind });
        return present(tx, id);
      });
    },

    async get(actor: Actor, scope: Scope, id: string) {
      return withTransaction(db, async (tx) => {
        const row = await findInScope(tx, actor, scope, id);
        if (!row) throw new NotFound();
        await audit(tx, actor, 'decision.read', row);
        return present(tx, id);
      });
    },

    /** Decisions of an application and the person's own decisions (reflection periods, termination). */

    /** Proposals waiting for a decision maker, oldest first. */
    async awaiting(actor: Actor) {
      const rows = await db
        .selectFrom('decision as d')
        .innerJoin('person as p', 'p.id', 'd.personId')
        .leftJoin('application as a', 'a.id', 'd.applicationId')
        .leftJoin('staffUser as pb', 'pb.id', 'd.proposedBy')
        .select(['d.id', 'd.kind', 'd.proposedAt', 'd.proposedBy', 'pb.name as proposedByName', 'a.number as applicationNumber', 'a.officeCode', 'd.personId', 'p.number as personNumber', 'p.givenNames', 'p.familyName', 'p.aliases', 'p.birthDate', 'p.contact', 'p.municipality'])
        .where('d.status', '=', 'proposed')
        .orderBy('d.proposedAt')
        .limit(500)
        .execute();
      const items = rows.map((r) => {
        const identity = decryptIdentity(ctx.keyring, r.personId, r);
        return {
          id: r.id,
          kind: r.kind,
          proposedAt: r.proposedAt,
          proposedBy: r.proposedBy ? { id: r.proposedBy, name: r.proposedByName ?? '' } : null,
          ownProposal: r.proposedBy === actor.userId,
          applicationNumber: r.applicationNumber,
          officeCode: r.officeCode,
          person: { id: r.personId, number: r.personNumber, masked: maskedNames(identity) },
        };
      });
      if (items.length > 0) {
        await withTransaction(db, (tx) => appendAudit(tx, actor, { action: 'decision.list', objectType: 'decision', objectIds: items.map((i) => i.id), details: { count: items.length } }, now()));
      }
      return items;
    },

    async take(actor: Actor, id: string, input: { version: number; decidedOn: string }) {
      return withTransaction(db, async (tx) => {
        const d = await loadDecision(tx, id);
        if (!d) throw new NotFound();
        if (d.version !== input.version) throw new StaleVersion(await present(tx, id));
        const problems: FieldProblem[] = [];
        if (d.status !== 'proposed') problems.push({ field: 'status', code: 'decision_not_proposed' });
        if (d.proposedBy !== null && d.proposedBy === actor.userId) problems.push({ field: 'decidedBy', code: 'own_proposal' });
        if (input.decidedOn > today()) problems.push({ field: 'decidedOn', code: 'in_future' });
        if (d.applicationId) {
          const application = await tx.selectFrom('application').select('receivedOn').where('id', '=', d.applicationId).executeTakeFirstOrThrow();
          if (input.decidedOn < application.receivedOn) problems.push({ field: 'decidedOn', code: 'before_received', params: { date: application.receivedOn } });
        }
        if (problems.length === 0) await checkRules(tx, { ...d, id }, problems);
        if (problems.length > 0) throw new ValidationFailed(problems);

        if (d.kind === 'admission') await admit(tx, d, input.decidedOn);
        if (d.kind === 'termination') await terminate(tx, d, input.decidedOn);
        if (d.applicationId && OUTCOME_KINDS.includes(d.kind)) {
          const app = await tx.selectFrom('application').select(['status', 'version']).where('id', '=', d.applicationId).executeTakeFirstOrThrow();
          await tx.updateTable('application').set({ status: 'decided', statusChangedOn: input.decidedOn, updatedAt: now(), updatedBy: actor.userId, version: app.version + 1 }).where('id', '=', d.applicationId).execute();
          await tx.insertInto('applicationStatusChange').values({ applicationId: d.applicationId, fromStatus: app.status, toStatus: 'decided', at: now(), byUser: actor.userId }).execute();
        }
        const letter = await writeLetter(tx, d, input.decidedOn, actor.name);
        await tx
          .updateTable('decision')
          .set({ status: 'decided', decidedOn: input.decidedOn, decidedBy: actor.userId, letterPdf: letter, updatedAt: now(), updatedBy: actor.userId, version: d.version + 1 })
          .where('id', '=', id)
          .execute();
        await audit(tx, actor, 'decision.take', d, { kind: d.kind });
        return present(tx, id);
      });
    },

    /** A decision maker sends a proposal back; the application stays open for a new one. */
    async returnProposal(actor: Actor, id: string, version: number) {
      return withTransaction(db, async (tx) => {
        const d = await loadDecision(tx, id);
        if (!d) throw new NotFound();
        if (d.version !== version) throw new StaleVersion(await present(tx, id));
        if (d.status !== 'proposed') throw new ValidationFailed([{ field: 'status', code: 'decision_not_proposed' }]);
        await tx.updateTable('decision').set({ status: 'cancelled', updatedAt: now(), updatedBy: actor.userId, version: d.version + 1 }).where('id', '=', id).execute();
        await audit(tx, actor, 'decision.return', d, { kind: d.kind });
        return present(tx, id);
      });
    },

    async recordAppeal(actor: Actor, scope: Scope, id: string, input: AppealRecord) {
      return withTransaction(db, async (tx) => {
        const d = await findInScope(tx, actor, scope, id);
        if (!d) throw new NotFound();
        if (d.version !== input.version) throw new StaleVersion(await present(tx, id));
        const problems: FieldProblem[] = [];
        if (d.status !== 'decided') problems.push({ field: 'status', code: 'decision_not_decided' });
        else if (input.lodgedOn < d.decidedOn!) problems.push({ field: 'lodgedOn', code: 'before_decision', params: { date: d.decidedOn! } });
        if (input.lodgedOn > today()) problems.push({ field: 'lodgedOn', code: 'in_future' });
        if (input.decidedOn && input.decidedOn < input.lodgedOn) problems.push({ field: 'decidedOn', code: 'before_lodged' });
        if (input.outcome !== 'pending' && !input.decidedOn) problems.push({ field: 'decidedOn', code: 'required' });
        if (problems.length > 0) throw new ValidationFailed(problems);
        await tx
          .updateTable('decision')
          .set({ appealLodgedOn: input.lodgedOn, appealOutcome: input.outcome, appealDecidedOn: input.outcome === 'pending' ? null : input.decidedOn, updatedAt: now(), updatedBy: actor.userId, version: d.version + 1 })
          .where('id', '=', id)
          .execute();
        await audit(tx, actor, 'decision.appeal', d, { outcome: input.outcome });
        return present(tx, id);
      });
    },

    /** The stored letter; each download is audited. */
    async letter(actor: Actor, scope: Scope, id: string) {
      return withTransaction(db, async (tx) => {
        const d = await findInScope(tx, actor, scope, id);
        if (!d || !d.letterPdf) throw new NotFound();
        const pdf = ctx.keyring.decryptBytes(letterBinding(id), d.letterPdf);
        await audit(tx, actor, 'decision.letter_download', d, { language: d.letterLanguage });
        const number = await tx.selectFrom('person').select('number').where('id', '=', d.personId).executeTakeFirstOrThrow();
        return { pdf, filename: `${d.kind}-${number.number}-${d.decidedOn}-${d.letterLanguage}.pdf` };
      });
    },
  };
}
export type DecisionsService = ReturnType<typeof createDecisionsService>;
