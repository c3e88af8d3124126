import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import type { Period } from '../period.js';
import { kAnonymise } from './k-anonymity.js';

/**
 * Microdata in the variables of IOM's Counter Trafficking Data Collaborative (CTDC, after the
 * Human Trafficking Case Data Standard): one row per registered victim of the period, with no
 * identifying data and k-anonymised (k ≥ 11, the CTDC practice) over all its variables.
 */

export const CTDC_MIN_K = 11;

/** CTDC's broad age bands, by age at registration. */
const AGE_BANDS: readonly [max: number, band: string][] = [
  [8, '0--8'],
  [17, '9--17'],
  [20, '18--20'],
  [23, '21--23'],
  [26, '24--26'],
  [29, '27--29'],
  [38, '30--38'],
  [47, '39--47'],
];

export function ageBroad(age: number | null): string | null {
  if (age === null) return null;
  return AGE_BANDS.find(([max]) => age <= max)?.[1] ?? '48+';
}

export interface CtdcRecord {
  yearOfRegistration: number;
  gender: string | null;
  ageBroad: string | null;
  citizenship: string | null;
  isForcedLabour: boolean | null;
  isSexualExploit: boolean | null;
  isForcedMarriage: boolean | null;
  isOrganRemoval: boolean | null;
  isOtherExploit: boolean | null;
  typeOfLabour: string | null;
  countryOfExploitation: string | null;
}
type Variable = Exclude<keyof CtdcRecord, never>;

export const CTDC_COLUMNS: readonly Variable[] = [
  'yearOfRegistration',
  'gender',
  'ageBroad',
  'citizenship',
  'isForcedLabour',
  'isSexualExploit',
  'isForcedMarriage',
  'isOrganRemoval',
  'isOtherExploit',
  'typeOfLabour',
  'countryOfExploitation',
];

/** What is suppressed first for a record in too small a group: the rarest, most telling values first. */
const SUPPRESSION_ORDER: readonly (readonly Variable[])[] = [
  ['typeOfLabour'],
  ['citizenship'],
  ['countryOfExploitation'],
  ['ageBroad'],
  ['isForcedLabour', 'isSexualExploit', 'isForcedMarriage', 'isOrganRemoval', 'isOtherExploit'],
  ['gender'],
];

export interface CtdcExport {
  standard: 'ctdc';
  period: Period;
  k: number;
  /** Registered victims of the period, before anonymisation. */
  victims: number;
  dropped: number;
  suppressedValues: number;
  records: CtdcRecord[];
}

interface Row {
  gender: string;
  age: number | null;
  citizenship: string;
  forms: string[] | null;
  industry: string | null;
  country: string | null;
}

export async function ctdcExport(db: Executor, period: Period, k = CTDC_MIN_K): Promise<CtdcExport> {
  if (!Number.isInteger(k) || k < CTDC_MIN_K) throw new RangeError(`k must be a whole number of at least ${CTDC_MIN_K}`);
  const { rows } = await sql<Row>`
    with new_victim as (
      select distinct on (c.person_id) c.person_id, c.age_at_start
      from clientship c
      where c.category = 'victim' and c.start_date between ${period.from}::date and ${period.to}::date
      order by c.person_id, c.start_date, c.id
    ),
    primary_record as (
      select distinct on (e.person_id) e.person_id, e.country, e.industry
      from exploitation e join new_victim v on v.person_id = e.person_id
      order by e.person_id, e.is_primary desc, e.period_from collate "C" asc nulls last, e.id
    ),
    forms as (
      select e.person_id, array_agg(distinct e.form) as forms
      from exploitation e join new_victim v on v.person_id = e.person_id
      group by e.person_id
    )
    select p.gender, v.age_at_start as age, p.nationalities[1] as citizenship, f.forms, r.industry, r.country
    from new_victim v
    join person p on p.id = v.person_id
    left join primary_record r on r.person_id = v.person_id
    left join forms f on f.person_id = v.person_id
    order by p.id`.execute(db);

  const records: CtdcRecord[] = rows.map((r) => {
    const forms = r.forms ?? [];
    const known = forms.length > 0;
    const other = forms.some((f) => !['forced_labour', 'sexual_exploitation', 'forced_marriage', 'organ_removal'].includes(f));
    return {
      yearOfRegistration: period.year,
      gender: r.gender === 'unknown' ? null : r.gender,
      ageBroad: ageBroad(r.age),
      citizenship: r.citizenship === 'ZZ' ? null : r.citizenship,
      isForcedLabour: known ? forms.includes('forced_labour') : null,
      isSexualExploit: known ? forms.includes('sexual_exploitation') : null,
      isForcedMarriage: known ? forms.includes('forced_marriage') : null,
      isOrganRemoval: known ? forms.includes('organ_removal') : null,
      isOtherExploit: known ? other : null,
      typeOfLabour: forms.includes('forced_labour') ? r.industry : null,
      countryOfExploitation: r.country,
    };
  });
  const anonymised = kAnonymise<Variable, CtdcRecord & Record<Variable, string | number | boolean | null>>(records, SUPPRESSION_ORDER, k);
  // Sorted so that row order says nothing about the register's order.
  const sorted = anonymised.records.sort((a, b) => JSON.stringify(CTDC_COLUMNS.map((c) => a[c])).localeCompare(JSON.stringify(CTDC_COLUMNS.map((c) => b[c]))));
  return { standard: 'ctdc', period, k, victims: records.length, dropped: anonymised.dropped, suppressedValues: anonymised.suppressedValues, records: sorted };
}
