import { sql } from 'kysely';
import type { KeyRing } from '../../crypto/keyring.js';
import type { Executor } from '../../db/transaction.js';
import { maskedNames } from './mask.js';
import { nameSimilarity } from './name-match.js';
import { decryptIdentity, searchTokens } from './persons.repository.js';

export interface SimilarPersonQuery {
  givenNames?: string | null;
  familyName?: string | null;
  birthDate?: string | null;
  nationalities?: string[];
  /** Persons not to offer, e.g. the applicant themself. */
  excludeIds?: string[];
}

export interface SimilarPerson {
  id: string;
  number: string;
  masked: { givenNames: string | null; familyName: string | null };
  birthYear: number | null;
  gender: string;
  nationalities: string[];
  /** 0–100: how alike the records are. */
  score: number;
  /** What matched: `name`, `birth_date`, `birth_year`, `nationality`. */
  matches: ('name' | 'birth_date' | 'birth_year' | 'nationality')[];
}

/** Candidates read at most; enough for a register of hundreds of thousands of persons. */
const CANDIDATES = 200;
/** Below this a record is not offered as a possible duplicate. */
const MIN_SCORE = 55;

/**
 * Persons who may be the one being registered: a name that sounds or folds alike (any script,
 * diacritics, typos), or the same birth month with a shared nationality. Candidates are found
 * through the keyed name index and plain facts; only they are decrypted, to score them.
 */
export async function findSimilarPersons(db: Executor, keyring: KeyRing, query: SimilarPersonQuery, limit = 10): Promise<SimilarPerson[]> {
  const fullName = [query.givenNames, query.familyName].filter(Boolean).join(' ');
  const tokens = fullName ? searchTokens(keyring, fullName) : [];
  const [year, month] = query.birthDate ? query.birthDate.split('-').map(Number) : [null, null];
  const nationalities = (query.nationalities ?? []).filter((n) => n !== 'ZZ');
  if (tokens.length === 0 && !(year && nationalities.length > 0)) return [];

  const rows = await db
    .selectFrom('person')
    .select(['id', 'number', 'givenNames', 'familyName', 'aliases', 'birthDate', 'contact', 'municipality', 'birthYear', 'gender', 'nationalities'])
    .where('identityErasedAt', 'is', null)
    .where((eb) => {
      const ors = [];
      if (tokens.length > 0) ors.push(sql<boolean>`${eb.ref('nameIndex')} && ${sql.val(tokens)}::text[]`);
      if (year && month && nationalities.length > 0) {
        ors.push(eb.and([eb('birthYear', '=', year), eb('birthMonth', '=', month), sql<boolean>`${eb.ref('nationalities')} && ${sql.val(nationalities)}::text[]`]));
      }
      return eb.or(ors);
    })
    .$if((query.excludeIds ?? []).length > 0, (qb) => qb.where('id', 'not in', query.excludeIds!))
    .limit(CANDIDATES)
    .execute();

  const scored: SimilarPerson[] = [];
  for (const row of rows) {
    const identity = decryptIdentity(keyring, row.id, row);
    const names = [[identity.givenNames, identity.familyName].filter(Boolean).join(' '), ...identity.aliases].filter(Boolean);
    const byName = fullName ? Math.max(0, ...names.map((n) => nameSimilarity(fullName, n))) : 0;
    const matches: SimilarPerson['matches'] = [];
    let score = byName * 70;
    if (byName >= 0.8) matches.push('name');
    if (query.birthDate && identity.birthDate) {
      if (identity.birthDate === query.birthDate) {
        score += 25;
        matches.push('birth_date');
      } else if (row.birthYear === year) {
        score += 10;
        matches.push('birth_year');
      } else {
        score -= 15;
      }
    }
    if (nationalities.some((n) => row.nationalities.includes(n))) {
      score += 10;
      matches.push('nationality');
    }
    if (!fullName) score += 30; // no name typed: birth month and nationality are all there is
    const rounded = Math.max(0, Math.min(100, Math.round(score)));
    if (rounded < MIN_SCORE) continue;
    scored.push({
      id: row.id,
      number: row.number,
      masked: maskedNames(identity),
      birthYear: row.birthYear,
      gender: row.gender,
      nationalities: row.nationalities,
      score: rounded,
      matches,
    });
  }
  return scored.sort((a, b) => b.score - a.score || a.number.localeCompare(b.number)).slice(0, limit);
}
