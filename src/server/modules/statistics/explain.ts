import { sql, type Expression, type SqlBool } from 'kysely';
import { END_REASON_GROUPS } from '../../../domain/codes.js';
import type { Executor } from '../../db/transaction.js';
import type { Period } from '../../statistics/period.js';

export interface ExplainedRecord {
  /** The record's short reference (C-00318, A-2025-0042): pseudonymous, no identifying data. */
  ref: string;
  personId: string;
  facts: Record<string, string | number | null>;
}

const AGE_BOUNDS: Record<string, [number, number]> = { under_18: [0, 17], '18_29': [18, 29], '30_39': [30, 39], '40_49': [40, 49], '50_59': [50, 59], '60_plus': [60, 200] };

/**
 * The records behind a figure, for the statistician to check a number before publishing: the
 * same conditions as the figure's SQL, returning references and facts instead of a count.
 * Returns null for figures that cannot be explained record by record.
 */
export async function explainFigure(db: Executor, id: string, period: Period): Promise<ExplainedRecord[] | null> {
  const { from, to, referenceDate } = period;
  const parts = id.split('.');
  const [family, kind, code] = parts;

  if (family === 'applications' && (kind === 'received' || kind === 'byChannel')) {
    const rows = await db
      .selectFrom('application as a')
      .innerJoin('person as p', 'p.id', 'a.personId')
      .select(['a.number as ref', 'a.personId', 'a.channel', 'a.status', 'p.gender'])
      .where('a.receivedOn', '>=', from)
      .where('a.receivedOn', '<=', to)
      .$if(kind === 'byChannel', (q) => q.where('a.channel', '=', code ?? ''))
      .orderBy('a.number')
      .execute();
    return rows.map((r) => ({ ref: r.ref, personId: r.personId, facts: { channel: r.channel, status: r.status, gender: r.gender } }));
  }

  if (family === 'decisions' || family === 'reflectionPeriods') {
    const decisionKind = family === 'reflectionPeriods' ? 'reflection_period' : kind;
    if (!decisionKind || !['admission', 'rejection', 'reflection_period'].includes(decisionKind)) return null;
    const rows = await db
      .selectFrom('decision as d')
      .innerJoin('person as p', 'p.id', 'd.personId')
      .select(['p.number as ref', 'd.personId', 'd.kind', 'd.reason', 'd.decidedOn'])
      .where('d.status', '=', 'decided')
      .where('d.kind', '=', decisionKind as 'admission')
      .where('d.decidedOn', '>=', from)
      .where('d.decidedOn', '<=', to)
      .$if(parts[2] === 'byReason', (q) => q.where('d.reason', '=', parts[3] ?? ''))
      .orderBy('p.number')
      .execute();
    return rows.map((r) => ({ ref: r.ref, personId: r.personId, facts: { kind: r.kind, reason: r.reason, decidedOn: r.decidedOn } }));
  }

  if (family === 'clientships' && kind === 'ended') {
    // null: every reason; undefined: a breakdown this cannot explain.
    const groups: Record<string, readonly string[] | undefined> = END_REASON_GROUPS;
    const reasons = parts.length === 2 ? null : parts[2] === 'byReason' ? [parts[3] ?? ''] : parts[2] === 'byReasonGroup' ? groups[parts[3] ?? ''] : undefined;
    if (reasons === undefined) return null;
    const rows = await db
      .selectFrom('clientship as c')
      .innerJoin('person as p', 'p.id', 'c.personId')
      .select(['p.number as ref', 'c.personId', 'c.category', 'c.endReason', 'c.endDate'])
      .where('c.category', 'in', ['victim', 'assists_investigation'])
      .where('c.endDate', '>=', from)
      .where('c.endDate', '<=', to)
      .$if(reasons !== null, (q) => q.where('c.endReason', 'in', [...reasons!]))
      .orderBy('p.number')
      .execute();
    return rows.map((r) => ({ ref: r.ref, personId: r.personId, facts: { category: r.category, endReason: r.endReason, endDate: r.endDate } }));
  }

  if (family === 'newClients' && kind !== 'nationalities' && kind !== 'finnish') {
    const category = kind === 'children' ? 'child_of_victim' : 'victim';
    let filter: Expression<SqlBool> = sql<boolean>`true`;
    if (kind === 'byGender') filter = sql<boolean>`p.gender = ${code}`;
    else if (kind === 'byAgeGroup' && code && AGE_BOUNDS[code]) filter = sql<boolean>`c.age_at_start between ${AGE_BOUNDS[code]![0]} and ${AGE_BOUNDS[code]![1]}`;
    else if (kind === 'minors') filter = sql<boolean>`c.age_at_start < 18`;
    else if (kind === 'byNationality' && code && code !== 'other') filter = sql<boolean>`p.nationalities[1] = ${code}`;
    else if (kind !== 'victims' && kind !== 'children') return null;
    const rows = await db
      .selectFrom('clientship as c')
      .innerJoin('person as p', 'p.id', 'c.personId')
      .select(['p.number as ref', 'c.personId', 'p.gender', 'c.ageAtStart', sql<string>`p.nationalities[1]`.as('nationality'), 'c.startDate'])
      .where('c.category', '=', category)
      .where('c.startDate', '>=', from)
      .where('c.startDate', '<=', to)
      .where(() => filter)
      .orderBy('p.number')
      .execute();
    return rows.map((r) => ({ ref: r.ref, personId: r.personId, facts: { gender: r.gender, ageAtStart: r.ageAtStart, nationality: r.nationality, startDate: r.startDate } }));
  }

  if (family === 'stock' && (kind === 'clients' || kind === 'byCategory' || (kind === 'victims' && parts[2] === 'byGender'))) {
    const rows = await db
      .selectFrom('clientship as c')
      .innerJoin('person as p', 'p.id', 'c.personId')
      .select(['p.number as ref', 'c.personId', 'c.category', 'p.gender', 'c.startDate'])
      .distinctOn('p.number')
      .where('c.startDate', '<=', referenceDate)
      .where((eb) => eb.or([eb('c.endDate', 'is', null), eb('c.endDate', '>', referenceDate)]))
      .$if(kind === 'byCategory', (q) => q.where('c.category', '=', (code ?? '') as 'victim'))
      .$if(kind === 'victims', (q) => q.where('c.category', '=', 'victim').where('p.gender', '=', parts[3] ?? ''))
      .orderBy('p.number')
      .orderBy('c.startDate', 'desc')
      .execute();
    return rows.map((r) => ({ ref: r.ref, personId: r.personId, facts: { category: r.category, gender: r.gender, startDate: r.startDate } }));
  }
  return null;
}
