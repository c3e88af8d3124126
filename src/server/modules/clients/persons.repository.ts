import { randomUUID } from 'node:crypto';
import type { KeyRing } from '../../crypto/keyring.js';
import type { Executor } from '../../db/transaction.js';
import { nameParts, skeleton, soundKeys } from './name-match.js';
import type { PersonChange, PersonInput } from './person.schema.js';

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

/**
 * Keyed hashes for search without decrypting: each name and name part as typed, each part
 * folded to Latin without diacritics, each part's sound keys and consonant skeleton (see name-match.ts). A search
 * computes the same tokens and looks for any overlap; the hashes reveal no name.
 */
export function nameIndex(keyring: KeyRing, identity: Pick<PersonIdentity, 'givenNames' | 'familyName' | 'aliases'>): string[] {
  const names = [identity.givenNames, identity.familyName, ...identity.aliases].filter((n): n is string => !!n);
  const tokens = new Set<string>();
  for (const name of names) {
    tokens.add(keyring.blindIndex('person.name', name));
    for (const part of name.split(/[\s-]+/).filter(Boolean)) tokens.add(keyring.blindIndex('person.name', part));
    for (const token of searchTokens(keyring, name)) tokens.add(token);
  }
  return [...tokens];
}

/** The tolerant tokens of a name: folded parts and their sound keys. */
export function searchTokens(keyring: KeyRing, name: string): string[] {
  const tokens: string[] = [];
  for (const part of nameParts(name)) {
    tokens.push(keyring.blindIndex('person.name.part', part));
    for (const key of soundKeys(part)) tokens.push(keyring.blindIndex('person.name.sound', key));
    if (part.length >= 3) tokens.push(keyring.blindIndex('person.name.skeleton', skeleton(part)));
  }
  return tokens;
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

/** Splits what staff typed into the identifying part (to encrypt) and the facts. */
export function identityOf(input: PersonInput): PersonIdentity {
  return {
    givenNames: input.givenNames || null,
    familyName: input.familyName || null,
    aliases: input.aliases,
    birthDate: input.birthDate,
    contact: input.contact,
    municipality: input.municipality || null,
  };
}

export function createPerson(db: Executor, keyring: KeyRing, input: PersonInput, createdBy: string | null) {
  return insertPerson(db, keyring, identityOf(input), input, createdBy);
}

/**
 * Applies a change to a person: identity fields are decrypted, changed and encrypted again
 * (with a fresh name index); facts are written as they are. Returns false when the person is gone.
 */
export async function updatePerson(db: Executor, keyring: KeyRing, personId: string, change: PersonChange, updatedBy: string | null): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select(['givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality', 'birthDateIsEstimate', 'gender', 'nationalities', 'languages', 'interpreterNeeded', 'residenceStatus'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!row) return false;
  const current = decryptIdentity(keyring, personId, row);
  const identity: PersonIdentity = {
    givenNames: change.givenNames !== undefined ? change.givenNames || null : current.givenNames,
    familyName: change.familyName !== undefined ? change.familyName || null : current.familyName,
    aliases: change.aliases ?? current.aliases,
    birthDate: change.birthDate !== undefined ? change.birthDate : current.birthDate,
    contact: change.contact !== undefined ? change.contact : current.contact,
    municipality: change.municipality !== undefined ? change.municipality || null : current.municipality,
  };
  const [year, month] = identity.birthDate ? identity.birthDate.split('-').map(Number) : [null, null];
  await db
    .updateTable('person')
    .set({
      ...encryptIdentity(keyring, personId, identity),
      nameIndex: nameIndex(keyring, identity),
      birthYear: year ?? null,
      birthMonth: month ?? null,
      birthDateIsEstimate: change.birthDateIsEstimate ?? row.birthDateIsEstimate,
      gender: change.gender ?? row.gender,
      nationalities: change.nationalities ?? row.nationalities,
      languages: change.languages ?? row.languages,
      interpreterNeeded: change.interpreterNeeded ?? row.interpreterNeeded,
      residenceStatus: change.residenceStatus ?? row.residenceStatus,
      updatedBy,
      updatedAt: new Date(),
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', personId)
    .execute();
  return true;
}
