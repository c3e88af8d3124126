/**
 * Records of the database in exchange form, and back: reads rows (with the refs of the records
 * they point to, identifying fields decrypted) and turns exchange records into row values
 * (identifying fields encrypted). Plain Kysely functions that take the executor.
 */
import { sql } from 'kysely';
import type { KeyRing } from '../crypto/keyring.js';
import type { Executor } from '../db/transaction.js';
import { decryptIdentity, type PersonIdentity } from '../modules/clients/persons.repository.js';
import {
  canonicalDateTime,
  canonicalRecord,
  type ApplicationRecord,
  type ClientshipRecord,
  type DecisionRecord,
  type ExploitationRecord,
  type HelplineContactRecord,
  type Kind,
  type PersonRecord,
  type RecordOf,
  type ServiceRecord,
} from './format.js';

// The same bindings as the intake module's: the ciphertexts are shared with it.
export const summaryBinding = (applicationId: string) => ({ table: 'application', recordId: applicationId, field: 'summary' });
export const groundsBinding = (decisionId: string) => ({ table: 'decision', recordId: decisionId, field: 'grounds' });

export interface Stored<R> {
  id: string;
  record: R;
}

/** Which rows to read: by internal id or by ref. */
export interface Selection {
  by: 'id' | 'ref';
  values: readonly string[];
}

const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** `= any($1)`: one array parameter instead of a thousand, far less SQL to parse. */
const anyOf = (selection: Selection) => sql<string>`any(${[...selection.values]}::${sql.raw(selection.by === 'id' ? 'uuid' : 'text')}[])`;

export function identityOfRecord(p: PersonRecord): PersonIdentity {
  const contact = { ...(p.phone ? { phone: p.phone } : {}), ...(p.email ? { email: p.email } : {}), ...(p.address ? { address: p.address } : {}) };
  return {
    givenNames: p.givenNames ?? null,
    familyName: p.familyName ?? null,
    aliases: p.aliases,
    birthDate: p.birthDate ?? null,
    contact: Object.keys(contact).length > 0 ? contact : null,
    municipality: p.municipality ?? null,
  };
}

export async function loadPersons(db: Executor, keyring: KeyRing, selection: Selection): Promise<Stored<PersonRecord>[]> {
  if (selection.values.length === 0) return [];
  const rows = await db
    .selectFrom('person')
    .select(['id', 'ref', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality', 'birthDateIsEstimate', 'gender', 'nationalities', 'languages', 'interpreterNeeded', 'residenceStatus'])
    .where(selection.by, '=', anyOf(selection))
    .execute();
  return rows.map((row) => {
    const identity = decryptIdentity(keyring, row.id, row);
    return {
      id: row.id,
      record: canonicalRecord('persons', {
        ref: row.ref,
        givenNames: identity.givenNames,
        familyName: identity.familyName,
        aliases: identity.aliases,
        birthDate: identity.birthDate,
        birthDateIsEstimate: row.birthDateIsEstimate,
        gender: row.gender,
        nationalities: row.nationalities,
        languages: row.languages,
        interpreterNeeded: row.interpreterNeeded,
        municipality: identity.municipality,
        residenceStatus: row.residenceStatus,
        phone: identity.contact?.phone,
        email: identity.contact?.email,
        address: identity.contact?.address,
      }),
    };
  });
}

export async function loadApplications(db: Executor, keyring: KeyRing, selection: Selection): Promise<Stored<ApplicationRecord>[]> {
  if (selection.values.length === 0) return [];
  const rows = await db
    .selectFrom('application as a')
    .innerJoin('person as p', 'p.id', 'a.personId')
    .leftJoin('helplineContact as h', 'h.id', 'a.helplineContactId')
    .select([
      'a.id', 'a.ref', 'p.ref as personRef', 'a.receivedOn', 'a.channel', 'a.officeCode', 'a.consentGiven', 'a.consentOn', 'a.status', 'a.statusChangedOn', 'a.deadline',
      'h.ref as helplineRef', 'a.summary',
    ])
    .where(`a.${selection.by}`, '=', anyOf(selection))
    .execute();
  const children = new Map<string, string[]>();
  if (rows.length > 0) {
    const links = await db
      .selectFrom('applicationChild as ac')
      .innerJoin('person as p', 'p.id', 'ac.personId')
      .select(['ac.applicationId', 'p.ref'])
      .where('ac.applicationId', '=', anyOf({ by: 'id', values: rows.map((r) => r.id) }))
      .execute();
    for (const link of links) {
      if (link.ref === null) continue;
      children.set(link.applicationId, [...(children.get(link.applicationId) ?? []), link.ref]);
    }
  }
  return rows.map((row) => ({
    id: row.id,
    record: canonicalRecord('applications', {
      ref: row.ref,
      person: row.personRef,
      children: children.get(row.id) ?? [],
      receivedOn: row.receivedOn,
      channel: row.channel,
      office: row.officeCode,
      consentGiven: row.consentGiven,
      consentOn: row.consentOn,
      status: row.status,
      statusChangedOn: row.statusChangedOn,
      deadline: row.deadline,
      helplineContact: row.helplineRef,
      summary: row.summary === null ? undefined : keyring.decrypt(summaryBinding(row.id), row.summary),
    }),
  }));
}

export async function loadDecisions(db: Executor, keyring: KeyRing, selection: Selection): Promise<Stored<DecisionRecord>[]> {
  if (selection.values.length === 0) return [];
  const rows = await db
    .selectFrom('decision as d')
    .innerJoin('person as p', 'p.id', 'd.personId')
    .leftJoin('application as a', 'a.id', 'd.applicationId')
    .select([
      'd.id', 'd.ref', 'a.ref as applicationRef', 'p.ref as personRef', 'd.kind', 'd.status', 'd.decidedOn', 'd.category', 'd.reason', 'd.periodStart', 'd.periodEnd',
      'd.expertGroupHeard', 'd.letterLanguage', 'd.appealLodgedOn', 'd.appealOutcome', 'd.appealDecidedOn', 'd.grounds',
    ])
    .where(`d.${selection.by}`, '=', anyOf(selection))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    record: canonicalRecord('decisions', {
      ref: row.ref,
      application: row.applicationRef,
      person: row.personRef,
      kind: row.kind,
      // A decision still being prepared (or cancelled) has no date: it never equals a file's.
      on: row.status === 'decided' ? row.decidedOn : undefined,
      category: row.category,
      reason: row.reason,
      start: row.periodStart,
      end: row.periodEnd,
      expertGroupHeard: row.expertGroupHeard,
      letterLanguage: row.letterLanguage,
      appealLodgedOn: row.appealLodgedOn,
      appealOutcome: row.appealOutcome,
      appealDecidedOn: row.appealDecidedOn,
      grounds: row.grounds === null ? undefined : keyring.decrypt(groundsBinding(row.id), row.grounds),
    }),
  }));
}

export async function loadClientships(db: Executor, selection: Selection): Promise<Stored<ClientshipRecord>[]> {
  if (selection.values.length === 0) return [];
  const rows = await db
    .selectFrom('clientship as c')
    .innerJoin('person as p', 'p.id', 'c.personId')
    .leftJoin('clientship as parent', 'parent.id', 'c.parentId')
    .select(['c.id', 'c.ref', 'p.ref as personRef', 'c.category', 'parent.ref as parentRef', 'c.startDate', 'c.endDate', 'c.endReason', 'c.officeCode'])
    .where(`c.${selection.by}`, '=', anyOf(selection))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    record: canonicalRecord('clientships', {
      ref: row.ref,
      person: row.personRef,
      category: row.category,
      parent: row.parentRef,
      start: row.startDate,
      end: row.endDate,
      endReason: row.endReason,
      office: row.officeCode,
    }),
  }));
}

export async function loadExploitations(db: Executor, selection: Selection): Promise<Stored<ExploitationRecord>[]> {
  if (selection.values.length === 0) return [];
  const rows = await db
    .selectFrom('exploitation as e')
    .innerJoin('person as p', 'p.id', 'e.personId')
    .select(['e.id', 'e.ref', 'p.ref as personRef', 'e.form', 'e.isPrimary', 'e.country', 'e.industry', 'e.residenceStatus', 'e.periodFrom', 'e.periodTo'])
    .where(`e.${selection.by}`, '=', anyOf(selection))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    record: canonicalRecord('exploitations', {
      ref: row.ref,
      person: row.personRef,
      form: row.form,
      primary: row.isPrimary,
      country: row.country,
      industry: row.industry,
      residenceStatus: row.residenceStatus,
      from: row.periodFrom,
      to: row.periodTo,
    }),
  }));
}

export async function loadServices(db: Executor, selection: Selection): Promise<Stored<ServiceRecord>[]> {
  if (selection.values.length === 0) return [];
  const rows = await db
    .selectFrom('service as s')
    .innerJoin('person as p', 'p.id', 's.personId')
    .select(['s.id', 's.ref', 'p.ref as personRef', 's.type', 's.provider', 's.startDate', 's.endDate'])
    .where(`s.${selection.by}`, '=', anyOf(selection))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    record: canonicalRecord('services', { ref: row.ref, person: row.personRef, type: row.type, provider: row.provider, start: row.startDate, end: row.endDate }),
  }));
}

export async function loadHelplineContacts(db: Executor, selection: Selection): Promise<Stored<HelplineContactRecord>[]> {
  if (selection.values.length === 0) return [];
  const rows = await db
    .selectFrom('helplineContact')
    .select(['id', 'ref', 'at', 'channel', 'caller', 'language', 'topic', 'outcome', 'officeCode'])
    .where(selection.by, '=', anyOf(selection))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    record: canonicalRecord('helplineContacts', {
      ref: row.ref,
      at: canonicalDateTime(row.at),
      channel: row.channel,
      caller: row.caller,
      language: opt(row.language),
      topic: opt(row.topic),
      outcome: row.outcome,
      office: row.officeCode,
    }),
  }));
}

/** Reads records of any kind in exchange form. */
export function loadRecords<K extends Kind>(db: Executor, keyring: KeyRing, kind: K, selection: Selection): Promise<Stored<RecordOf[K]>[]> {
  const loaders: { [L in Kind]: () => Promise<Stored<RecordOf[L]>[]> } = {
    persons: () => loadPersons(db, keyring, selection),
    applications: () => loadApplications(db, keyring, selection),
    decisions: () => loadDecisions(db, keyring, selection),
    clientships: () => loadClientships(db, selection),
    exploitations: () => loadExploitations(db, selection),
    services: () => loadServices(db, selection),
    helplineContacts: () => loadHelplineContacts(db, selection),
  };
  return loaders[kind]() as Promise<Stored<RecordOf[K]>[]>;
}

/** The table of each kind. */
export const TABLE = {
  persons: 'person',
  applications: 'application',
  decisions: 'decision',
  clientships: 'clientship',
  exploitations: 'exploitation',
  services: 'service',
  helplineContacts: 'helplineContact',
} as const satisfies Record<Kind, string>;
