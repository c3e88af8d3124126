import { sql } from 'kysely';
import { ageOn, isMinor } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { NotFound } from '../../http/errors.js';
import { groundsBinding } from '../intake/decisions.present.js';
import { decryptIdentity, type PersonIdentity } from '../clients/persons.repository.js';

/** Everything Suoja holds about one person, without anyone else's data: staff appear by role only. */
export interface PersonRecord {
  number: string;
  identity: PersonIdentity & { birthDateIsEstimate: boolean };
  identityErased: boolean;
  legalHold: boolean;
  facts: { gender: string; nationalities: string[]; languages: string[]; interpreterNeeded: boolean; residenceStatus: string };
  clientships: { category: string; startDate: string; endDate: string | null; endReason: string | null; officeCode: string }[];
  applications: {
    number: string;
    role: 'applicant' | 'child';
    receivedOn: string;
    channel: string;
    summary: string | null;
    consentGiven: boolean | null;
    consentOn: string | null;
    status: string;
    officeCode: string | null;
    history: { fromStatus: string | null; toStatus: string; at: Date }[];
  }[];
  decisions: {
    kind: string;
    status: string;
    decidedOn: string | null;
    reason: string | null;
    grounds: string | null;
    expertGroupHeard: boolean;
    category: string | null;
    periodStart: string | null;
    periodEnd: string | null;
    letterLanguage: string | null;
    appeal: { lodgedOn: string; outcome: string | null; decidedOn: string | null } | null;
  }[];
  exploitation: { form: string; isPrimary: boolean; country: string; industry: string | null; periodFrom: string | null; periodTo: string | null; residenceStatus: string | null }[];
  services: { type: string; provider: string | null; startDate: string; endDate: string | null }[];
  /** Who looked at or changed the record: when, what, and the staff member's roles (not their name). */
  accessLog: { at: Date; action: string; roles: string[]; outcome: string }[];
}

export interface SubjectAccessExport {
  generatedAt: Date;
  subject: PersonRecord;
  /** The subject's minor children, whose data the subject may receive as their guardian. */
  children: PersonRecord[];
}

const summaryBinding = (applicationId: string) => ({ table: 'application', recordId: applicationId, field: 'summary' });

/**
 * Subject access (GDPR art. 15): the auditor exports everything about one person and their minor
 * children, as JSON or PDF; the export is audited with the request's reference.
 */
export function createSubjectAccessService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  async function personRecord(tx: Executor, personId: string): Promise<PersonRecord> {
    const p = await tx.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    const identity = decryptIdentity(ctx.keyring, p.id, p);
    const clientships = await tx.selectFrom('clientship').select(['category', 'startDate', 'endDate', 'endReason', 'officeCode']).where('personId', '=', personId).orderBy('startDate').execute();
    const applications = await tx
      .selectFrom('application as a')
      .select(['a.id', 'a.number', 'a.personId', 'a.receivedOn', 'a.channel', 'a.summary', 'a.consentGiven', 'a.consentOn', 'a.status', 'a.officeCode'])
      .where((eb) => eb.or([eb('a.personId', '=', personId), eb.exists(eb.selectFrom('applicationChild as ac').select(sql`1`.as('one')).whereRef('ac.applicationId', '=', 'a.id').where('ac.personId', '=', personId))]))
      .orderBy('a.receivedOn')
      .execute();
    const history = applications.length
      ? await tx.selectFrom('applicationStatusChange').select(['applicationId', 'fromStatus', 'toStatus', 'at']).where('applicationId', 'in', applications.map((a) => a.id)).orderBy('at').orderBy('id').execute()
      : [];
    const decisions = await tx
      .selectFrom('decision')
      .select(['id', 'kind', 'status', 'decidedOn', 'reason', 'grounds', 'expertGroupHeard', 'category', 'periodStart', 'periodEnd', 'letterLanguage', 'appealLodgedOn', 'appealOutcome', 'appealDecidedOn'])
      .where('personId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const exploitation = await tx.selectFrom('exploitation').select(['form', 'isPrimary', 'country', 'industry', 'periodFrom', 'periodTo', 'residenceStatus']).where('personId', '=', personId).orderBy('createdAt').execute();
    const services = await tx.selectFrom('service').select(['type', 'provider', 'startDate', 'endDate']).where('personId', '=', personId).orderBy('startDate').execute();
    const accessLog = await tx
      .selectFrom('auditEvent')
      .select(['at', 'action', 'actorRoles', 'outcome'])
      .where(sql<boolean>`${personId}::text = any(object_ids)`)
      .orderBy('seq')
      .execute();
    return {
      number: p.number,
      identity: { ...identity, birthDateIsEstimate: p.birthDateIsEstimate },
      identityErased: p.identityErasedAt !== null,
      legalHold: p.legalHold,
      facts: { gender: p.gender, nationalities: p.nationalities, languages: p.languages, interpreterNeeded: p.interpreterNeeded, residenceStatus: p.residenceStatus },
      clientships,
      applications: applications.map((a) => ({
        number: a.number,
        role: a.personId === personId ? ('applicant' as const) : ('child' as const),
        receivedOn: a.receivedOn,
        channel: a.channel,
        // The summary tells the applicant's story: it belongs to the applicant's part only.
        summary: a.personId === personId && a.summary !== null ? ctx.keyring.decrypt(summaryBinding(a.id), a.summary) : null,
        consentGiven: a.consentGiven,
        consentOn: a.consentOn,
        status: a.status,
        officeCode: a.officeCode,
        history: history.filter((h) => h.applicationId === a.id).map(({ fromStatus, toStatus, at }) => ({ fromStatus, toStatus, at })),
      })),
      decisions: decisions.map((d) => ({
        kind: d.kind,
        status: d.status,
        decidedOn: d.decidedOn,
        reason: d.reason,
        grounds: d.grounds === null ? null : ctx.keyring.decrypt(groundsBinding(d.id), d.grounds),
        expertGroupHeard: d.expertGroupHeard,
        category: d.category,
        periodStart: d.periodStart,
        periodEnd: d.periodEnd,
        letterLanguage: d.letterLanguage,
        appeal: d.appealLodgedOn ? { lodgedOn: d.appealLodgedOn, outcome: d.appealOutcome, decidedOn: d.appealDecidedOn } : null,
      })),
      exploitation,
      services,
      accessLog: accessLog.map((e) => ({ at: e.at, action: e.action, roles: e.actorRoles, outcome: e.outcome })),
    };
  }

  /** Children of the subject who are minors today: those applying with them, and their children's clientships. */
  async function minorChildren(tx: Executor, personId: string): Promise<string[]> {
    const rows = await tx
      .selectFrom('person as p')
      .select(['p.id', 'p.givenNames', 'p.familyName', 'p.aliases', 'p.birthDate', 'p.contact', 'p.municipality', 'p.birthYear'])
      .where((eb) =>
        eb.or([
          eb('p.id', 'in', eb.selectFrom('applicationChild as ac').innerJoin('application as a', 'a.id', 'ac.applicationId').select('ac.personId').where('a.personId', '=', personId)),
          eb('p.id', 'in', eb.selectFrom('clientship as child').innerJoin('clientship as parent', 'parent.id', 'child.parentId').select('child.personId').where('parent.personId', '=', personId)),
        ]),
      )
      .orderBy('p.number')
      .execute();
    const today = officeDate(now());
    return rows
      .filter((r) => {
        const birthDate = decryptIdentity(ctx.keyring, r.id, r).birthDate;
        if (birthDate) return isMinor(ageOn(birthDate, today));
        return r.birthYear !== null && Number(today.slice(0, 4)) - r.birthYear < 18;
      })
      .map((r) => r.id);
  }

  return {
    async export(actor: Actor, number: string, reference: string): Promise<SubjectAccessExport> {
      return withTransaction(db, async (tx) => {
        const person = await tx.selectFrom('person').select('id').where('number', '=', number.toUpperCase()).executeTakeFirst();
        if (!person) throw new NotFound();
        const childIds = await minorChildren(tx, person.id);
        const subject = await personRecord(tx, person.id);
        const children: PersonRecord[] = [];
        for (const id of childIds) children.push(await personRecord(tx, id));
        // Written after the records were read, so that this export is not in its own access log.
        await appendAudit(tx, actor, { action: 'subject_access.export', objectType: 'person', objectIds: [person.id, ...childIds], reason: reference, details: { children: childIds.length } }, now());
        return { generatedAt: now(), subject, children };
      });
    },
  };
}
export type SubjectAccessService = ReturnType<typeof createSubjectAccessService>;
