/**
 * The demo data set: a fictitious register of the assistance system from 2006 to 2025, the
 * same on every run (seeded). The 2025 part is built from the count tables of tables2025.ts so
 * that the 2025 overview prints every number of the published one; the years before it are
 * drawn from the kinds of cases in profiles.ts, with the few numbers the 2025 overview compares
 * with (2024) fixed.
 *
 * Assists-investigation clients: every admission of 2025 is of a victim (271 admissions, 271
 * new victims). The 93 assists-investigation clients of 31 December 2025 were admitted in
 * earlier years and stay clients while the criminal proceedings last; some of their
 * clientships end in 2025 and are counted among the 169 ended.
 *
 * Nothing here touches the database or the keys: load.ts encrypts and inserts.
 */
import { addMonths, ageOn, mayHaveReflectionPeriod } from '../../domain/codes.js';
import { EU_NATIONALITIES, cultureOf, languagesOf, MUNICIPALITIES } from './names.js';
import { ASSISTS_INVESTIGATION_NATS, ASSISTS_INVESTIGATION_STATUS, PROFILES, era, profileWeights, statusFor, type PlannedRecord, type ProfileId } from './profiles.js';
import { Rng, addDays, allocate, assignByQuota, at, daysBetween, maxDate, minDate } from './random.js';
import { APPLICATIONS_2025, FREE_AGE_GROUPS_2025, IN_FINLAND_2025, ONLY_ABROAD_2025, STOCK_2025, type Gender, type Row } from './tables2025.js';

export const DEMO_SEED = 20_060_501;
export const DEMO_FIRST_YEAR = 2006;
export const DEMO_YEAR = 2025;
/** The last day of the register: nothing is dated after it. */
export const DEMO_HORIZON = '2025-12-31';

/** New victims and new assists-investigation clients per year before 2025. */
const HISTORY: readonly (readonly [year: number, victims: number, assists: number])[] = [
  [2006, 10, 0],
  [2007, 14, 1],
  [2008, 20, 2],
  [2009, 28, 3],
  [2010, 38, 4],
  [2011, 50, 5],
  [2012, 62, 6],
  [2013, 75, 8],
  [2014, 90, 9],
  [2015, 110, 11],
  [2016, 135, 13],
  [2017, 160, 15],
  [2018, 180, 17],
  [2019, 200, 18],
  [2020, 165, 15],
  [2021, 205, 20],
  [2022, 225, 22],
  [2023, 250, 25],
  [2024, 262, 27],
];

/** 2024, which the 2025 overview compares with: victims of forced labour in Finland, and the wellbeing services counties' share of applications (4 %). */
const FORCED_LABOUR_IN_FINLAND_2024 = 54;
const WELLBEING_SHARE_2024 = 0.0395;

// ---------------------------------------------------------------------------------------------
// The rows, as load.ts inserts them.

export interface DemoIdentity {
  givenNames: string;
  familyName: string;
  aliases: string[];
  birthDate: string;
  municipality: string | null;
}

export interface DemoPerson {
  id: string;
  number: string;
  identity: DemoIdentity;
  birthDateIsEstimate: boolean;
  birthYear: number;
  birthMonth: number;
  gender: Gender;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  residenceStatus: string;
  createdAt: Date;
}

export interface DemoHelplineContact {
  id: string;
  at: Date;
  channel: string;
  caller: string;
  language: string | null;
  outcome: string;
}

export type ApplicationStatus = 'under_assessment' | 'decided' | 'withdrawn' | 'lapsed';

export interface DemoApplication {
  id: string;
  number: string;
  personId: string;
  receivedOn: string;
  channel: string;
  consentGiven: boolean | null;
  consentOn: string | null;
  officeCode: string;
  status: ApplicationStatus;
  statusChangedOn: string;
  deadline: string;
  helplineContactId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoApplicationChild {
  applicationId: string;
  personId: string;
}

export interface DemoStatusChange {
  id: string;
  applicationId: string;
  fromStatus: string | null;
  toStatus: string;
  at: Date;
}

export type DecisionKind = 'admission' | 'rejection' | 'reflection_period' | 'extension' | 'termination';

export interface DemoDecision {
  id: string;
  applicationId: string | null;
  personId: string;
  kind: DecisionKind;
  decidedOn: string;
  reason: string | null;
  expertGroupHeard: boolean;
  category: 'victim' | 'assists_investigation' | null;
  periodStart: string | null;
  periodEnd: string | null;
  letterLanguage: 'fi' | 'sv' | 'en';
  appealLodgedOn: string | null;
  appealOutcome: 'pending' | 'upheld' | 'withdrawn' | null;
  appealDecidedOn: string | null;
  createdAt: Date;
}

export type Category = 'victim' | 'child_of_victim' | 'assists_investigation';

export interface DemoClientship {
  id: string;
  personId: string;
  category: Category;
  parentId: string | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  officeCode: string;
  ageAtStart: number;
  createdAt: Date;
}

export interface DemoExploitation {
  id: string;
  personId: string;
  form: string;
  isPrimary: boolean;
  country: string;
  industry: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  residenceStatus: string | null;
  createdAt: Date;
}

export interface DemoService {
  id: string;
  personId: string;
  type: string;
  provider: string;
  startDate: string;
  endDate: string | null;
  createdAt: Date;
}

export interface DemoDataSet {
  persons: DemoPerson[];
  helplineContacts: DemoHelplineContact[];
  applications: DemoApplication[];
  applicationChildren: DemoApplicationChild[];
  statusChanges: DemoStatusChange[];
  decisions: DemoDecision[];
  clientships: DemoClientship[];
  exploitations: DemoExploitation[];
  services: DemoService[];
}

// ---------------------------------------------------------------------------------------------
// The plan: cases (applications with their outcome) and the persons in them.

interface PersonPlan {
  id: string;
  nat: string;
  gender: Gender;
  status: string;
  profile: ProfileId | 'assists' | 'child';
  records: PlannedRecord[];
  minorOk: boolean;
  /** Age on the reference date: the clientship start, or the application's receipt. */
  age: number | null;
  /** Birth years allowed, where a figure depends on it (under 18 on 31 December 2025 or not). */
  birthYears: readonly [number, number] | null;
  birth: { date: string; estimate: boolean } | null;
}

type NewPerson = (fields: Omit<PersonPlan, 'id' | 'birth' | 'birthYears' | 'age'> & Partial<Pick<PersonPlan, 'age' | 'birthYears'>>) => PersonPlan;

type Outcome = 'admission' | 'rejection' | 'withdrawn' | 'lapsed' | 'open';
type Fate = 'active' | 'ended2025' | 'ended';

interface CasePlan {
  id: string;
  /** Year of the decision for admissions and rejections, of receipt otherwise. */
  cohort: number;
  outcome: Outcome;
  category: 'victim' | 'assists_investigation' | null;
  rejectionReason: string | null;
  person: PersonPlan;
  children: PersonPlan[];
  receivedOn: string;
  closedOn: string | null;
  channel: string;
  office: string;
  seasonal: boolean;
  consentGiven: boolean | null;
  consentOn: string | null;
  clientshipId: string | null;
  fate: Fate | null;
  endOn: string | null;
  endReason: string | null;
  reflection: { decidedOn: string; months: number; extension: { decidedOn: string; months: number } | null } | null;
  helplineContactId: string | null;
}

const YOUNG_FORMS = new Set(['sexual_exploitation', 'forced_marriage', 'criminal_activities', 'begging']);
const MUNICIPAL_STATUSES = new Set(['finnish_citizen', 'eu_citizen', 'seasonal_work_permit', 'worker_permit', 'family_permit', 'student_permit', 'international_protection', 'temporary_protection', 'other_permit']);

const ADULT_AGES: readonly (readonly [readonly [number, number], number])[] = [
  [[18, 29], 45],
  [[30, 39], 32],
  [[40, 49], 16],
  [[50, 59], 5.5],
  [[60, 68], 1.5],
];

function adultAge(rng: Rng): number {
  const [min, max] = rng.weighted(ADULT_AGES);
  return rng.int(min, max);
}

const isAdmission = (c: CasePlan) => c.outcome === 'admission';
const isVictim = (c: CasePlan) => c.outcome === 'admission' && c.category === 'victim';
const primaryOf = (p: PersonPlan) => p.records.find((r) => r.primary) ?? null;
const inFinland = (p: PersonPlan) => p.records.some((r) => r.country === 'FI');

function profileOfRecords(records: readonly PlannedRecord[]): ProfileId {
  const primary = records[0]!;
  const fi = primary.country === 'FI';
  switch (primary.form) {
    case 'forced_labour':
      return fi ? 'fl_fi' : primary.industry === 'domestic_work' ? 'domestic_abroad' : 'fl_abroad';
    case 'sexual_exploitation':
      return fi ? 'se_fi' : 'se_abroad';
    case 'forced_marriage':
      return fi ? 'fm_fi' : 'fm_abroad';
    case 'criminal_activities':
      return fi ? 'ca_fi' : 'ca_abroad';
    case 'begging':
      return 'begging';
    default:
      return 'other';
  }
}

// ---------------------------------------------------------------------------------------------

export function generateDemo(seed: number = DEMO_SEED): DemoDataSet {
  const rng = new Rng(seed);
  const cases: CasePlan[] = [];

  const newPerson: NewPerson = (fields) => ({
    id: rng.uuid(),
    age: null,
    birthYears: null,
    birth: null,
    ...fields,
  });

  const newCase = (cohort: number, outcome: Outcome, person: PersonPlan, fields: Partial<CasePlan> = {}): CasePlan => {
    const c: CasePlan = {
      id: rng.uuid(),
      cohort,
      outcome,
      category: null,
      rejectionReason: null,
      person,
      children: [],
      receivedOn: '',
      closedOn: null,
      channel: '',
      office: '',
      seasonal: false,
      consentGiven: null,
      consentOn: null,
      clientshipId: null,
      fate: null,
      endOn: null,
      endReason: null,
      reflection: null,
      helplineContactId: null,
      ...fields,
    };
    cases.push(c);
    return c;
  };

  /** A person applied for who did not become a client (or not yet): looks like the year's applicants. */
  const applicant = (year: number): PersonPlan => {
    const profileId = rng.weighted(profileWeights(year));
    const profile = PROFILES[profileId];
    const gender: Gender = rng.chance(profile.pFemale) ? 'female' : 'male';
    const nat = rng.chance(0.06) ? 'FI' : rng.weighted(profile.nationalities(year));
    const industry = profileId === 'fl_fi' ? rng.pick(['restaurant', 'agriculture', 'construction', 'cleaning']) : null;
    return newPerson({ nat, gender, status: profile.status(rng, year, nat, industry), profile: profileId, records: [], minorOk: profile.minorOk, age: rng.chance(0.03) ? rng.int(15, 17) : adultAge(rng) });
  };

  // --- 2025: the new victims from the count tables. ---
  const victims2025 = expandRows(rng, [...IN_FINLAND_2025, ...ONLY_ABROAD_2025], newPerson);
  if (victims2025.length !== 271) throw new Error(`the 2025 tables give ${victims2025.length} new victims, not 271`);
  assignFreeAges2025(rng, victims2025);
  for (const person of victims2025) newCase(DEMO_YEAR, 'admission', person, { category: 'victim', seasonal: person.status === 'seasonal_work_permit' });

  // --- 2025: the other applications. ---
  for (const [reason, count] of Object.entries(APPLICATIONS_2025.rejections)) {
    for (let n = 0; n < count; n++) newCase(DEMO_YEAR, 'rejection', applicant(DEMO_YEAR), { rejectionReason: reason });
  }
  for (let n = 0; n < APPLICATIONS_2025.open; n++) newCase(DEMO_YEAR, 'open', applicant(DEMO_YEAR));
  for (let n = 0; n < APPLICATIONS_2025.withdrawn; n++) newCase(DEMO_YEAR, 'withdrawn', applicant(DEMO_YEAR));
  for (let n = 0; n < APPLICATIONS_2025.lapsed; n++) newCase(DEMO_YEAR, 'lapsed', applicant(DEMO_YEAR));

  // --- 2006–2024. ---
  for (const [year, victims, assists] of HISTORY) {
    const weights = profileWeights(year).filter(([, w]) => w > 0);
    const quota =
      year === 2024
        ? new Map<ProfileId, number>([['fl_fi', FORCED_LABOUR_IN_FINLAND_2024], ...allocate(victims - FORCED_LABOUR_IN_FINLAND_2024, weights.filter(([p]) => p !== 'fl_fi'))])
        : allocate(victims, weights);
    for (const [profileId, count] of quota) {
      const profile = PROFILES[profileId];
      for (let n = 0; n < count; n++) {
        const gender: Gender = rng.chance(profile.pFemale) ? 'female' : 'male';
        const nat = rng.weighted(profile.nationalities(year));
        const records = profile.records(rng, year, nat, gender);
        const fiLabour = records.find((r) => r.primary && r.country === 'FI' && r.form === 'forced_labour');
        const person = newPerson({ nat, gender, status: profile.status(rng, year, nat, fiLabour?.industry ?? null), profile: profileId, records, minorOk: profile.minorOk });
        newCase(year, 'admission', person, { category: 'victim' });
      }
    }
    for (let n = 0; n < assists; n++) {
      const nat = rng.weighted(ASSISTS_INVESTIGATION_NATS);
      const person = newPerson({ nat, gender: rng.chance(0.5) ? 'female' : 'male', status: statusFor(rng, year, nat, ASSISTS_INVESTIGATION_STATUS), profile: 'assists', records: [], minorOk: false, age: adultAge(rng) });
      newCase(year, 'admission', person, { category: 'assists_investigation' });
    }
    const admitted = victims + assists;
    const rejections = Math.round(admitted * (0.42 + (0.1 * (year - DEMO_FIRST_YEAR)) / 18));
    for (let n = 0; n < rejections; n++) {
      const reason = rng.weighted([['no_need_for_assistance', 45], ['not_trafficking', 40], ['no_consent', 8], ['other', 7]] as const);
      newCase(year, 'rejection', applicant(year), { rejectionReason: reason });
    }
    for (let n = 0; n < Math.round((admitted + rejections) * 0.02); n++) newCase(year, 'withdrawn', applicant(year));
    for (let n = 0; n < Math.max(year >= 2010 ? 1 : 0, Math.round((admitted + rejections) * 0.01)); n++) newCase(year, 'lapsed', applicant(year));
  }

  planDates(rng, cases);
  planChannels(rng, cases);
  for (const c of cases) c.office = officeFor(rng, Number(c.receivedOn.slice(0, 4)));
  for (const c of cases) if (isAdmission(c)) c.clientshipId = rng.uuid();

  planFates(rng, cases);
  planHistoricAges(rng, cases);
  planChildren(rng, cases, newPerson);
  planReflectionPeriods(rng, cases);
  planBirthDates(rng, cases);

  return materialise(rng, cases);
}

// ---------------------------------------------------------------------------------------------
// 2025 rows.

function expandRows(rng: Rng, rows: readonly Row[], newPerson: NewPerson): PersonPlan[] {
  const persons: PersonPlan[] = [];
  for (const row of rows) {
    const statuses = typeof row.status === 'string' ? Array.from({ length: row.n }, () => row.status as string) : row.status.flatMap(([k, s]) => Array.from({ length: k }, () => s));
    if (statuses.length !== row.n) throw new Error(`row ${row.nat} ${row.g}: ${statuses.length} statuses for ${row.n} persons`);
    const extras = (row.extra ?? []).flatMap(([k, spec]) => Array.from({ length: k }, () => spec));
    const ages = (row.ages ?? []).flatMap(([k, spec]) => Array.from({ length: k }, () => spec));
    if (extras.length > row.n || ages.length > row.n) throw new Error(`row ${row.nat} ${row.g}: more extras or ages than persons`);
    for (let i = 0; i < row.n; i++) {
      const records: PlannedRecord[] = row.recs.map((spec, j) => ({ form: spec.form, country: rng.pick(spec.countries), industry: spec.industry ?? null, primary: j === 0 }));
      const extra = extras[i];
      if (extra) records.push({ form: extra.form, country: rng.pick(extra.countries), industry: extra.industry ?? null, primary: false });
      const ageSpec = ages[i - (row.n - ages.length)];
      let age: number | null = null;
      let birthYears: readonly [number, number] | null = null;
      if (ageSpec && 'age' in ageSpec) {
        age = ageSpec.age;
        birthYears = ageSpec.born2007 ? [2007, 2007] : [2008, 2100];
      } else if (ageSpec) {
        age = ageSpec.group === '50_59' ? rng.int(50, 59) : rng.int(60, 67);
      }
      const profile = profileOfRecords(records);
      persons.push(newPerson({ nat: row.nat, gender: row.g, status: statuses[i]!, profile, records, minorOk: PROFILES[profile].minorOk, age, birthYears }));
    }
  }
  return persons;
}

/** The 250 new victims of 2025 without a fixed age get the rest of the age table, the sexually exploited and forced into marriage more often the younger ones. */
function assignFreeAges2025(rng: Rng, persons: PersonPlan[]): void {
  const free = persons.filter((p) => p.age === null);
  const groups = Object.entries(FREE_AGE_GROUPS_2025).flatMap(([group, count]) => Array.from({ length: count }, () => group));
  if (groups.length !== free.length) throw new Error(`${groups.length} free ages for ${free.length} persons`);
  const keyed = free.map((p) => ({ p, key: (YOUNG_FORMS.has(primaryOf(p)?.form ?? '') ? 0 : 0.45) + rng.next() })).sort((a, b) => a.key - b.key);
  keyed.forEach(({ p }, i) => {
    const group = groups[i]!;
    p.age = group === '18_29' ? rng.int(18, 29) : group === '30_39' ? rng.int(30, 39) : rng.int(40, 49);
  });
}

// ---------------------------------------------------------------------------------------------
// Dates.

function planDates(rng: Rng, cases: CasePlan[]): void {
  for (const c of cases) {
    const y = c.cohort;
    const yearStart = `${y}-01-01`;
    const yearEnd = `${y}-12-31`;
    if (c.outcome === 'admission' || c.outcome === 'rejection') {
      const from = y === DEMO_YEAR ? (c.seasonal ? '2025-07-01' : '2025-01-10') : yearStart;
      // A 17-year-old born in 2007 must be admitted before the 18th birthday.
      const to = y === DEMO_YEAR && (c.seasonal || c.person.birthYears?.[1] === 2007) ? '2025-11-30' : yearEnd;
      const decided = rng.date(from, to);
      let received = addDays(decided, -(7 + Math.floor(rng.next() ** 2 * 80)));
      // 2025's decisions are all on 2025's applications, and the register starts in 2006.
      if ((y === DEMO_YEAR || y === DEMO_FIRST_YEAR) && received < yearStart) received = rng.date(yearStart, addDays(decided, -5));
      c.receivedOn = received;
      c.closedOn = decided;
      const lag = daysBetween(received, decided);
      if (c.outcome === 'admission') {
        c.consentGiven = true;
        c.consentOn = addDays(received, rng.int(0, Math.min(7, lag - 1)));
      } else if (c.rejectionReason === 'no_consent') {
        c.consentGiven = false;
        c.consentOn = addDays(received, rng.int(1, Math.min(10, lag - 1)));
      } else if (rng.chance(0.85)) {
        c.consentGiven = true;
        c.consentOn = addDays(received, rng.int(0, Math.min(7, lag - 1)));
      }
    } else if (c.outcome === 'open') {
      c.receivedOn = rng.date('2025-10-15', '2025-12-30');
      if (rng.chance(0.6)) {
        c.consentGiven = true;
        c.consentOn = rng.date(c.receivedOn, DEMO_HORIZON);
      }
    } else if (c.outcome === 'withdrawn') {
      c.receivedOn = rng.date(yearStart, y === DEMO_YEAR ? '2025-11-15' : yearEnd);
      c.closedOn = minDate(addDays(c.receivedOn, rng.int(5, 45)), DEMO_HORIZON);
      if (rng.chance(0.5)) {
        c.consentGiven = true;
        c.consentOn = addDays(c.receivedOn, rng.int(0, Math.min(4, daysBetween(c.receivedOn, c.closedOn))));
      }
    } else {
      c.receivedOn = rng.date(yearStart, y === DEMO_YEAR ? '2025-08-31' : yearEnd);
      c.closedOn = minDate(addDays(c.receivedOn, rng.int(60, 120)), DEMO_HORIZON);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Channels: 2025 from the table, 2024 with the wellbeing services counties at 4 %, other years
// by the channel mix of their era.

const CHANNEL_MIX: readonly (readonly (readonly [string, number])[])[] = [
  [['immigration_service', 20], ['reception_centre', 25], ['self', 10], ['police', 20], ['ngo', 10], ['border_guard', 5], ['labour_inspection', 2], ['legal_counsel', 3], ['health_care', 2], ['other_authority', 2], ['other', 1]],
  [['immigration_service', 25], ['reception_centre', 25], ['self', 14], ['police', 12], ['ngo', 10], ['border_guard', 3], ['labour_inspection', 3], ['legal_counsel', 4], ['health_care', 2], ['other_authority', 2], ['other', 1]],
  [['immigration_service', 25], ['reception_centre', 24], ['self', 16], ['police', 10], ['ngo', 9], ['border_guard', 2], ['labour_inspection', 4], ['legal_counsel', 4], ['health_care', 2], ['other_authority', 3], ['other', 1]],
  [['immigration_service', 25], ['reception_centre', 22], ['self', 18], ['police', 10], ['ngo', 8], ['border_guard', 2], ['labour_inspection', 4], ['legal_counsel', 4], ['health_care', 2], ['other_authority', 4], ['other', 1]],
];

function channelAffinity(c: CasePlan, channel: string): number {
  const p = c.person;
  const fi = p.nat === 'FI';
  const labourInFinland = p.records.some((r) => r.country === 'FI' && r.form === 'forced_labour');
  const asylum = p.status === 'asylum_seeker';
  const permit = ['worker_permit', 'seasonal_work_permit', 'student_permit', 'family_permit'].includes(p.status);
  switch (channel) {
    case 'self':
      return labourInFinland ? 1.5 : 1;
    case 'immigration_service':
      return fi ? 0.02 : asylum || permit ? 2 : 1;
    case 'reception_centre':
      return fi ? 0.01 : asylum ? 5 : p.status === 'international_protection' ? 1.5 : 0.3;
    case 'wellbeing_services_county':
      return fi ? 4 : asylum ? 0.2 : 1;
    case 'police':
      return labourInFinland ? 2.5 : fi ? 3 : 1;
    case 'border_guard':
      return p.status === 'visa' || p.status === 'no_legal_residence' ? 2 : 0.3;
    case 'labour_inspection':
      return labourInFinland ? 5 : 0.05;
    case 'health_care':
      return fi ? 2.5 : 0.8;
    case 'other_authority':
      return fi ? 2 : 0.8;
    case 'legal_counsel':
      return asylum ? 1.5 : 1;
    default:
      return 1;
  }
}

function planChannels(rng: Rng, cases: CasePlan[]): void {
  for (const [year, items] of groupBy(cases, (c) => Number(c.receivedOn.slice(0, 4)))) {
    let quota: Map<string, number>;
    if (year === DEMO_YEAR) {
      quota = new Map(Object.entries(APPLICATIONS_2025.byChannel));
    } else {
      const mix = CHANNEL_MIX[era(year)]!;
      const wellbeing = year === 2024 ? Math.round(items.length * WELLBEING_SHARE_2024) : year === 2023 ? Math.round(items.length * 0.025) : 0;
      quota = new Map([...allocate(items.length - wellbeing, mix), ['wellbeing_services_county', wellbeing]]);
    }
    for (const [c, channel] of assignByQuota(rng, items, quota, channelAffinity)) c.channel = channel;
  }
}

function officeFor(rng: Rng, year: number): string {
  if (year < 2014) return 'lappeenranta';
  if (year < 2020) return rng.weighted([['lappeenranta', 55], ['helsinki', 45]] as const);
  return rng.weighted([['helsinki', 42], ['lappeenranta', 33], ['tampere', 25]] as const);
}

// ---------------------------------------------------------------------------------------------
// Who is still a client on 31 December 2025, who left in 2025, and why.

function endReasonAffinity(c: CasePlan, reason: string): number {
  const p = c.person;
  if (p.nat === 'FI' && (reason === 'left_country' || reason === 'assisted_voluntary_return')) return 0;
  const primary = primaryOf(p);
  switch (reason) {
    case 'left_country':
      return p.status === 'seasonal_work_permit' || p.status === 'worker_permit' || p.status === 'eu_citizen' ? 5 : 1;
    case 'disappeared':
      return p.nat === 'FI' ? 0.2 : primary?.form === 'sexual_exploitation' || p.status === 'no_legal_residence' || p.status === 'asylum_seeker' ? 3 : 1;
    case 'assisted_voluntary_return':
      return p.status === 'eu_citizen' ? 0.3 : primary && primary.country !== 'FI' ? 2 : 1;
    default:
      return 1;
  }
}

const END_REASON_MIX: readonly (readonly [string, number])[] = [
  ['no_longer_needs_assistance', 55],
  ['left_country', 15],
  ['assisted_voluntary_return', 6],
  ['disappeared', 12],
  ['client_request', 6],
  ['deceased', 1],
  ['other', 5],
];

function planFates(rng: Rng, cases: CasePlan[]): void {
  const victims2025 = cases.filter((c) => isVictim(c) && c.cohort === DEMO_YEAR);

  // 2025's own clients who already left in 2025: adults admitted by October, never the parents.
  const candidates = new Set(victims2025.filter((c) => (c.person.age ?? 0) >= 18 && c.closedOn! <= '2025-10-31'));
  for (const [reason, count] of Object.entries(APPLICATIONS_2025.endedSameYear)) {
    for (const c of rng.sample([...candidates], count, (x) => endReasonAffinity(x, reason))) {
      candidates.delete(c);
      c.fate = 'ended2025';
      c.endReason = reason;
      c.endOn = rng.date(addDays(c.closedOn!, 14), DEMO_HORIZON);
    }
  }
  for (const c of victims2025) c.fate ??= 'active';

  // Earlier clients still clients at the end of 2025: more of the recent years.
  const femaleActive2025 = victims2025.filter((c) => c.fate === 'active' && c.person.gender === 'female').length;
  const activeVictims2025 = victims2025.filter((c) => c.fate === 'active').length;
  const historic = (category: 'victim' | 'assists_investigation') => cases.filter((c) => isAdmission(c) && c.category === category && c.cohort < DEMO_YEAR);
  const chooseActive = (pool: CasePlan[], total: number, decay: number) => {
    const cohorts = groupBy(pool, (c) => c.cohort);
    const counts = allocateCapped(total, [...cohorts].map(([y, list]) => [y, list.length * decay ** (DEMO_YEAR - y), list.length] as const));
    for (const [y, list] of cohorts) {
      for (const [i, c] of rng.shuffle([...list]).entries()) c.fate = i < counts.get(y)! ? 'active' : 'ended';
    }
  };
  const victims = historic('victim');
  const assists = historic('assists_investigation');
  chooseActive(victims, STOCK_2025.victims - activeVictims2025, 0.87);
  chooseActive(assists, STOCK_2025.assistsInvestigation, 0.85);

  // 61 % of the victims in the stock are women: swap the fates of a man and a woman of the same year until the count is exact.
  const femaleTarget = STOCK_2025.victimsFemale - femaleActive2025;
  const activeFemale = () => victims.filter((c) => c.fate === 'active' && c.person.gender === 'female').length;
  for (let diff = activeFemale() - femaleTarget, guard = 0; diff !== 0; guard++) {
    if (guard > 10_000) throw new Error('cannot balance the gender of the 2025 stock');
    const [leaving, joining]: Gender[] = diff > 0 ? ['female', 'male'] : ['male', 'female'];
    const a = rng.pick(victims.filter((c) => c.fate === 'active' && c.person.gender === leaving));
    const swap = victims.filter((c) => c.fate === 'ended' && c.cohort === a.cohort && c.person.gender === joining);
    if (swap.length === 0) continue;
    a.fate = 'ended';
    rng.pick(swap).fate = 'active';
    diff += diff > 0 ? -1 : 1;
  }

  // Of the rest, who left in 2025 (169 with 2025's own) and who before; the later admitted of a year leave later.
  const sameYear = Object.values(APPLICATIONS_2025.endedSameYear).reduce((s, n) => s + n, 0);
  const endedTotal = Object.values(APPLICATIONS_2025.ended).reduce((s, n) => s + n, 0);
  const assistsEnded2025 = 8;
  const pickEnded2025 = (pool: CasePlan[], total: number) => {
    const cohorts = groupBy(
      pool.filter((c) => c.fate === 'ended'),
      (c) => c.cohort,
    );
    const counts = allocateCapped(total, [...cohorts].map(([y, list]) => [y, list.length * 0.72 ** (DEMO_YEAR - 1 - y), list.length] as const));
    for (const [y, list] of cohorts) {
      const sorted = [...list].sort((a, b) => (a.closedOn! < b.closedOn! ? -1 : a.closedOn! > b.closedOn! ? 1 : 0));
      for (const c of sorted.slice(sorted.length - counts.get(y)!)) c.fate = 'ended2025';
    }
  };
  pickEnded2025(victims, endedTotal - sameYear - assistsEnded2025);
  pickEnded2025(assists, assistsEnded2025);

  const ended2025 = [...victims, ...assists].filter((c) => c.fate === 'ended2025');
  const reasonsLeft = new Map(Object.entries(APPLICATIONS_2025.ended).map(([reason, n]) => [reason, n - ((APPLICATIONS_2025.endedSameYear as Record<string, number>)[reason] ?? 0)] as const));
  for (const [c, reason] of assignByQuota(rng, ended2025, reasonsLeft, endReasonAffinity)) {
    c.endReason = reason;
    c.endOn = rng.date(maxDate('2025-01-02', addDays(c.closedOn!, 1)), DEMO_HORIZON);
  }
  for (const c of [...victims, ...assists].filter((x) => x.fate === 'ended')) {
    c.endReason = rng.weighted(END_REASON_MIX.map(([reason, w]) => [reason, w * (endReasonAffinity(c, reason) > 0 ? 1 : 0)] as const));
    const duration = 20 + Math.floor(rng.next() ** 1.6 * (c.category === 'assists_investigation' ? 1500 : 3000));
    c.endOn = maxDate(c.closedOn!, minDate(addDays(c.closedOn!, duration), '2024-12-31'));
  }
}

/** Largest-remainder allocation where no part may exceed its cap; what a capped part cannot take goes to the others. */
function allocateCapped(total: number, parts: readonly (readonly [number, number, number])[]): Map<number, number> {
  const result = new Map<number, number>(parts.map(([k]) => [k, 0]));
  let left = total;
  let open = parts.filter(([, w, cap]) => w > 0 && cap > 0);
  while (left > 0) {
    if (open.length === 0) throw new Error(`cannot place ${left} more within the caps`);
    const share = allocate(
      left,
      open.map(([k, w]) => [k, w] as const),
    );
    let placed = 0;
    for (const [k, , cap] of open) {
      const add = Math.min(share.get(k)!, cap - result.get(k)!);
      result.set(k, result.get(k)! + add);
      placed += add;
    }
    left -= placed;
    open = open.filter(([k, , cap]) => result.get(k)! < cap);
    if (placed === 0 && left > 0) {
      const [k] = open[0]!;
      result.set(k, result.get(k)! + 1);
      left--;
      open = open.filter(([key, , cap]) => result.get(key)! < cap);
    }
  }
  return result;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Ages before 2025: of the victims still clients at the end of 2025, exactly 75 were admitted as
// minors (85 with 2025's 10), and exactly 4 of those are still under 18 (10 with 2025's 6).

function planHistoricAges(rng: Rng, cases: CasePlan[]): void {
  const historic = cases.filter((c) => isVictim(c) && c.cohort < DEMO_YEAR);
  const active = historic.filter((c) => c.fate === 'active');
  const minors2025 = cases.filter((c) => isVictim(c) && c.cohort === DEMO_YEAR && (c.person.age ?? 99) < 18);
  const stillMinor2025 = minors2025.filter((c) => c.person.birthYears?.[0] === 2008).length;
  const youngNeeded = STOCK_2025.minorsOnDec31 - stillMinor2025;
  const minorsNeeded = STOCK_2025.admittedAsMinors - minors2025.length - youngNeeded;

  const young = rng.sample(
    active.filter((c) => c.person.minorOk && c.cohort >= 2023),
    youngNeeded,
    () => 1,
  );
  for (const c of young) {
    c.person.age = rng.int(13, c.cohort - 2009);
    c.person.birthYears = [2008, 2100];
  }
  const older = rng.sample(
    active.filter((c) => c.person.minorOk && !young.includes(c)),
    minorsNeeded,
    (c) => (c.cohort >= 2015 ? 2 : 1),
  );
  for (const c of older) {
    // Born in 2007 or before: 16 on a day in 2024 only if the birthday is still to come that year.
    const start = c.closedOn!;
    let age = rng.int(Math.max(14, c.cohort - 2008), 17);
    while (addDays(addMonths(start, -12 * (age + 1)), 1) > '2007-12-31') age++;
    c.person.age = age;
    c.person.birthYears = [1900, 2007];
  }
  for (const c of historic) {
    if (c.person.age !== null) continue;
    // Only clients no longer in the stock may be minors beyond the counted ones.
    c.person.age = c.fate !== 'active' && c.person.minorOk && rng.chance(0.05) ? rng.int(13, 17) : adultAge(rng);
  }
}

// ---------------------------------------------------------------------------------------------
// Children admitted with their parents.

function planChildren(rng: Rng, cases: CasePlan[], newPerson: NewPerson): void {
  const addChildren = (c: CasePlan, count: number) => {
    const p = c.person;
    for (let n = 0; n < count; n++) {
      c.children.push(
        newPerson({
          nat: p.nat,
          gender: rng.chance(0.5) ? 'female' : 'male',
          status: p.status,
          profile: 'child',
          records: [],
          minorOk: true,
          age: rng.int(0, Math.min(17, (p.age ?? 30) - 17)),
        }),
      );
    }
  };
  const parentWeight = (c: CasePlan) => {
    if ((c.person.age ?? 0) < 22) return 0;
    if (c.person.gender === 'male') return 1;
    const form = primaryOf(c.person)?.form;
    return form === 'forced_marriage' ? 12 : c.person.status === 'family_permit' ? 10 : 6;
  };

  // 2025: 22 parents with 32 children, all still clients at the end of the year.
  const perParent = rng.shuffle([...APPLICATIONS_2025.childrenPerParent]);
  const parents2025 = rng.sample(
    cases.filter((c) => isVictim(c) && c.cohort === DEMO_YEAR && c.fate === 'active'),
    perParent.length,
    parentWeight,
  );
  parents2025.forEach((c, i) => addChildren(c, perParent[i]!));

  // Earlier clients still in the stock: their children make up the rest of the 210.
  const children2025 = perParent.reduce((s, n) => s + n, 0);
  let needed = STOCK_2025.children - children2025;
  const activeParents = cases.filter((c) => isVictim(c) && c.cohort >= 2018 && c.cohort < DEMO_YEAR && c.fate === 'active' && parentWeight(c) > 0);
  for (const c of rng.sample(activeParents, Math.min(needed, activeParents.length), parentWeight)) {
    if (needed === 0) break;
    const count = Math.min(needed, rng.weighted([[1, 60], [2, 30], [3, 10]] as const));
    addChildren(c, count);
    needed -= count;
  }
  if (needed > 0) throw new Error(`${needed} children of the 2025 stock left without a parent`);

  // Earlier clients no longer in the stock, and a few applicants who were not admitted.
  for (const c of cases) {
    if (c.children.length > 0 || (c.person.age ?? 0) < 22) continue;
    const historicEnded = isVictim(c) && c.cohort < DEMO_YEAR && c.fate !== 'active';
    const notAdmitted = c.outcome === 'rejection' && c.person.profile !== 'child';
    if ((historicEnded && rng.chance(0.07 * (parentWeight(c) > 1 ? 1.5 : 0.5))) || (notAdmitted && rng.chance(0.03))) {
      addChildren(c, rng.weighted([[1, 70], [2, 30]] as const));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reflection periods: 35 granted in 2025; earlier some 12 % of the year's admissions. Only for
// persons without a right of residence, while the application is assessed.

function planReflectionPeriods(rng: Rng, cases: CasePlan[]): void {
  const eligible = (c: CasePlan) => mayHaveReflectionPeriod(c.person.status) && c.category !== 'assists_investigation';
  const grant = (c: CasePlan) => {
    const last = minDate(c.closedOn ?? DEMO_HORIZON, addDays(c.receivedOn, 30));
    const decidedOn = rng.date(minDate(addDays(c.receivedOn, 1), last), last);
    const months = rng.weighted([[1, 1], [2, 2], [3, 4], [4, 1], [6, 1]] as const);
    const end = addMonths(decidedOn, months);
    const extensionOn = addDays(end, -rng.int(0, 7));
    const extension = rng.chance(0.2) && extensionOn <= DEMO_HORIZON ? { decidedOn: extensionOn, months: rng.int(1, 3) } : null;
    c.reflection = { decidedOn, months, extension };
  };

  const in2025 = cases.filter((c) => c.cohort === DEMO_YEAR && eligible(c));
  const { admitted, open, rejected } = APPLICATIONS_2025.reflectionPeriods;
  for (const c of rng.sample(
    in2025.filter((x) => x.outcome === 'admission'),
    admitted,
    (x) => (inFinland(x.person) ? 3 : 1),
  ))
    grant(c);
  for (const c of rng.sample(
    in2025.filter((x) => x.outcome === 'open'),
    open,
    () => 1,
  ))
    grant(c);
  for (const c of rng.sample(
    in2025.filter((x) => x.outcome === 'rejection'),
    rejected,
    () => 1,
  ))
    grant(c);

  for (const [year] of HISTORY) {
    if (year < 2007) continue;
    const pool = cases.filter((c) => c.cohort === year && eligible(c) && (c.outcome === 'admission' || c.outcome === 'rejection'));
    const admissions = cases.filter((c) => c.cohort === year && isAdmission(c)).length;
    const count = Math.min(pool.length, Math.round(admissions * 0.12));
    for (const c of rng.sample(pool, count, (x) => (x.outcome === 'admission' ? 6 : 1))) grant(c);
  }
}

// ---------------------------------------------------------------------------------------------
// Birth dates: exact ages on the reference date; about one in eight of those without documents
// has an estimated birth date, recorded as 1 January.

function birthDateFor(rng: Rng, on: string, age: number, years: readonly [number, number] | null, mayEstimate: boolean): { date: string; estimate: boolean } {
  const onYear = Number(on.slice(0, 4));
  if (mayEstimate && !years && rng.chance(0.12)) return { date: `${onYear - age}-01-01`, estimate: true };
  let earliest = addDays(addMonths(on, -12 * (age + 1)), 1);
  let latest = addMonths(on, -12 * age);
  if (years) {
    earliest = maxDate(earliest, `${years[0]}-01-01`);
    latest = minDate(latest, `${years[1]}-12-31`);
  }
  if (earliest > latest) throw new Error(`no birth date gives age ${age} on ${on} within ${years?.join('–')}`);
  for (let tries = 0; tries < 50; tries++) {
    const date = rng.date(earliest, latest);
    if (ageOn(date, on) === age) return { date, estimate: false };
  }
  throw new Error(`no birth date found for age ${age} on ${on}`);
}

function planBirthDates(rng: Rng, cases: CasePlan[]): void {
  for (const c of cases) {
    const on = isAdmission(c) ? c.closedOn! : c.receivedOn;
    const p = c.person;
    if (p.age === null) p.age = adultAge(rng);
    // Estimated birth dates belong to those who came without documents, not to Finnish or EU citizens.
    const undocumented = p.nat !== 'FI' && !EU_NATIONALITIES.has(p.nat);
    p.birth = birthDateFor(rng, on, p.age, p.birthYears, undocumented);
    for (const child of c.children) child.birth = birthDateFor(rng, on, child.age!, null, undocumented && rng.chance(0.3));
  }
}

// ---------------------------------------------------------------------------------------------
// Rows.

function materialise(rng: Rng, cases: CasePlan[]): DemoDataSet {
  const data: DemoDataSet = { persons: [], helplineContacts: [], applications: [], applicationChildren: [], statusChanges: [], decisions: [], clientships: [], exploitations: [], services: [] };
  const sorted = [...cases].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.id < b.id ? -1 : 1));

  // Helpline contacts: some of those who applied themselves called the info phone first.
  for (const c of sorted) {
    if (c.channel === 'self' && c.receivedOn >= '2010-01-01' && rng.chance(0.4)) {
      const contact = helplineContact(rng, addDays(c.receivedOn, -rng.int(0, 5)), c.person);
      contact.caller = 'possible_victim';
      contact.outcome = 'application_started';
      data.helplineContacts.push(contact);
      c.helplineContactId = contact.id;
    }
  }
  for (let year = 2010; year <= DEMO_YEAR; year++) {
    const count = 60 + 35 * (year - 2010);
    for (let n = 0; n < count; n++) data.helplineContacts.push(helplineContact(rng, rng.date(`${year}-01-01`, `${year}-12-31`), null));
  }
  data.helplineContacts.sort((a, b) => a.at.getTime() - b.at.getTime());

  let personNumber = 0;
  const perYear = new Map<number, number>();
  for (const c of sorted) {
    const created = at(c.receivedOn, rng);
    const letterLanguage = (p: PersonPlan): 'fi' | 'sv' | 'en' => (p.nat === 'FI' ? (rng.chance(0.05) ? 'sv' : 'fi') : rng.weighted([['en', 90], ['fi', 8], ['sv', 2]] as const));

    const applicantRow = personRow(rng, c.person, `C-${String(++personNumber).padStart(5, '0')}`, created, null);
    data.persons.push(applicantRow);
    for (const child of c.children) data.persons.push(personRow(rng, child, `C-${String(++personNumber).padStart(5, '0')}`, created, applicantRow.identity.familyName));

    const year = Number(c.receivedOn.slice(0, 4));
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const status: ApplicationStatus = c.outcome === 'admission' || c.outcome === 'rejection' ? 'decided' : c.outcome === 'open' ? 'under_assessment' : c.outcome;
    const closedOn = c.closedOn ?? c.receivedOn;
    const assessmentOn = minDate(addDays(c.receivedOn, rng.int(0, 3)), c.closedOn ?? DEMO_HORIZON);
    data.applications.push({
      id: c.id,
      number: `A-${year}-${String(seq).padStart(4, '0')}`,
      personId: c.person.id,
      receivedOn: c.receivedOn,
      channel: c.channel,
      consentGiven: c.consentGiven,
      consentOn: c.consentOn,
      officeCode: c.office,
      status,
      statusChangedOn: c.outcome === 'open' ? assessmentOn : closedOn,
      deadline: addDays(c.receivedOn, 30),
      helplineContactId: c.helplineContactId,
      createdAt: created,
      updatedAt: c.outcome === 'open' ? at(assessmentOn, rng) : at(closedOn, rng),
    });
    for (const child of c.children) data.applicationChildren.push({ applicationId: c.id, personId: child.id });
    const changes: [string | null, string, string][] = [
      [null, 'received', c.receivedOn],
      ['received', 'under_assessment', assessmentOn],
    ];
    if (c.outcome !== 'open') changes.push(['under_assessment', status, closedOn]);
    let previous = created;
    for (const [fromStatus, toStatus, on] of changes) {
      let when = fromStatus === null ? created : at(on, rng);
      if (when < previous) when = new Date(previous.getTime() + 60_000);
      previous = when;
      data.statusChanges.push({ id: rng.uuid(), applicationId: c.id, fromStatus, toStatus, at: when });
    }

    const decision = (kind: DecisionKind, decidedOn: string, fields: Partial<DemoDecision> = {}): DemoDecision => {
      const d: DemoDecision = {
        id: rng.uuid(),
        applicationId: c.id,
        personId: c.person.id,
        kind,
        decidedOn,
        reason: null,
        expertGroupHeard: false,
        category: null,
        periodStart: null,
        periodEnd: null,
        letterLanguage: letterLanguage(c.person),
        appealLodgedOn: null,
        appealOutcome: null,
        appealDecidedOn: null,
        createdAt: at(decidedOn, rng),
        ...fields,
      };
      data.decisions.push(d);
      return d;
    };

    if (c.reflection) {
      const { decidedOn, months, extension } = c.reflection;
      const periodEnd = addMonths(decidedOn, months);
      decision('reflection_period', decidedOn, { periodStart: decidedOn, periodEnd });
      if (extension) {
        const start = addDays(periodEnd, 1);
        decision('extension', extension.decidedOn, { periodStart: start, periodEnd: addMonths(start, extension.months) });
      }
    }

    if (c.outcome === 'rejection') {
      const appeal = rng.chance(0.06) ? addDays(c.closedOn!, rng.int(7, 30)) : null;
      const appealDecided = appeal ? addDays(appeal, rng.int(90, 300)) : null;
      const settled = appealDecided !== null && appealDecided <= DEMO_HORIZON;
      decision('rejection', c.closedOn!, {
        reason: c.rejectionReason,
        expertGroupHeard: rng.chance(c.rejectionReason === 'not_trafficking' ? 0.4 : 0.1),
        ...(appeal && appeal <= DEMO_HORIZON ? { appealLodgedOn: appeal, appealOutcome: settled ? (rng.chance(0.8) ? 'upheld' : 'withdrawn') : 'pending', appealDecidedOn: settled ? appealDecided : null } : {}),
      });
    }

    if (c.outcome === 'admission') {
      const start = c.closedOn!;
      decision('admission', start, { category: c.category, expertGroupHeard: rng.chance(0.1) });
      const category: Category = c.category!;
      data.clientships.push({ id: c.clientshipId!, personId: c.person.id, category, parentId: null, startDate: start, endDate: c.endOn, endReason: c.endReason, officeCode: c.office, ageAtStart: ageOn(c.person.birth!.date, start), createdAt: at(start, rng) });
      for (const child of c.children) {
        data.clientships.push({ id: rng.uuid(), personId: child.id, category: 'child_of_victim', parentId: c.clientshipId!, startDate: start, endDate: c.endOn, endReason: c.endReason, officeCode: c.office, ageAtStart: ageOn(child.birth!.date, start), createdAt: at(start, rng) });
      }
      if (c.endOn) decision('termination', c.endOn, { applicationId: null, reason: c.endReason });
      exploitationRows(rng, c, data);
      serviceRows(rng, c, data);
    }
  }
  return data;
}

function personRow(rng: Rng, p: PersonPlan, number: string, createdAt: Date, parentFamilyName: string | null): DemoPerson {
  const culture = cultureOf(p.nat);
  const given = (gender: Gender) => {
    const first = rng.pick(culture[gender]);
    if (culture.middle) return `${rng.pick(culture.middle[gender])} ${first}`;
    if (p.nat === 'FI' && rng.chance(0.7)) {
      const second = rng.pick(culture[gender]);
      return second === first ? first : `${first} ${second}`;
    }
    return first;
  };
  const familyFor = (gender: Gender, entry: string) => {
    const [masculine, feminine] = entry.split('|');
    return gender === 'female' && feminine ? feminine : masculine!;
  };
  let familyName: string;
  if (parentFamilyName !== null) {
    // A child carries the parent's family name, in the form for the child's gender.
    const entry = culture.family.find((e) => e.split('|').includes(parentFamilyName));
    familyName = entry ? familyFor(p.gender, entry) : parentFamilyName;
  } else {
    familyName = familyFor(p.gender, rng.pick(culture.family));
  }
  const givenNames = given(p.gender);
  const aliases = p.nat !== 'FI' && p.profile !== 'child' && rng.chance(0.08) ? [`${given(p.gender)} ${familyFor(p.gender, rng.pick(culture.family))}`] : [];
  const languages = [...languagesOf(p.nat)];
  if (p.nat !== 'FI' && !languages.includes('en') && rng.chance(0.3)) languages.push('en');
  if (p.nat !== 'FI' && p.profile !== 'child' && rng.chance(0.06)) languages.push('fi');
  const municipality = MUNICIPAL_STATUSES.has(p.status) && rng.chance(0.9) ? rng.weighted(MUNICIPALITIES) : null;
  const birth = p.birth!;
  return {
    id: p.id,
    number,
    identity: { givenNames, familyName, aliases, birthDate: birth.date, municipality },
    birthDateIsEstimate: birth.estimate,
    birthYear: Number(birth.date.slice(0, 4)),
    birthMonth: Number(birth.date.slice(5, 7)),
    gender: p.gender,
    nationalities: [p.nat],
    languages,
    interpreterNeeded: !languages.some((l) => l === 'fi' || l === 'sv' || l === 'en') || (p.nat !== 'FI' && rng.chance(0.3)),
    residenceStatus: p.status,
    createdAt,
  };
}

const HELPLINE_LANGUAGES: readonly (readonly [string, number])[] = [
  ['fi', 35],
  ['en', 35],
  ['sv', 3],
  ['ru', 6],
  ['ne', 4],
  ['vi', 3],
  ['th', 3],
  ['ar', 4],
  ['so', 3],
];

function helplineContact(rng: Rng, date: string, person: PersonPlan | null): DemoHelplineContact {
  const year = Number(date.slice(0, 4));
  const language = person ? (languagesOf(person.nat)[0] ?? null) : rng.weighted([...HELPLINE_LANGUAGES, ['uk', year >= 2022 ? 4 : 0]]);
  const hour = rng.weighted([[rng.int(8, 16), 8], [rng.int(17, 23), 2], [rng.int(0, 7), 1]] as const);
  return {
    id: rng.uuid(),
    at: new Date(`${date}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`),
    channel: rng.weighted([['phone', 70], ['email', 18], ['chat', year >= 2019 ? 10 : 0], ['other', 2]] as const),
    caller: rng.weighted([['possible_victim', 40], ['professional', 35], ['relative_or_friend', 15], ['other', 10]] as const),
    language,
    outcome: rng.weighted([['advice_given', 65], ['referred_elsewhere', 35]] as const),
  };
}

const month = (date: string) => date.slice(0, 7);

function exploitationRows(rng: Rng, c: CasePlan, data: DemoDataSet): void {
  const p = c.person;
  const createdAt = at(c.closedOn!, rng);
  // Finland: ended shortly before the application; abroad: earlier, the secondary ones earlier still.
  const fiTo = addDays(c.receivedOn, -rng.int(0, 45));
  const fiFrom = addDays(fiTo, -rng.int(60, 540));
  let abroadTo = p.records.some((r) => r.country === 'FI') ? addDays(fiFrom, -rng.int(0, 400)) : addDays(c.receivedOn, -rng.int(30, 900));
  for (const r of p.records) {
    let from: string | null;
    let to: string | null;
    if (r.country === 'FI') {
      from = month(fiFrom);
      to = month(fiTo);
    } else {
      const start = addDays(abroadTo, -rng.int(30, 1400));
      const vague = rng.chance(0.25);
      from = vague ? start.slice(0, 4) : month(start);
      to = vague ? abroadTo.slice(0, 4) : month(abroadTo);
      abroadTo = addDays(start, -rng.int(0, 400));
    }
    data.exploitations.push({
      id: rng.uuid(),
      personId: p.id,
      form: r.form,
      isPrimary: r.primary,
      country: r.country,
      industry: r.industry,
      periodFrom: from,
      periodTo: to,
      residenceStatus: r.country === 'FI' ? p.status : null,
      createdAt,
    });
  }
}

function serviceRows(rng: Rng, c: CasePlan, data: DemoDataSet): void {
  const start = c.closedOn!;
  if (start < '2012-01-01') return;
  const p = c.person;
  const municipal = MUNICIPAL_STATUSES.has(p.status);
  const last = c.endOn ?? DEMO_HORIZON;
  const form = primaryOf(p)?.form;
  const add = (type: string, provider: string) => {
    const from = minDate(addDays(start, rng.int(0, 21)), last);
    const ongoing = c.endOn === null && rng.chance(0.55);
    const to = ongoing ? null : minDate(addDays(from, rng.int(14, 900)), last);
    data.services.push({ id: rng.uuid(), personId: p.id, type, provider, startDate: from, endDate: to, createdAt: at(from, rng) });
  };
  add('counselling', rng.chance(0.7) ? 'reception_centre' : 'ngo');
  if (rng.chance(0.6)) add('social_services', municipal ? 'wellbeing_services_county' : 'reception_centre');
  if (rng.chance(0.7)) add('health_services', municipal ? 'wellbeing_services_county' : 'reception_centre');
  if (rng.chance(0.6)) add(municipal ? 'social_assistance' : 'reception_allowance', municipal ? 'wellbeing_services_county' : 'reception_centre');
  if (rng.chance(form === 'sexual_exploitation' || form === 'forced_marriage' ? 0.45 : 0.15)) add('safe_accommodation', rng.chance(0.5) ? 'ngo' : 'private_provider');
  if (p.nat !== 'FI' && rng.chance(0.75)) add('interpretation', 'private_provider');
  if (rng.chance(0.35)) add('legal_counselling', rng.chance(0.7) ? 'private_provider' : 'other');
  if (c.endReason === 'assisted_voluntary_return') {
    const from = maxDate(start, addDays(c.endOn!, -rng.int(7, 60)));
    data.services.push({ id: rng.uuid(), personId: p.id, type: 'assisted_voluntary_return', provider: 'other', startDate: from, endDate: c.endOn, createdAt: at(from, rng) });
  }
}
