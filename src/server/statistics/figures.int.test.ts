import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { disclosureCheck } from './disclosure.js';
import { buildReport, computeDataHash, computeFigures, type FigureSet } from './figures.js';
import { periodOf } from './period.js';
import { referenceFigures } from './testing/reference-figures.js';
import { clearRegister, insertRegister, type ClientshipFacts, type DecisionFacts, type ExploitationFacts, type PersonFacts, type Register } from './testing/register.js';

// A small register whose figures are worked out by hand below. P1…P15 are persons; the
// comments give what each one is there to test.
const register: Register = { persons: [], clientships: [], applications: [], decisions: [], exploitations: [] };
const ids: Record<string, string> = {};

function person(name: string, gender: string, nationalities: string[], birthYear: number | null, birthMonth: number | null): string {
  const p: PersonFacts = { id: randomUUID(), gender, nationalities, birthYear, birthMonth };
  register.persons.push(p);
  ids[name] = p.id;
  return p.id;
}
function clientship(personId: string, category: ClientshipFacts['category'], startDate: string, ageAtStart: number | null, end: [string, string] | null = null, parentId: string | null = null): string {
  const c: ClientshipFacts = { id: randomUUID(), personId, category, parentId, startDate, endDate: end?.[0] ?? null, endReason: end?.[1] ?? null, ageAtStart };
  register.clientships.push(c);
  return c.id;
}
function exploitation(personId: string, form: string, isPrimary: boolean, country: string, industry: string | null, periodFrom: string | null, residenceStatus: string | null): void {
  const e: ExploitationFacts = { id: randomUUID(), personId, form, isPrimary, country, industry, periodFrom, residenceStatus };
  register.exploitations.push(e);
}
function application(receivedOn: string, channel: string): void {
  register.applications.push({ id: randomUUID(), personId: ids.P1!, receivedOn, channel });
}
function decision(kind: DecisionFacts['kind'], decidedOn: string | null, reason: string | null = null, status: DecisionFacts['status'] = 'decided'): void {
  const reflection = kind === 'reflection_period' || kind === 'extension';
  register.decisions.push({ id: randomUUID(), personId: ids.P1!, kind, status, decidedOn, reason, periodStart: reflection ? decidedOn : null, periodEnd: reflection ? '2026-03-01' : null });
}

// New victims of 2025.
const P1 = person('P1', 'female', ['NP'], 1995, 3);
const c1 = clientship(P1, 'victim', '2025-01-01', 29); // starts on 1 January
exploitation(P1, 'forced_labour', true, 'FI', 'restaurant', '2024-05', 'worker_permit');
exploitation(P1, 'sexual_exploitation', false, 'FI', null, '2024', null); // earlier, but the primary record decides the status
const P2 = person('P2', 'male', ['NP'], 2000, 7);
const c2 = clientship(P2, 'victim', '2025-03-10', 24, ['2025-12-31', 'left_country']); // ends on 31 December: ended, not in the stock
exploitation(P2, 'forced_labour', true, 'FI', 'forestry', '2025-03-01', 'seasonal_work_permit');
const P3 = person('P3', 'female', ['FI', 'SE'], 2007, 12); // 17 at the start; 18 on 31 Dec, 17 on 30 Jun
clientship(P3, 'victim', '2025-06-30', 17);
exploitation(P3, 'sexual_exploitation', true, 'SE', null, '2024', null); // a Finn exploited only abroad
const P4 = person('P4', 'female', ['FI'], 1980, 1);
clientship(P4, 'victim', '2025-07-01', 45);
exploitation(P4, 'forced_labour', true, 'EE', 'construction', '2024', 'eu_citizen'); // the primary record is abroad…
exploitation(P4, 'forced_labour', false, 'FI', 'cleaning', null, 'finnish_citizen'); // no date: after any dated record
exploitation(P4, 'forced_labour', false, 'FI', null, '2025-01-15', null); // …so the earliest in Finland decides: unknown
const P5 = person('P5', 'male', ['SO', 'FI'], 1960, 5); // FI second: not a Finn for the statistics
clientship(P5, 'victim', '2019-01-01', 58, ['2020-01-01', 'no_longer_needs_assistance']); // an old clientship
clientship(P5, 'victim', '2025-09-01', 65);
const P6 = person('P6', 'unknown', ['ZZ'], null, null); // age unknown
clientship(P6, 'victim', '2025-11-11', null);
exploitation(P6, 'begging', false, 'FI', null, '2025-03', 'asylum_seeker');
exploitation(P6, 'criminal_activities', false, 'FI', null, '2025', 'visa'); // '2025' sorts before '2025-03'
const P7 = person('P7', 'female', ['NP'], 2007, 1); // two victim clientships in 2025, exactly 18 at the first
clientship(P7, 'victim', '2025-02-01', 18, ['2025-04-30', 'client_request']);
clientship(P7, 'victim', '2025-10-01', 18);
exploitation(P7, 'forced_labour', true, 'FI', 'agriculture', '2024', 'seasonal_work_permit');
// Children.
const P8 = person('P8', 'male', ['NP'], 2019, 6);
clientship(P8, 'child_of_victim', '2025-01-01', 5, null, c1);
const P15 = person('P15', 'male', ['NP'], 2015, 1);
clientship(P15, 'child_of_victim', '2025-03-10', 10, ['2025-12-31', 'left_country'], c2); // a child's end is not counted
// Others.
const P9 = person('P9', 'female', ['RU'], 1990, 4);
clientship(P9, 'assists_investigation', '2024-05-01', 34, ['2025-08-15', 'no_longer_needs_assistance']);
const P10 = person('P10', 'female', ['VN'], 2000, 2);
clientship(P10, 'victim', '2015-03-01', 15); // admitted as a minor, long ago
const P11 = person('P11', 'male', ['NP'], 1970, 1);
clientship(P11, 'victim', '2010-01-01', 40);
clientship(P11, 'assists_investigation', '2023-01-01', 52); // two active clientships: counted once, as the later
const P12 = person('P12', 'female', ['NP'], 2010, 8); // a minor in the stock; a new victim of 2024
clientship(P12, 'victim', '2024-03-01', 13);
exploitation(P12, 'forced_labour', true, 'FI', 'forestry', '2023', 'seasonal_work_permit');
const P13 = person('P13', 'male', ['NP'], 1985, 9); // a new victim of 2024 whose clientship ends on 1 January 2025
clientship(P13, 'victim', '2024-12-31', 39, ['2025-01-01', 'disappeared']);
exploitation(P13, 'sexual_exploitation', true, 'EE', null, '2024', null);
exploitation(P13, 'forced_labour', false, 'FI', 'construction', '2024-06', 'visa');
const P14 = person('P14', 'female', ['NP'], 1999, 1);
clientship(P14, 'victim', '2026-01-01', 26); // next year

// Applications: 2025 (4 in the first half), 2024 (all in the second half), and outside.
for (const [on, channel] of [
  ['2025-01-01', 'self'],
  ['2025-05-05', 'self'],
  ['2025-12-31', 'self'],
  ['2025-02-01', 'immigration_service'],
  ['2025-08-01', 'immigration_service'],
  ['2025-09-09', 'reception_centre'],
  ['2025-03-03', 'wellbeing_services_county'],
  ['2025-10-10', 'wellbeing_services_county'],
  ['2025-11-11', 'police'],
  ['2024-07-07', 'wellbeing_services_county'],
  ['2024-08-01', 'self'],
  ['2024-09-01', 'self'],
  ['2024-12-31', 'self'],
  ['2026-01-01', 'self'],
  ['2023-12-31', 'police'],
] as const) {
  application(on, channel);
}
// Decisions.
decision('admission', '2025-01-01');
decision('admission', '2025-06-15');
decision('admission', '2025-12-31');
decision('admission', null, null, 'proposed');
decision('admission', '2025-05-05', null, 'cancelled');
decision('admission', '2024-12-31');
decision('rejection', '2025-07-01', 'no_need_for_assistance');
decision('rejection', '2025-08-01', 'no_need_for_assistance');
decision('rejection', '2025-09-01', 'not_trafficking');
decision('reflection_period', '2025-02-01');
decision('reflection_period', '2025-07-15');
decision('extension', '2025-04-01');
decision('termination', '2025-04-30', 'client_request');

let database: TestDatabase;
let year: FigureSet;
let half: FigureSet;

beforeAll(async () => {
  database = await createTestDatabase();
  await insertRegister(database.db, register);
  year = await computeFigures(database.db, periodOf(2025), { threshold: 3 });
  half = await computeFigures(database.db, periodOf(2025, 1), { threshold: 3 });
});
afterAll(async () => {
  await database?.drop();
});

const v = (figures: FigureSet, id: string) => figures[id]?.value;
const share = (value: number, base: string, of: number) => ({ value, share: value / of, base });

describe('the figure catalogue on a hand-built register, year 2025', () => {
  it('counts applications by channel and group, with this and last year’s wellbeing-county share', () => {
    expect(year['applications.received']).toEqual({ value: 9 });
    expect(year['applications.byChannel.self']).toEqual(share(3, 'applications.received', 9));
    expect(year['applications.byChannel.immigration_service']).toEqual(share(2, 'applications.received', 9));
    expect(year['applications.byChannel.reception_centre']).toEqual(share(1, 'applications.received', 9));
    expect(year['applications.byChannel.wellbeing_services_county']).toEqual(share(2, 'applications.received', 9));
    expect(year['applications.byChannel.police']).toEqual(share(1, 'applications.received', 9));
    expect(year['applications.byChannel.ngo']).toBeUndefined();
    expect(year['applications.byChannelGroup.migri']).toEqual(share(3, 'applications.received', 9));
    expect(year['previous.applications.received']).toEqual({ value: 4 });
    expect(year['previous.applications.byChannel.wellbeing_services_county']).toEqual(share(1, 'previous.applications.received', 4));
  });

  it('counts decided decisions dated in the year, rejections by reason, and reflection periods without extensions', () => {
    expect(year['decisions.admission']).toEqual({ value: 3 });
    expect(year['decisions.rejection']).toEqual({ value: 3 });
    expect(year['decisions.rejection.byReason.no_need_for_assistance']).toEqual(share(2, 'decisions.rejection', 3));
    expect(year['decisions.rejection.byReason.not_trafficking']).toEqual(share(1, 'decisions.rejection', 3));
    expect(year['decisions.rejection.byReason.no_consent']).toBeUndefined();
    expect(year['reflectionPeriods.granted']).toEqual({ value: 2 });
  });

  it('counts ended clientships of victims and those assisting an investigation, not of children', () => {
    expect(year['clientships.ended']).toEqual({ value: 4 });
    for (const reason of ['left_country', 'client_request', 'no_longer_needs_assistance', 'disappeared']) {
      expect(year[`clientships.ended.byReason.${reason}`]).toEqual(share(1, 'clientships.ended', 4));
    }
    expect(year['clientships.ended.byReasonGroup.left_or_disappeared']).toEqual(share(2, 'clientships.ended', 4));
  });

  it('counts new victims once, by gender, age at admission and main nationality, and their children', () => {
    expect(year['newClients.victims']).toEqual({ value: 7 });
    expect(year['newClients.children']).toEqual({ value: 2 });
    expect(year['newClients.byGender.female']).toEqual(share(4, 'newClients.victims', 7));
    expect(year['newClients.byGender.male']).toEqual(share(2, 'newClients.victims', 7));
    expect(year['newClients.byGender.unknown']).toEqual(share(1, 'newClients.victims', 7));
    expect(year['newClients.byAgeGroup.under_18']).toEqual(share(1, 'newClients.victims', 7));
    expect(year['newClients.byAgeGroup.18_29']).toEqual(share(3, 'newClients.victims', 7)); // P7 exactly 18
    expect(year['newClients.byAgeGroup.40_49']).toEqual(share(1, 'newClients.victims', 7));
    expect(year['newClients.byAgeGroup.60_plus']).toEqual(share(1, 'newClients.victims', 7));
    expect(year['newClients.byAgeGroup.unknown']).toEqual(share(1, 'newClients.victims', 7));
    expect(year['newClients.byAgeGroup.30_39']).toBeUndefined();
    expect(year['newClients.minors']).toEqual(share(1, 'newClients.victims', 7));
    expect(year['newClients.nationalities']).toEqual({ value: 4 });
    // T = 3: NP (3) by its code, FI always, SO and ZZ grouped.
    expect(year['newClients.byNationality.NP']).toEqual(share(3, 'newClients.victims', 7));
    expect(year['newClients.byNationality.FI']).toEqual(share(2, 'newClients.victims', 7));
    expect(year['newClients.byNationality.other']).toEqual({ ...share(2, 'newClients.victims', 7), members: 2 });
    expect(year['newClients.byNationality.SO']).toBeUndefined();
    expect(year['newClients.finnish.exploitedOnlyAbroad']).toEqual(share(1, 'newClients.byNationality.FI', 2));
  });

  it('counts the exploitation records of new victims by form and gender', () => {
    expect(year['exploitations.total']).toEqual({ value: 10 });
    expect(year['exploitations.byForm.forced_labour']).toEqual(share(6, 'exploitations.total', 10));
    expect(year['exploitations.byForm.sexual_exploitation']).toEqual(share(2, 'exploitations.total', 10));
    expect(year['exploitations.byForm.begging']).toEqual(share(1, 'exploitations.total', 10));
    expect(year['exploitations.byForm.criminal_activities']).toEqual(share(1, 'exploitations.total', 10));
    expect(year['exploitations.byForm.forced_labour.byGender.female']).toEqual(share(5, 'exploitations.byForm.forced_labour', 6));
    expect(year['exploitations.byForm.forced_labour.byGender.male']).toEqual(share(1, 'exploitations.byForm.forced_labour', 6));
    expect(year['exploitations.byForm.sexual_exploitation.byGender.female']).toEqual(share(2, 'exploitations.byForm.sexual_exploitation', 2));
    expect(year['exploitations.byForm.sexual_exploitation.byGender.male']).toBeUndefined();
    expect(year['exploitations.byForm.begging.byGender.unknown']).toEqual(share(1, 'exploitations.byForm.begging', 1));
  });

  it('describes exploitation in Finland', () => {
    expect(year['inFinland.victims']).toEqual(share(5, 'newClients.victims', 7));
    expect(year['inFinland.byGender.female']).toEqual(share(3, 'inFinland.victims', 5));
    expect(year['inFinland.byGender.male']).toEqual(share(1, 'inFinland.victims', 5));
    expect(year['inFinland.byGender.unknown']).toEqual(share(1, 'inFinland.victims', 5));
    expect(year['inFinland.nationalities']).toEqual({ value: 3 });
    expect(year['inFinland.byNationality.NP']).toEqual(share(3, 'inFinland.victims', 5));
    expect(year['inFinland.byNationality.FI']).toEqual(share(1, 'inFinland.victims', 5));
    expect(year['inFinland.byNationality.other']).toEqual({ ...share(1, 'inFinland.victims', 5), members: 1 });
    expect(year['inFinland.exploitations']).toEqual(share(8, 'exploitations.total', 10));
    expect(year['inFinland.byForm.forced_labour']).toEqual(share(5, 'inFinland.exploitations', 8));
    expect(year['inFinland.byForm.sexual_exploitation']).toEqual(share(1, 'inFinland.exploitations', 8));
    expect(year['inFinland.byForm.begging']).toEqual(share(1, 'inFinland.exploitations', 8));
    expect(year['inFinland.byForm.criminal_activities']).toEqual(share(1, 'inFinland.exploitations', 8));
    for (const industry of ['restaurant', 'forestry', 'cleaning', 'agriculture', 'unknown']) {
      expect(year[`inFinland.forcedLabour.byIndustry.${industry}`]).toEqual(share(1, 'inFinland.byForm.forced_labour', 5));
    }
    expect(year['inFinland.forcedLabour.byIndustry.construction']).toBeUndefined(); // abroad
    expect(year['inFinland.forcedLabour.victims']).toEqual(share(4, 'inFinland.victims', 5));
    expect(year['previous.inFinland.forcedLabour.victims']).toEqual({ value: 2 });
    expect(year['inFinland.repeatedVictims']).toEqual(share(3, 'inFinland.victims', 5));
    expect(year['inFinland.repeatedVictims.byGender.female']).toEqual(share(2, 'inFinland.repeatedVictims', 3));
    expect(year['inFinland.repeatedVictims.byGender.unknown']).toEqual(share(1, 'inFinland.repeatedVictims', 3));
    expect(year['inFinland.byResidenceStatus.seasonal_work_permit']).toEqual(share(2, 'inFinland.victims', 5));
    expect(year['inFinland.byResidenceStatus.worker_permit']).toEqual(share(1, 'inFinland.victims', 5));
    expect(year['inFinland.byResidenceStatus.unknown']).toEqual(share(1, 'inFinland.victims', 5));
    expect(year['inFinland.byResidenceStatus.visa']).toEqual(share(1, 'inFinland.victims', 5));
    expect(year['inFinland.byResidenceStatus.eu_citizen']).toBeUndefined();
    expect(year['inFinland.byResidenceStatusGroup.residence_permit']).toEqual(share(3, 'inFinland.victims', 5));
  });

  it('takes the stock on 31 December, counting a person once', () => {
    expect(year['stock.clients']).toEqual({ value: 10 });
    expect(year['stock.byCategory.victim']).toEqual(share(8, 'stock.clients', 10));
    expect(year['stock.byCategory.child_of_victim']).toEqual(share(1, 'stock.clients', 10));
    expect(year['stock.byCategory.assists_investigation']).toEqual(share(1, 'stock.clients', 10));
    expect(year['stock.victims.byGender.female']).toEqual(share(6, 'stock.byCategory.victim', 8));
    expect(year['stock.victims.byGender.male']).toEqual(share(1, 'stock.byCategory.victim', 8));
    expect(year['stock.victims.byGender.unknown']).toEqual(share(1, 'stock.byCategory.victim', 8));
    expect(year['stock.victims.minors']).toEqual(share(1, 'stock.byCategory.victim', 8));
    expect(year['stock.victims.admittedAsMinors']).toEqual(share(3, 'stock.byCategory.victim', 8));
  });

  it('publishes exactly the ids above and nothing else', () => {
    const expected = `
      applications.byChannel.immigration_service applications.byChannel.police applications.byChannel.reception_centre
      applications.byChannel.self applications.byChannel.wellbeing_services_county applications.byChannelGroup.migri
      applications.received clientships.ended clientships.ended.byReason.client_request clientships.ended.byReason.disappeared
      clientships.ended.byReason.left_country clientships.ended.byReason.no_longer_needs_assistance
      clientships.ended.byReasonGroup.left_or_disappeared decisions.admission decisions.rejection
      decisions.rejection.byReason.no_need_for_assistance decisions.rejection.byReason.not_trafficking
      exploitations.byForm.begging exploitations.byForm.begging.byGender.unknown exploitations.byForm.criminal_activities
      exploitations.byForm.criminal_activities.byGender.unknown exploitations.byForm.forced_labour
      exploitations.byForm.forced_labour.byGender.female exploitations.byForm.forced_labour.byGender.male
      exploitations.byForm.sexual_exploitation exploitations.byForm.sexual_exploitation.byGender.female exploitations.total
      inFinland.byForm.begging inFinland.byForm.criminal_activities inFinland.byForm.forced_labour inFinland.byForm.sexual_exploitation
      inFinland.byGender.female inFinland.byGender.male inFinland.byGender.unknown
      inFinland.byNationality.FI inFinland.byNationality.NP inFinland.byNationality.other
      inFinland.byResidenceStatus.seasonal_work_permit inFinland.byResidenceStatus.unknown inFinland.byResidenceStatus.visa
      inFinland.byResidenceStatus.worker_permit inFinland.byResidenceStatusGroup.residence_permit inFinland.exploitations
      inFinland.forcedLabour.byIndustry.agriculture inFinland.forcedLabour.byIndustry.cleaning inFinland.forcedLabour.byIndustry.forestry
      inFinland.forcedLabour.byIndustry.restaurant inFinland.forcedLabour.byIndustry.unknown inFinland.forcedLabour.victims
      inFinland.nationalities inFinland.repeatedVictims inFinland.repeatedVictims.byGender.female
      inFinland.repeatedVictims.byGender.unknown inFinland.victims
      newClients.byAgeGroup.18_29 newClients.byAgeGroup.40_49 newClients.byAgeGroup.60_plus newClients.byAgeGroup.under_18
      newClients.byAgeGroup.unknown newClients.byGender.female newClients.byGender.male newClients.byGender.unknown
      newClients.byNationality.FI newClients.byNationality.NP newClients.byNationality.other newClients.children
      newClients.finnish.exploitedOnlyAbroad newClients.minors newClients.nationalities newClients.victims
      previous.applications.byChannel.wellbeing_services_county previous.applications.received
      previous.inFinland.forcedLabour.victims reflectionPeriods.granted
      stock.byCategory.assists_investigation stock.byCategory.child_of_victim stock.byCategory.victim stock.clients
      stock.victims.admittedAsMinors stock.victims.byGender.female stock.victims.byGender.male stock.victims.byGender.unknown
      stock.victims.minors`;
    expect(Object.keys(year).sort()).toEqual(expected.trim().split(/\s+/).sort());
  });

  it('agrees with the independent computation, at thresholds 0, 3 and 5', async () => {
    for (const threshold of [0, 3, 5]) {
      expect(await computeFigures(database.db, periodOf(2025), { threshold })).toEqual(referenceFigures(register, periodOf(2025), threshold));
    }
  });
});

describe('nationality grouping follows the threshold', () => {
  it('names every nationality with T = 0 and groups all but FI with T = 5', async () => {
    const open = await computeFigures(database.db, periodOf(2025), { threshold: 0 });
    expect(Object.keys(open).filter((id) => id.startsWith('newClients.byNationality.')).sort()).toEqual(
      ['newClients.byNationality.FI', 'newClients.byNationality.NP', 'newClients.byNationality.SO', 'newClients.byNationality.ZZ'],
    );
    const strict = await computeFigures(database.db, periodOf(2025), { threshold: 5 });
    expect(strict['newClients.byNationality.other']).toEqual({ value: 5, share: 5 / 7, base: 'newClients.victims', members: 3 });
    expect(strict['newClients.byNationality.NP']).toBeUndefined();
    expect(strict['newClients.byNationality.FI']?.value).toBe(2);
  });
});

describe('the first half of 2025', () => {
  it('counts the flows of 1 January – 30 June', () => {
    expect(v(half, 'applications.received')).toBe(4);
    expect(half['applications.byChannel.wellbeing_services_county']).toEqual(share(1, 'applications.received', 4));
    expect(half['applications.byChannelGroup.migri']).toEqual(share(1, 'applications.received', 4));
    expect(v(half, 'decisions.admission')).toBe(2);
    expect(v(half, 'reflectionPeriods.granted')).toBe(1);
    expect(v(half, 'clientships.ended')).toBe(2);
    expect(half['clientships.ended.byReasonGroup.left_or_disappeared']).toEqual(share(1, 'clientships.ended', 2));
    expect(v(half, 'newClients.victims')).toBe(4); // P1, P2, P3 (30 June), P7
    expect(v(half, 'newClients.children')).toBe(2);
    expect(v(half, 'previous.inFinland.forcedLabour.victims')).toBe(1); // P12, first half of 2024
  });

  it('has no share where the base is 0', () => {
    expect(half['decisions.rejection']).toEqual({ value: 0 });
    expect(Object.keys(half).filter((id) => id.startsWith('decisions.rejection.byReason.'))).toEqual([]);
    expect(half['previous.applications.received']).toEqual({ value: 0 });
    expect(half['previous.applications.byChannel.wellbeing_services_county']).toEqual({ value: 0 });
  });

  it('takes the stock on 30 June, with ages on that day', () => {
    expect(v(half, 'stock.clients')).toBe(9);
    expect(half['stock.byCategory.victim']).toEqual(share(5, 'stock.clients', 9));
    expect(half['stock.byCategory.child_of_victim']).toEqual(share(2, 'stock.clients', 9));
    expect(half['stock.byCategory.assists_investigation']).toEqual(share(2, 'stock.clients', 9));
    expect(half['stock.victims.byGender.female']).toEqual(share(4, 'stock.byCategory.victim', 5));
    expect(half['stock.victims.byGender.male']).toEqual(share(1, 'stock.byCategory.victim', 5));
    expect(half['stock.victims.minors']).toEqual(share(2, 'stock.byCategory.victim', 5)); // P3 is 17 on 30 June
    expect(half['stock.victims.admittedAsMinors']).toEqual(share(3, 'stock.byCategory.victim', 5));
  });

  it('agrees with the independent computation', async () => {
    expect(half).toEqual(referenceFigures(register, periodOf(2025, 1), 3));
  });
});

describe('an empty period', () => {
  it('publishes every fixed figure as 0, without shares, and no breakdown cells', async () => {
    const empty = await computeFigures(database.db, periodOf(2008), { threshold: 5 });
    for (const figure of Object.values(empty)) expect(figure).toEqual({ value: 0 });
    expect(Object.keys(empty)).toContain('applications.byChannelGroup.migri');
    expect(Object.keys(empty)).toContain('newClients.byNationality.FI');
    expect(Object.keys(empty).some((id) => id.startsWith('newClients.byGender.'))).toBe(false);
  });
});

describe('the report and its data hash', () => {
  it('gives the report JSON of exchange.md with figures sorted by id', async () => {
    const report = await buildReport(database.db, periodOf(2025, 1), 5);
    expect(report).toMatchObject({ report: 'overview', period: { year: 2025, half: 1, from: '2025-01-01', to: '2025-06-30' }, threshold: 5 });
    expect(report.dataHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const ids = Object.keys(report.figures);
    expect(ids).toEqual([...ids].sort());
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const yearReport = await buildReport(database.db, periodOf(2025), 5);
    expect(yearReport.period).toEqual({ year: 2025, from: '2025-01-01', to: '2025-12-31' });
  });

  it('lists the small counts for the disclosure check', () => {
    const small = disclosureCheck(year, 3);
    expect(small).toContainEqual({ id: 'newClients.byNationality.FI', value: 2 });
    expect(small).toContainEqual({ id: 'newClients.finnish.exploitedOnlyAbroad', value: 1 });
    expect(small.every((s) => s.value >= 1 && s.value <= 2)).toBe(true);
    expect(small.map((s) => s.id)).not.toContain('inFinland.nationalities');
    expect(disclosureCheck(year, 0)).toEqual([]);
  });

  it('is the same for the same facts, whatever else changes, and changes with a fact read', async () => {
    const period = periodOf(2025);
    const db = database.db;
    const original = await computeDataHash(db, period);
    expect(await computeDataHash(db, period)).toBe(original);

    // Identifying data (and its erasure), other years and unread columns do not count.
    await db.updateTable('person').set({ givenNames: 'ciphertext', languages: ['ne'], residenceStatus: 'worker_permit' }).where('id', '=', P1).execute();
    await db.updateTable('clientship').set({ officeCode: 'tampere' }).execute();
    await db.updateTable('application').set({ receivedOn: '2019-05-05' }).where('receivedOn', '=', '2023-12-31').execute();
    expect(await computeDataHash(db, period)).toBe(original);

    // A fact the figures read does.
    await db.updateTable('person').set({ gender: 'male' }).where('id', '=', P1).execute();
    const changed = await computeDataHash(db, period);
    expect(changed).not.toBe(original);
    await db.updateTable('person').set({ gender: 'female' }).where('id', '=', P1).execute();
    expect(await computeDataHash(db, period)).toBe(original);

    // The order the rows were stored in does not matter.
    await clearRegister(db);
    await insertRegister(db, {
      persons: [...register.persons].reverse(),
      clientships: [...register.clientships].reverse(),
      applications: [...register.applications].reverse().map((a) => (a.receivedOn === '2023-12-31' ? { ...a, receivedOn: '2019-05-05' } : a)),
      decisions: [...register.decisions].reverse(),
      exploitations: [...register.exploitations].reverse(),
    });
    expect(await computeDataHash(db, period)).toBe(original);
    expect(await computeFigures(db, period, { threshold: 3 })).toEqual(year);
  });

  it('reads inside a caller’s transaction too', async () => {
    const inside = await database.db.transaction().execute((tx) => computeFigures(tx, periodOf(2025), { threshold: 3 }));
    expect(inside).toEqual(year);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from person`.execute(database.db);
    expect(rows[0]!.n).toBe(register.persons.length);
  });
});
