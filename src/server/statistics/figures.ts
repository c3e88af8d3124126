/**
 * The figure catalogue (statistics.md §1): every number of the overview under a stable id,
 * computed by the database. The queries return counts grouped by code — never records — and
 * this module only names them, adds up margins and divides for shares.
 *
 * Four aggregate queries (and a fifth for a report's data hash) in one read-only,
 * repeatable-read transaction, so that the figures and the hash come from the same snapshot:
 *   1. applications by channel, this period and the one before;
 *   2. decisions by kind and reason, ended clientships by reason, children admitted;
 *   3. new victims (gender × age group × main nationality × exploited in Finland), their
 *      exploitation records (form × gender × in Finland × industry), and per victim exploited
 *      in Finland: repeated, residence status, forced labour (also for the period before);
 *   4. the stock on the reference date (category × gender × minor now × minor at the start).
 *
 * Publishing rules: a figure named in the catalogue is always there, 0 included; a breakdown
 * cell `….<code>` is there only when non-zero. Missing facts are counted under `unknown`
 * (age at admission, industry) so that every breakdown adds up to its base.
 */
import { sql } from 'kysely';
import { CHANNEL_GROUPS, END_REASON_GROUPS, RESIDENCE_PERMIT_STATUSES } from '../../domain/codes.js';
import { withTransaction, type Executor } from '../db/transaction.js';
import { checkThreshold, compareIds, groupSmallCategories } from './disclosure.js';
import { previousPeriod, type Period } from './period.js';

export interface Figure {
  value: number | null;
  /** value / the value of `base`, exact; absent when the base is 0. */
  share?: number;
  /** The id of the figure the share is of. */
  base?: string;
  /** For a grouped `other`: how many categories it holds. */
  members?: number;
  suppressed?: true;
}
export type FigureSet = Record<string, Figure>;

export interface FigureOptions {
  /** Disclosure threshold T: nationalities with fewer persons are grouped into `other`; 0 groups nothing. */
  threshold: number;
}

/**
 * Main nationalities never grouped into `other`: the overview names Finnish citizens in its
 * text whatever their number (and counts those exploited only abroad), so FI is always
 * published by its code; when it is under T the disclosure check lists it for confirmation.
 */
export const NATIONALITIES_ALWAYS_NAMED = ['FI'] as const;

/** What the report JSON of exchange.md §3 carries. */
export interface OverviewReport {
  report: 'overview';
  period: { year: number; half?: 1; from: string; to: string };
  threshold: number;
  dataHash: string;
  figures: FigureSet;
}

export async function computeFigures(db: Executor, period: Period, options: FigureOptions): Promise<FigureSet> {
  return (await inSnapshot(db, (tx) => figuresOf(tx, period, options))).figures;
}

/** `"sha256:<hex>"` of the non-identifying facts the figures of the period read. */
export async function computeDataHash(db: Executor, period: Period): Promise<string> {
  return inSnapshot(db, (tx) => dataHash(tx, period));
}

export async function buildReport(db: Executor, period: Period, threshold: number): Promise<OverviewReport> {
  const { figures, hash } = await inSnapshot(db, async (tx) => {
    const computed = await figuresOf(tx, period, { threshold });
    return { figures: computed.figures, hash: await dataHash(tx, period) };
  });
  return {
    report: 'overview',
    period: { year: period.year, ...(period.half ? { half: period.half } : {}), from: period.from, to: period.to },
    threshold,
    dataHash: hash,
    figures: sortById(figures),
  };
}

export function sortById(figures: FigureSet): FigureSet {
  return Object.fromEntries(Object.entries(figures).sort(([a], [b]) => compareIds(a, b)));
}

/**
 * The report's aggregate queries and its data hash alone, in one snapshot, without naming, margins, shares or
 * disclosure control: the floor the benchmark compares the whole computation with.
 */
export async function runFigureQueries(db: Executor, period: Period): Promise<number> {
  return inSnapshot(db, async (tx) => {
    const previous = previousPeriod(period);
    const rows = [
      ...(await applicationCounts(tx, period, previous)),
      ...(await decisionAndClientshipCounts(tx, period)),
      ...(await newVictimCounts(tx, period, previous)),
      ...(await stockCounts(tx, period)),
    ];
    await dataHash(tx, period);
    return rows.length;
  });
}

/** One snapshot for every statement; inside a caller's transaction, that transaction is the snapshot. */
async function inSnapshot<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return withTransaction(db, async (tx) => {
    await sql`set transaction isolation level repeatable read, read only`.execute(tx);
    return work(tx);
  });
}

// ---------------------------------------------------------------------------------------------
// The queries. Every statement returns rows of a family name, up to four key columns and a count.

interface CountRow {
  family: string;
  k1: string | null;
  k2: string | null;
  k3: string | null;
  k4: string | null;
  n: number;
}

async function applicationCounts(db: Executor, period: Period, previous: Period): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    select case when a.received_on >= ${period.from}::date then 'current' else 'previous' end as family,
           a.channel as k1, null::text as k2, null::text as k3, null::text as k4, count(*)::int as n
    from application a
    where a.received_on between ${period.from}::date and ${period.to}::date
       or a.received_on between ${previous.from}::date and ${previous.to}::date
    group by 1, 2`.execute(db);
  return rows;
}

async function decisionAndClientshipCounts(db: Executor, period: Period): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    select 'decision' as family, d.kind as k1, d.reason as k2, null::text as k3, null::text as k4, count(*)::int as n
    from decision d
    where d.status = 'decided' and d.decided_on between ${period.from}::date and ${period.to}::date
      and d.kind in ('admission', 'rejection', 'reflection_period')
    group by d.kind, d.reason
    union all
    select 'ended', c.end_reason, null, null, null, count(*)::int
    from clientship c
    where c.category in ('victim', 'assists_investigation') and c.end_date between ${period.from}::date and ${period.to}::date
    group by c.end_reason
    union all
    select 'children', null, null, null, null, count(*)::int
    from clientship c
    where c.category = 'child_of_victim' and c.start_date between ${period.from}::date and ${period.to}::date`.execute(db);
  return rows;
}

async function newVictimCounts(db: Executor, period: Period, previous: Period): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    with new_victim as (
      -- A person counts once per period, with the age of their first victim clientship in it.
      select distinct on (c.person_id, w.period) c.person_id, w.period, c.age_at_start
      from clientship c
      join (values ('current', ${period.from}::date, ${period.to}::date),
                   ('previous', ${previous.from}::date, ${previous.to}::date)) as w (period, first_day, last_day)
        on c.start_date between w.first_day and w.last_day
      where c.category = 'victim'
      order by c.person_id, w.period, c.start_date, c.id
    ),
    victim as (
      select v.person_id, v.period, v.age_at_start, p.gender, p.nationalities[1] as nationality
      from new_victim v join person p on p.id = v.person_id
    ),
    record as (
      select e.id, e.person_id, e.form, e.is_primary, e.country, e.industry, e.period_from, e.residence_status,
             v.period, v.gender
      from exploitation e join victim v on v.person_id = e.person_id
    ),
    in_finland as (
      -- One row per victim exploited in Finland, carrying the status of their primary record in
      -- Finland, else of the earliest one (less precise dates first: '2024' < '2024-03').
      select distinct on (r.period, r.person_id) r.period, r.person_id, r.gender,
             coalesce(r.residence_status, 'unknown') as residence_status,
             count(*) over (partition by r.period, r.person_id) as records,
             bool_or(r.form = 'forced_labour') over (partition by r.period, r.person_id) as forced_labour
      from record r
      where r.country = 'FI'
      order by r.period, r.person_id, r.is_primary desc, r.period_from collate "C" asc nulls last, r.id
    )
    -- Age groups as ageGroup() of domain/codes.ts has them.
    select 'victim' as family, v.gender as k1,
           case when v.age_at_start is null then 'unknown'
                when v.age_at_start < 18 then 'under_18'
                when v.age_at_start < 30 then '18_29'
                when v.age_at_start < 40 then '30_39'
                when v.age_at_start < 50 then '40_49'
                when v.age_at_start < 60 then '50_59'
                else '60_plus' end as k2,
           v.nationality as k3,
           case when f.person_id is null then 'not_in_finland' else 'in_finland' end as k4,
           count(*)::int as n
    from victim v left join in_finland f on f.person_id = v.person_id and f.period = v.period
    where v.period = 'current'
    group by 2, 3, 4, 5
    union all
    select 'record', r.form, r.gender, case when r.country = 'FI' then 'in_finland' else 'abroad' end,
           case when r.country = 'FI' and r.form = 'forced_labour' then coalesce(r.industry, 'unknown') end,
           count(*)::int
    from record r
    where r.period = 'current'
    group by 2, 3, 4, 5
    union all
    -- k4 carries two flags: 'once' or 'repeated', with ':forced_labour' when any record in Finland is.
    select 'inFinland', f.period, f.gender, f.residence_status,
           case when f.records > 1 then 'repeated' else 'once' end || case when f.forced_labour then ':forced_labour' else '' end,
           count(*)::int
    from in_finland f
    group by 2, 3, 4, 5`.execute(db);
  return rows;
}

async function stockCounts(db: Executor, period: Period): Promise<CountRow[]> {
  const refYear = Number(period.referenceDate.slice(0, 4));
  const refMonth = Number(period.referenceDate.slice(5, 7));
  const { rows } = await sql<CountRow>`
    with active as (
      -- A person counts once, in the category of their latest-starting active clientship
      -- (on the same day: victim before assists_investigation before child_of_victim).
      select distinct on (c.person_id) c.person_id, c.category, c.age_at_start
      from clientship c
      where c.start_date <= ${period.referenceDate}::date
        and (c.end_date is null or c.end_date > ${period.referenceDate}::date)
      order by c.person_id, c.start_date desc,
               case c.category when 'victim' then 0 when 'assists_investigation' then 1 else 2 end, c.id
    )
    select 'stock' as family, a.category as k1, p.gender as k2,
           -- Age on the reference date, a month end, is exact from year and month; an unknown
           -- month counts as December (exact on 31 December, the younger age on 30 June).
           case when p.birth_year is null then 'unknown'
                when ${refYear}::int - p.birth_year - case when coalesce(p.birth_month, 12) > ${refMonth}::int then 1 else 0 end < 18 then 'minor'
                else 'adult' end as k3,
           case when a.age_at_start is null then 'unknown' when a.age_at_start < 18 then 'minor' else 'adult' end as k4,
           count(*)::int as n
    from active a join person p on p.id = a.person_id
    group by 2, 3, 4, 5`.execute(db);
  return rows;
}

/**
 * The hash of the facts the period's figures read, serialised in SQL so that the same data
 * always gives the same hash on either engine: one JSON array per row, sorted byte-wise.
 * Identifying data is never part of it, so erasing identities under the retention rules does
 * not change it; records the figures do not read (other years, offices, free text) are left
 * out so that a frozen release can still be compared years later.
 */
async function dataHash(db: Executor, period: Period): Promise<string> {
  const previous = previousPeriod(period);
  const { rows } = await sql<{ hash: string }>`
    with read_clientship as (
      select c.* from clientship c
      where c.start_date between ${period.from}::date and ${period.to}::date
         or c.start_date between ${previous.from}::date and ${previous.to}::date
         or c.end_date between ${period.from}::date and ${period.to}::date
         or (c.start_date <= ${period.referenceDate}::date and (c.end_date is null or c.end_date > ${period.referenceDate}::date))
    ),
    new_victim as (
      select distinct c.person_id from read_clientship c
      where c.category = 'victim'
        and (c.start_date between ${period.from}::date and ${period.to}::date
             or c.start_date between ${previous.from}::date and ${previous.to}::date)
    ),
    line as (
      select jsonb_build_array('clientship', c.id, c.person_id, c.category, c.start_date, c.end_date, c.end_reason, c.age_at_start)::text as text
      from read_clientship c
      union all
      select jsonb_build_array('person', p.id, p.gender, p.nationalities, p.birth_year, p.birth_month)::text
      from person p where p.id in (select person_id from read_clientship)
      union all
      select jsonb_build_array('exploitation', e.id, e.person_id, e.form, e.is_primary, e.country, e.industry, e.period_from, e.residence_status)::text
      from exploitation e where e.person_id in (select person_id from new_victim)
      union all
      select jsonb_build_array('application', a.id, a.received_on, a.channel)::text
      from application a
      where a.received_on between ${period.from}::date and ${period.to}::date
         or a.received_on between ${previous.from}::date and ${previous.to}::date
      union all
      select jsonb_build_array('decision', d.id, d.kind, d.reason, d.decided_on)::text
      from decision d
      where d.status = 'decided' and d.decided_on between ${period.from}::date and ${period.to}::date
        and d.kind in ('admission', 'rejection', 'reflection_period')
    )
    select 'sha256:' || encode(sha256(convert_to(coalesce(string_agg(text, E'\n' order by text collate "C"), ''), 'UTF8')), 'hex') as hash
    from line`.execute(db);
  return rows[0]!.hash;
}

// ---------------------------------------------------------------------------------------------
// Naming the counts.

/** Sums of counts by a key, keeping only the keys that occur. */
class Tally {
  readonly counts = new Map<string, number>();
  add(key: string, n: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  total(): number {
    let t = 0;
    for (const n of this.counts.values()) t += n;
    return t;
  }
}

function tallyOf(rows: readonly CountRow[], family: string, key: (row: CountRow) => string | null, where: (row: CountRow) => boolean = () => true): Tally {
  const tally = new Tally();
  for (const row of rows) {
    if (row.family !== family || !where(row)) continue;
    const k = key(row);
    if (k !== null) tally.add(k, row.n);
  }
  return tally;
}

/** Collects figures, then gives each its share of its base once every base is known. */
class Catalogue {
  private readonly entries = new Map<string, { value: number; base?: string; members?: number }>();

  /** A figure that is always published, 0 included. */
  scalar(id: string, value: number, base?: string): void {
    this.entries.set(id, { value, ...(base ? { base } : {}) });
  }

  /** A breakdown `prefix.<code>`: every code with a non-zero value. */
  breakdown(prefix: string, tally: Tally, base?: string): void {
    for (const [code, n] of [...tally.counts].sort(([a], [b]) => compareIds(a, b))) {
      if (n > 0) this.scalar(`${prefix}.${code}`, n, base);
    }
  }

  /** A breakdown by nationality under the grouping rule of statistics.md §2. */
  nationalities(prefix: string, tally: Tally, threshold: number, base: string): void {
    const grouped = groupSmallCategories(tally.counts, threshold, { keep: NATIONALITIES_ALWAYS_NAMED });
    for (const [code, n] of grouped.named) this.scalar(`${prefix}.${code}`, n, base);
    if (grouped.other) this.entries.set(`${prefix}.other`, { value: grouped.other.value, base, members: grouped.other.members });
  }

  build(): FigureSet {
    const figures: FigureSet = {};
    for (const [id, entry] of this.entries) {
      const figure: Figure = { value: entry.value };
      const baseValue = entry.base ? (this.entries.get(entry.base)?.value ?? 0) : 0;
      if (entry.base && baseValue > 0) {
        figure.share = entry.value / baseValue;
        figure.base = entry.base;
      }
      if (entry.members !== undefined) figure.members = entry.members;
      figures[id] = figure;
    }
    return figures;
  }
}

function sumOf(tally: Tally, codes: readonly string[]): number {
  return codes.reduce((s, c) => s + tally.get(c), 0);
}

async function figuresOf(db: Executor, period: Period, options: FigureOptions): Promise<{ figures: FigureSet }> {
  checkThreshold(options.threshold);
  const threshold = options.threshold;
  const previous = previousPeriod(period);
  // One after the other: the embedded database has a single connection.
  const applications = await applicationCounts(db, period, previous);
  const decisions = await decisionAndClientshipCounts(db, period);
  const victims = await newVictimCounts(db, period, previous);
  const stock = await stockCounts(db, period);

  const c = new Catalogue();

  // Applications and decisions.
  const byChannel = tallyOf(applications, 'current', (r) => r.k1);
  c.scalar('applications.received', byChannel.total());
  c.breakdown('applications.byChannel', byChannel, 'applications.received');
  c.scalar('applications.byChannelGroup.migri', sumOf(byChannel, CHANNEL_GROUPS.migri), 'applications.received');
  const previousByChannel = tallyOf(applications, 'previous', (r) => r.k1);
  c.scalar('previous.applications.received', previousByChannel.total());
  c.scalar('previous.applications.byChannel.wellbeing_services_county', previousByChannel.get('wellbeing_services_county'), 'previous.applications.received');

  const byKind = tallyOf(decisions, 'decision', (r) => r.k1);
  c.scalar('decisions.admission', byKind.get('admission'));
  c.scalar('decisions.rejection', byKind.get('rejection'));
  c.breakdown('decisions.rejection.byReason', tallyOf(decisions, 'decision', (r) => r.k2 ?? 'unknown', (r) => r.k1 === 'rejection'), 'decisions.rejection');
  c.scalar('reflectionPeriods.granted', byKind.get('reflection_period'));

  const ended = tallyOf(decisions, 'ended', (r) => r.k1 ?? 'unknown');
  c.scalar('clientships.ended', ended.total());
  c.breakdown('clientships.ended.byReason', ended, 'clientships.ended');
  c.scalar('clientships.ended.byReasonGroup.left_or_disappeared', sumOf(ended, END_REASON_GROUPS.left_or_disappeared), 'clientships.ended');

  // New clients: rows are gender (k1) × age group (k2) × nationality (k3) × in Finland (k4).
  const all = () => true;
  const inFinland = (r: CountRow) => r.k4 === 'in_finland';
  const newVictims = tallyOf(victims, 'victim', () => 'all');
  c.scalar('newClients.victims', newVictims.total());
  c.scalar('newClients.children', tallyOf(decisions, 'children', () => 'all').total());
  c.breakdown('newClients.byGender', tallyOf(victims, 'victim', (r) => r.k1), 'newClients.victims');
  const byAge = tallyOf(victims, 'victim', (r) => r.k2);
  c.breakdown('newClients.byAgeGroup', byAge, 'newClients.victims');
  c.scalar('newClients.minors', byAge.get('under_18'), 'newClients.victims');
  const byNationality = tallyOf(victims, 'victim', (r) => r.k3, all);
  c.scalar('newClients.nationalities', byNationality.counts.size);
  c.nationalities('newClients.byNationality', byNationality, threshold, 'newClients.victims');
  c.scalar('newClients.byNationality.FI', byNationality.get('FI'), 'newClients.victims');
  c.scalar(
    'newClients.finnish.exploitedOnlyAbroad',
    tallyOf(victims, 'victim', () => 'all', (r) => r.k3 === 'FI' && !inFinland(r)).total(),
    'newClients.byNationality.FI',
  );

  // Exploitation records of new victims: form (k1) × gender (k2) × in Finland (k3) × industry (k4).
  const records = tallyOf(victims, 'record', () => 'all');
  c.scalar('exploitations.total', records.total());
  const byForm = tallyOf(victims, 'record', (r) => r.k1);
  c.breakdown('exploitations.byForm', byForm, 'exploitations.total');
  for (const form of byForm.counts.keys()) {
    c.breakdown(`exploitations.byForm.${form}.byGender`, tallyOf(victims, 'record', (r) => r.k2, (r) => r.k1 === form), `exploitations.byForm.${form}`);
  }

  // Exploitation in Finland.
  c.scalar('inFinland.victims', tallyOf(victims, 'victim', () => 'all', inFinland).total(), 'newClients.victims');
  c.breakdown('inFinland.byGender', tallyOf(victims, 'victim', (r) => r.k1, inFinland), 'inFinland.victims');
  const finlandNationalities = tallyOf(victims, 'victim', (r) => r.k3, inFinland);
  c.scalar('inFinland.nationalities', finlandNationalities.counts.size);
  c.nationalities('inFinland.byNationality', finlandNationalities, threshold, 'inFinland.victims');
  const recordsInFinland = (r: CountRow) => r.k3 === 'in_finland';
  c.scalar('inFinland.exploitations', tallyOf(victims, 'record', () => 'all', recordsInFinland).total(), 'exploitations.total');
  c.breakdown('inFinland.byForm', tallyOf(victims, 'record', (r) => r.k1, recordsInFinland), 'inFinland.exploitations');
  c.breakdown('inFinland.forcedLabour.byIndustry', tallyOf(victims, 'record', (r) => r.k4, recordsInFinland), 'inFinland.byForm.forced_labour');

  // Per victim exploited in Finland: period (k1), gender (k2), residence status (k3), repeated and forced labour (k4).
  const current = (r: CountRow) => r.k1 === 'current';
  const repeated = (r: CountRow) => current(r) && (r.k4 ?? '').startsWith('repeated');
  c.scalar('inFinland.repeatedVictims', tallyOf(victims, 'inFinland', () => 'all', repeated).total(), 'inFinland.victims');
  c.breakdown('inFinland.repeatedVictims.byGender', tallyOf(victims, 'inFinland', (r) => r.k2, repeated), 'inFinland.repeatedVictims');
  const forcedLabour = tallyOf(victims, 'inFinland', (r) => r.k1, (r) => (r.k4 ?? '').endsWith(':forced_labour'));
  c.scalar('inFinland.forcedLabour.victims', forcedLabour.get('current'), 'inFinland.victims');
  c.scalar('previous.inFinland.forcedLabour.victims', forcedLabour.get('previous'));
  const byStatus = tallyOf(victims, 'inFinland', (r) => r.k3, current);
  c.breakdown('inFinland.byResidenceStatus', byStatus, 'inFinland.victims');
  c.scalar('inFinland.byResidenceStatusGroup.residence_permit', sumOf(byStatus, RESIDENCE_PERMIT_STATUSES), 'inFinland.victims');

  // The stock: category (k1) × gender (k2) × minor on the reference date (k3) × minor at the start (k4).
  const byCategory = tallyOf(stock, 'stock', (r) => r.k1);
  c.scalar('stock.clients', byCategory.total());
  c.breakdown('stock.byCategory', byCategory, 'stock.clients');
  const stockVictim = (r: CountRow) => r.k1 === 'victim';
  c.scalar('stock.victims.minors', tallyOf(stock, 'stock', () => 'all', (r) => stockVictim(r) && r.k3 === 'minor').total(), 'stock.byCategory.victim');
  c.scalar('stock.victims.admittedAsMinors', tallyOf(stock, 'stock', () => 'all', (r) => stockVictim(r) && r.k4 === 'minor').total(), 'stock.byCategory.victim');
  c.breakdown('stock.victims.byGender', tallyOf(stock, 'stock', (r) => r.k2, stockVictim), 'stock.byCategory.victim');

  return { figures: c.build() };
}
