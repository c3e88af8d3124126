import { randomUUID } from 'node:crypto';
import type { KeyRing } from '../../crypto/keyring.js';
import type { Executor } from '../../db/transaction.js';

/** The identifying part of a person: only ever stored encrypted. */
export interface PersonIdentity {
  givenNames: string | null;
  familyName: string | null;
  aliases: string[];
  birthDate: string | null;
  contact: { phone?: string; email?: string; address?: string } | null;
  municipality: string | null;
}

export interface PersonFacts {
  ref?: string | null;
  birthDateIsEstimate?: boolean;
  gender: string;
  nationalities: string[];
  languages?: string[];
  interpreterNeeded?: boolean;
  residenceStatus?: string;
}

type IdentityField = 'givenNames' | 'familyName' | 'aliases' | 'birthDate' | 'contact' | 'municipality';
const COLUMN: Record<IdentityField, string> = {
  givenNames: 'given_names',
  familyName: 'family_name',
  aliases: 'aliases',
  birthDate: 'birth_date',
  contact: 'contact',
  municipality: 'municipality',
};

const bind = (personId: string, field: IdentityField) => ({ table: 'person', recordId: personId, field: COLUMN[field] });

/** Encrypts each identifying field under its own binding; empty fields stay null. */
export function encryptIdentity(keyring: KeyRing, personId: string, identity: PersonIdentity) {
  const enc = (field: IdentityField, value: string | null) => (value === null || value === '' ? null : keyring.encrypt(bind(personId, field), value));
  return {
    givenNames: enc('givenNames', identity.givenNames),
    familyName: enc('familyName', identity.familyName),
    aliases: identity.aliases.length > 0 ? enc('aliases', JSON.stringify(identity.aliases)) : null,
    birthDate: enc('birthDate', identity.birthDate),
    contact: identity.contact && Object.values(identity.contact).some(Boolean) ? enc('contact', JSON.stringify(identity.contact)) : null,
    municipality: enc('municipality', identity.municipality),
  };
}

export type EncryptedIdentity = ReturnType<typeof encryptIdentity>;

export function decryptIdentity(keyring: KeyRing, personId: string, row: EncryptedIdentity): PersonIdentity {
  const dec = (field: IdentityField) => {
    const value = row[field];
    return value === null ? null : keyring.decrypt(bind(personId, field), value);
  };
  return {
    givenNames: dec('givenNames'),
    familyName: dec('familyName'),
    aliases: row.aliases ? (JSON.parse(dec('aliases')!) as string[]) : [],
    birthDate: dec('birthDate'),
    contact: row.contact ? (JSON.parse(dec('contact')!) as PersonIdentity['contact']) : null,
    municipality: dec('municipality'),
  };
}

/** Keyed hashes of each name part and of the whole name, for exact-match search. */
export function nameIndex(keyring: KeyRing, identity: Pick<PersonIdentity, 'givenNames' | 'familyName' | 'aliases'>): string[] {
  const names = [identity.givenNames, identity.familyName, ...identity.aliases].filter((n): n is string => !!n);
  const tokens = new Set<string>();
  for (const name of names) {
    tokens.add(keyring.blindIndex('person.name', name));
    for (const part of name.split(/[\s-]+/).filter(Boolean)) tokens.add(keyring.blindIndex('person.name', part));
  }
  return [...tokens];
}

export async function insertPerson(db: Executor, keyring: KeyRing, identity: PersonIdentity, facts: PersonFacts, createdBy: string | null): Promise<{ id: string; number: string }> {
  const id = randomUUID();
  const [year, month] = identity.birthDate ? identity.birthDate.split('-').map(Number) : [null, null];
  return db
    .insertInto('person')
    .values({
      id,
      ref: facts.ref ?? null,
      ...encryptIdentity(keyring, id, identity),
      nameIndex: nameIndex(keyring, identity),
      birthDateIsEstimate: facts.birthDateIsEstimate ?? false,
      birthYear: year ?? null,
      birthMonth: month ?? null,
      gender: facts.gender,
      nationalities: facts.nationalities,
      languages: facts.languages ?? [],
      interpreterNeeded: facts.interpreterNeeded ?? false,
      residenceStatus: facts.residenceStatus ?? 'unknown',
      identityErasedAt: null,
      createdBy,
      updatedBy: createdBy,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}
