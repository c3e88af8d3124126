/**
 * A register of statistics facts for tests: the non-identifying columns the figures read, as
 * plain rows, and the way to put them into a database. Identifying columns stay null.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.js';

export interface PersonFacts {
  id: string;
  gender: string;
  nationalities: string[];
  birthYear: number | null;
  birthMonth: number | null;
}

export interface ClientshipFacts {
  id: string;
  personId: string;
  category: 'victim' | 'child_of_victim' | 'assists_investigation';
  parentId: string | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  ageAtStart: number | null;
}

export interface ApplicationFacts {
  id: string;
  personId: string;
  receivedOn: string;
  channel: string;
}

export interface DecisionFacts {
  id: string;
  personId: string;
  kind: 'admission' | 'rejection' | 'reflection_period' | 'extension' | 'termination';
  status: 'proposed' | 'decided' | 'cancelled';
  decidedOn: string | null;
  reason: string | null;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface ExploitationFacts {
  id: string;
  personId: string;
  form: string;
  isPrimary: boolean;
  country: string;
  industry: string | null;
  periodFrom: string | null;
  residenceStatus: string | null;
}

export interface Register {
  persons: PersonFacts[];
  clientships: ClientshipFacts[];
  applications: ApplicationFacts[];
  decisions: DecisionFacts[];
  exploitations: ExploitationFacts[];
}

/** Inserts the register; children's clientships after the clientships they belong to. */
export async function insertRegister(db: Executor, register: Register): Promise<void> {
  if (register.persons.length > 0) {
    await db
      .insertInto('person')
      .values(register.persons.map((p) => ({ id: p.id, gender: p.gender, nationalities: p.nationalities, birthYear: p.birthYear, birthMonth: p.birthMonth })))
      .execute();
  }
  const parents = register.clientships.filter((c) => c.parentId === null);
  const children = register.clientships.filter((c) => c.parentId !== null);
  for (const group of [parents, children]) {
    if (group.length === 0) continue;
    await db
      .insertInto('clientship')
      .values(group.map((c) => ({ id: c.id, personId: c.personId, category: c.category, parentId: c.parentId, startDate: c.startDate, endDate: c.endDate, endReason: c.endReason, ageAtStart: c.ageAtStart, ref: null, officeCode: 'helsinki', caseworkerId: null })))
      .execute();
  }
  if (register.applications.length > 0) {
    await db
      .insertInto('application')
      .values(register.applications.map((a) => ({ id: a.id, personId: a.personId, receivedOn: a.receivedOn, channel: a.channel, number: `A-${a.id}`, ref: null, summary: null, consentGiven: null, consentOn: null, officeCode: null, caseworkerId: null, statusChangedOn: null, deadline: null, helplineContactId: null, createdBy: null })))
      .execute();
  }
  if (register.decisions.length > 0) {
    await db
      .insertInto('decision')
      .values(register.decisions.map((d) => ({ id: d.id, personId: d.personId, kind: d.kind, status: d.status, decidedOn: d.decidedOn, reason: d.reason, periodStart: d.periodStart, periodEnd: d.periodEnd, applicationId: null, decidedBy: null, proposedBy: null, proposedAt: null, grounds: null, category: null, letterLanguage: null, letterPdf: null, appealLodgedOn: null, appealOutcome: null, appealDecidedOn: null, ref: null })))
      .execute();
  }
  if (register.exploitations.length > 0) {
    await db
      .insertInto('exploitation')
      .values(register.exploitations.map((e) => ({ id: e.id, personId: e.personId, form: e.form, isPrimary: e.isPrimary, country: e.country, industry: e.industry, periodFrom: e.periodFrom, residenceStatus: e.residenceStatus, ref: null, periodTo: null })))
      .execute();
  }
}

/** Empties the tables the figures read (and those that refer to them). */
export async function clearRegister(db: Executor): Promise<void> {
  await sql`truncate table exploitation, decision, application, clientship, person cascade`.execute(db);
}
