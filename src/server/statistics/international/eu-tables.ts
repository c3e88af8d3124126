import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import { suppressTable, type SuppressedTable } from '../disclosure.js';
import type { Period } from '../period.js';

/**
 * The EU's data collection on trafficking in human beings (Eurostat): registered victims of the
 * period by sex, age group, citizenship group and form of exploitation, as two-way tables with
 * the disclosure control of statistics.md §2 (primary and secondary suppression).
 *
 * "Registered victims" are the overview's new victims: persons whose first `victim` clientship
 * of the period starts in it. Form is that of the person's primary exploitation record.
 */

/** Member states of the European Union, ISO 3166-1 alpha-2 (since 1 February 2020). */
export const EU_MEMBER_STATES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'] as const;
export const REPORTING_COUNTRY = 'FI';

export const EU_SEXES = ['female', 'male', 'unknown'] as const;
export const EU_AGE_GROUPS = ['0_11', '12_17', '18_plus', 'unknown'] as const;
export const EU_CITIZENSHIP_GROUPS = ['reporting_country', 'other_eu', 'non_eu', 'unknown'] as const;
export const EU_FORMS = ['sexual_exploitation', 'labour_exploitation', 'organ_removal', 'other_forms', 'unknown'] as const;

type Dimension = 'age' | 'citizenship' | 'form';
const COLUMNS: Record<Dimension, readonly string[]> = { age: EU_AGE_GROUPS, citizenship: EU_CITIZENSHIP_GROUPS, form: EU_FORMS };

export interface EuTable {
  id: 'bySexAndAge' | 'bySexAndCitizenship' | 'bySexAndForm';
  rows: readonly string[];
  columns: readonly string[];
  table: SuppressedTable;
}

export interface EuTables {
  standard: 'eu-thb';
  period: Period;
  threshold: number;
  tables: EuTable[];
}

interface Row {
  sex: string;
  age: string;
  citizenship: string;
  form: string;
  n: number;
}

/** One aggregate query: registered victims by sex × age group × citizenship group × form. */
async function counts(db: Executor, period: Period): Promise<Row[]> {
  const { rows } = await sql<Row>`
    with new_victim as (
      select distinct on (c.person_id) c.person_id, c.age_at_start
      from clientship c
      where c.category = 'victim' and c.start_date between ${period.from}::date and ${period.to}::date
      order by c.person_id, c.start_date, c.id
    ),
    primary_form as (
      select distinct on (e.person_id) e.person_id, e.form
      from exploitation e join new_victim v on v.person_id = e.person_id
      order by e.person_id, e.is_primary desc, e.period_from collate "C" asc nulls last, e.id
    )
    select case when p.gender in ('female', 'male') then p.gender else 'unknown' end as sex,
           case when v.age_at_start is null then 'unknown'
                when v.age_at_start < 12 then '0_11'
                when v.age_at_start < 18 then '12_17'
                else '18_plus' end as age,
           case when p.nationalities[1] = ${REPORTING_COUNTRY} then 'reporting_country'
                when p.nationalities[1] = any(${sql.val([...EU_MEMBER_STATES])}::text[]) then 'other_eu'
                when p.nationalities[1] in ('ZZ') then 'unknown'
                else 'non_eu' end as citizenship,
           case when f.form is null then 'unknown'
                when f.form = 'sexual_exploitation' then 'sexual_exploitation'
                when f.form = 'forced_labour' then 'labour_exploitation'
                when f.form = 'organ_removal' then 'organ_removal'
                else 'other_forms' end as form,
           count(*)::int as n
    from new_victim v join person p on p.id = v.person_id left join primary_form f on f.person_id = v.person_id
    group by 1, 2, 3, 4`.execute(db);
  return rows;
}

function crossTable(rows: readonly Row[], dimension: Dimension, threshold: number): Omit<EuTable, 'id'> {
  const columns = COLUMNS[dimension];
  const cells = EU_SEXES.map((sex) => columns.map((column) => rows.filter((r) => r.sex === sex && r[dimension] === column).reduce((sum, r) => sum + Number(r.n), 0)));
  return { rows: EU_SEXES, columns, table: suppressTable({ cells }, threshold) };
}

export async function computeEuTables(db: Executor, period: Period, threshold: number): Promise<EuTables> {
  const rows = await counts(db, period);
  return {
    standard: 'eu-thb',
    period,
    threshold,
    tables: [
      { id: 'bySexAndAge', ...crossTable(rows, 'age', threshold) },
      { id: 'bySexAndCitizenship', ...crossTable(rows, 'citizenship', threshold) },
      { id: 'bySexAndForm', ...crossTable(rows, 'form', threshold) },
    ],
  };
}
