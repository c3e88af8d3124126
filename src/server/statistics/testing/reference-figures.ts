/**
 * The figure catalogue computed a second time, in plain TypeScript from the register's rows,
 * straight from the definitions of statistics.md §1 — to check the SQL against. Deliberately
 * written record by record, not from the SQL's shape.
 */
import { ageGroup } from '../../../domain/codes.js';
import type { Figure, FigureSet } from '../figures.js';
import { periodOf, type Period } from '../period.js';
import type { ClientshipFacts, ExploitationFacts, PersonFacts, Register } from './register.js';

const MIGRI = ['immigration_service', 'reception_centre'];
const LEFT_OR_DISAPPEARED = ['left_country', 'assisted_voluntary_return', 'disappeared'];
const PERMITS = ['seasonal_work_permit', 'worker_permit', 'family_permit', 'student_permit', 'international_protection', 'temporary_protection', 'other_permit'];
const CATEGORY_RANK: Record<string, number> = { victim: 0, assists_investigation: 1, child_of_victim: 2 };

const within = (date: string | null, p: Period) => date !== null && date >= p.from && date <= p.to;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function newVictimsOf(register: Register, p: Period): { person: PersonFacts; first: ClientshipFacts }[] {
  const result: { person: PersonFacts; first: ClientshipFacts }[] = [];
  for (const person of register.persons) {
    const started = register.clientships
      .filter((c) => c.personId === person.id && c.category === 'victim' && within(c.startDate, p))
      .sort((a, b) => (a.startDate !== b.startDate ? (a.startDate < b.startDate ? -1 : 1) : a.id < b.id ? -1 : 1));
    if (started[0]) result.push({ person, first: started[0] });
  }
  return result;
}

function compareRecords(a: ExploitationFacts, b: ExploitationFacts): number {
  if (a.isPrimary !== b.isPrimary) return a.isPrimary ? -1 : 1;
  if (a.periodFrom !== b.periodFrom) {
    if (a.periodFrom === null) return 1;
    if (b.periodFrom === null) return -1;
    return a.periodFrom < b.periodFrom ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function referenceFigures(register: Register, period: Period, threshold: number): FigureSet {
  const previous = periodOf(period.year - 1, period.half);
  const values = new Map<string, { value: number; base?: string; members?: number }>();
  const put = (id: string, value: number, base?: string, members?: number) => values.set(id, { value, base, members });
  const putNonZero = (id: string, value: number, base?: string) => {
    if (value > 0) put(id, value, base);
  };
  const putAll = (prefix: string, counts: Map<string, number>, base?: string) => {
    for (const [code, n] of counts) putNonZero(`${prefix}.${code}`, n, base);
  };
  const putNationalities = (prefix: string, counts: Map<string, number>, base: string) => {
    let other = 0;
    let members = 0;
    for (const [code, n] of counts) {
      if (code === 'FI' || n >= threshold) putNonZero(`${prefix}.${code}`, n, base);
      else {
        other += n;
        members++;
      }
    }
    if (members > 0) put(`${prefix}.other`, other, base, members);
  };

  // Applications.
  const apps = register.applications.filter((a) => within(a.receivedOn, period));
  put('applications.received', apps.length);
  putAll('applications.byChannel', countBy(apps, (a) => a.channel), 'applications.received');
  put('applications.byChannelGroup.migri', apps.filter((a) => MIGRI.includes(a.channel)).length, 'applications.received');
  const previousApps = register.applications.filter((a) => within(a.receivedOn, previous));
  put('previous.applications.received', previousApps.length);
  put('previous.applications.byChannel.wellbeing_services_county', previousApps.filter((a) => a.channel === 'wellbeing_services_county').length, 'previous.applications.received');

  // Decisions.
  const decided = register.decisions.filter((d) => d.status === 'decided' && within(d.decidedOn, period));
  put('decisions.admission', decided.filter((d) => d.kind === 'admission').length);
  const rejections = decided.filter((d) => d.kind === 'rejection');
  put('decisions.rejection', rejections.length);
  putAll('decisions.rejection.byReason', countBy(rejections, (d) => d.reason ?? 'unknown'), 'decisions.rejection');
  put('reflectionPeriods.granted', decided.filter((d) => d.kind === 'reflection_period').length);

  // Ended clientships and children.
  const ended = register.clientships.filter((c) => c.category !== 'child_of_victim' && within(c.endDate, period));
  put('clientships.ended', ended.length);
  putAll('clientships.ended.byReason', countBy(ended, (c) => c.endReason ?? 'unknown'), 'clientships.ended');
  put('clientships.ended.byReasonGroup.left_or_disappeared', ended.filter((c) => LEFT_OR_DISAPPEARED.includes(c.endReason ?? '')).length, 'clientships.ended');
  put('newClients.children', register.clientships.filter((c) => c.category === 'child_of_victim' && within(c.startDate, period)).length);

  // New victims.
  const victims = newVictimsOf(register, period);
  const main = (p: PersonFacts) => p.nationalities[0]!;
  const recordsOf = (p: PersonFacts) => register.exploitations.filter((e) => e.personId === p.id);
  const inFinlandOf = (p: PersonFacts) => recordsOf(p).filter((e) => e.country === 'FI');
  put('newClients.victims', victims.length);
  putAll('newClients.byGender', countBy(victims, (v) => v.person.gender), 'newClients.victims');
  const group = (age: number | null) => (age === null ? 'unknown' : ageGroup(age));
  putAll('newClients.byAgeGroup', countBy(victims, (v) => group(v.first.ageAtStart)), 'newClients.victims');
  put('newClients.minors', victims.filter((v) => v.first.ageAtStart !== null && v.first.ageAtStart < 18).length, 'newClients.victims');
  const nationalities = countBy(victims, (v) => main(v.person));
  put('newClients.nationalities', nationalities.size);
  putNationalities('newClients.byNationality', nationalities, 'newClients.victims');
  const finns = victims.filter((v) => main(v.person) === 'FI');
  put('newClients.byNationality.FI', finns.length, 'newClients.victims');
  put('newClients.finnish.exploitedOnlyAbroad', finns.filter((v) => inFinlandOf(v.person).length === 0).length, 'newClients.byNationality.FI');

  // Exploitation records of new victims.
  const records = victims.flatMap((v) => recordsOf(v.person).map((e) => ({ e, gender: v.person.gender })));
  put('exploitations.total', records.length);
  const forms = countBy(records, (r) => r.e.form);
  putAll('exploitations.byForm', forms, 'exploitations.total');
  for (const form of forms.keys()) {
    putAll(`exploitations.byForm.${form}.byGender`, countBy(records.filter((r) => r.e.form === form), (r) => r.gender), `exploitations.byForm.${form}`);
  }

  // In Finland.
  const inFinland = victims.filter((v) => inFinlandOf(v.person).length > 0);
  put('inFinland.victims', inFinland.length, 'newClients.victims');
  putAll('inFinland.byGender', countBy(inFinland, (v) => v.person.gender), 'inFinland.victims');
  const finlandNationalities = countBy(inFinland, (v) => main(v.person));
  put('inFinland.nationalities', finlandNationalities.size);
  putNationalities('inFinland.byNationality', finlandNationalities, 'inFinland.victims');
  const finlandRecords = inFinland.flatMap((v) => inFinlandOf(v.person));
  put('inFinland.exploitations', finlandRecords.length, 'exploitations.total');
  putAll('inFinland.byForm', countBy(finlandRecords, (e) => e.form), 'inFinland.exploitations');
  putAll(
    'inFinland.forcedLabour.byIndustry',
    countBy(finlandRecords.filter((e) => e.form === 'forced_labour'), (e) => e.industry ?? 'unknown'),
    'inFinland.byForm.forced_labour',
  );
  const repeated = inFinland.filter((v) => inFinlandOf(v.person).length > 1);
  put('inFinland.repeatedVictims', repeated.length, 'inFinland.victims');
  putAll('inFinland.repeatedVictims.byGender', countBy(repeated, (v) => v.person.gender), 'inFinland.repeatedVictims');
  const forcedLabourIn = (vs: typeof victims) => vs.filter((v) => inFinlandOf(v.person).some((e) => e.form === 'forced_labour')).length;
  put('inFinland.forcedLabour.victims', forcedLabourIn(inFinland), 'inFinland.victims');
  put('previous.inFinland.forcedLabour.victims', forcedLabourIn(newVictimsOf(register, previous)));
  const statuses = countBy(inFinland, (v) => [...inFinlandOf(v.person)].sort(compareRecords)[0]!.residenceStatus ?? 'unknown');
  putAll('inFinland.byResidenceStatus', statuses, 'inFinland.victims');
  put('inFinland.byResidenceStatusGroup.residence_permit', [...statuses].filter(([s]) => PERMITS.includes(s)).reduce((t, [, n]) => t + n, 0), 'inFinland.victims');

  // The stock.
  const ref = period.referenceDate;
  const refYear = Number(ref.slice(0, 4));
  const refMonth = Number(ref.slice(5, 7));
  const stock: { person: PersonFacts; clientship: ClientshipFacts }[] = [];
  for (const person of register.persons) {
    const active = register.clientships
      .filter((c) => c.personId === person.id && c.startDate <= ref && (c.endDate === null || c.endDate > ref))
      .sort((a, b) => {
        if (a.startDate !== b.startDate) return a.startDate > b.startDate ? -1 : 1;
        if (a.category !== b.category) return CATEGORY_RANK[a.category]! - CATEGORY_RANK[b.category]!;
        return a.id < b.id ? -1 : 1;
      });
    if (active[0]) stock.push({ person, clientship: active[0] });
  }
  put('stock.clients', stock.length);
  putAll('stock.byCategory', countBy(stock, (s) => s.clientship.category), 'stock.clients');
  const stockVictims = stock.filter((s) => s.clientship.category === 'victim');
  const ageOnRef = (p: PersonFacts) => (p.birthYear === null ? null : refYear - p.birthYear - ((p.birthMonth ?? 12) > refMonth ? 1 : 0));
  put('stock.victims.minors', stockVictims.filter((s) => (ageOnRef(s.person) ?? 99) < 18).length, 'stock.byCategory.victim');
  put('stock.victims.admittedAsMinors', stockVictims.filter((s) => s.clientship.ageAtStart !== null && s.clientship.ageAtStart < 18).length, 'stock.byCategory.victim');
  putAll('stock.victims.byGender', countBy(stockVictims, (s) => s.person.gender), 'stock.byCategory.victim');

  const figures: FigureSet = {};
  for (const [id, { value, base, members }] of values) {
    const figure: Figure = { value };
    const baseValue = base === undefined ? 0 : (values.get(base)?.value ?? 0);
    if (base !== undefined && baseValue > 0) {
      figure.share = value / baseValue;
      figure.base = base;
    }
    if (members !== undefined) figure.members = members;
    figures[id] = figure;
  }
  return figures;
}
