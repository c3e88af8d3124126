/**
 * Valid exchange documents for property tests (fast-check): persons with awkward names, their
 * applications (with minor children), admissions and rejections, reflection periods,
 * clientships (children's with their parent's), exploitations, services, helpline contacts —
 * every rule of domain.md §5 kept by construction. Optional fields are sometimes missing,
 * sometimes null, sometimes given; text has spaces to trim and letters from many scripts.
 */
import fc from 'fast-check';
import { addDays, addMonths, END_REASONS, REJECTION_REASONS } from '../src/domain/codes.js';
import { type Kind } from '../src/server/exchange/format.js';

export type LooseDocument = { format: string; version: number } & Partial<Record<Kind, Record<string, unknown>[]>>;

const OFFICES = ['helsinki', 'tampere', 'lappeenranta'] as const;
const COUNTRIES = ['FI', 'NP', 'VN', 'UA', 'NG', 'TH', 'XX', 'ZZ'] as const;
const LANGUAGES = ['fi', 'sv', 'en', 'ne', 'vi', 'uk', 'th'] as const;

// Letters from several scripts, quotes, a backslash, XML's special characters and an emoji.
const UNITS = ['a', 'k', 'Ä', 'ö', 'é', 'ß', 'ł', 'ñ', 'Đ', 'ş', 'ة', 'ب', '中', 'क', 'Ж', '"', "'", '\\', '<', '&', '>', '-', ' ', '😀', '1'] as const;
const name = fc.string({ unit: fc.constantFrom(...UNITS), minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
const padded = name.chain((s) => fc.constantFrom(s, ` ${s}`, `${s}  `));
const multiLine = fc.array(name, { minLength: 1, maxLength: 3 }).chain((lines) => fc.constantFrom(lines.join('\n'), lines.join('\r\n'), `${lines.join('\n')}\n`));

/** An optional field: left out, null, or a value. */
function optional<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: value, weight: 3 });
}

const day = (from: string, days: number) => fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));

interface Plan {
  adults: number;
  children: number;
}

const personFields = (birth: fc.Arbitrary<string>) =>
  fc.record({
    givenNames: optional(padded),
    familyName: optional(padded),
    aliases: optional(fc.array(name, { maxLength: 2 })),
    birthDate: optional(birth),
    birthDateIsEstimate: optional(fc.boolean()),
    gender: fc.constantFrom('female', 'male', 'other', 'unknown'),
    nationalities: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 3 }),
    languages: optional(fc.uniqueArray(fc.constantFrom(...LANGUAGES), { maxLength: 3 })),
    interpreterNeeded: optional(fc.boolean()),
    municipality: optional(name),
    residenceStatus: optional(fc.constantFrom('asylum_seeker', 'visa', 'no_legal_residence', 'worker_permit', 'unknown', 'finnish_citizen')),
    phone: optional(fc.constantFrom('+358 40 123 4567', '040-1234567')),
    email: optional(fc.constantFrom('a@example.fi', 'x.y@example.org')),
    address: optional(multiLine),
  });

const caseArb = fc.record({
  received: day('2021-01-01', 1400),
  channel: fc.constantFrom('self', 'police', 'ngo', 'reception_centre', 'health_care', 'other'),
  office: optional(fc.constantFrom(...OFFICES)),
  outcome: fc.constantFrom('admission', 'rejection', 'open'),
  decisionAfter: fc.integer({ min: 0, max: 60 }),
  category: fc.constantFrom('victim', 'assists_investigation'),
  reason: fc.constantFrom(...REJECTION_REASONS),
  ended: fc.option(fc.record({ after: fc.integer({ min: 0, max: 400 }), reason: fc.constantFrom(...END_REASONS) }), { nil: undefined }),
  clientshipOffice: fc.constantFrom(...OFFICES),
  children: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
  summary: optional(multiLine),
  grounds: optional(multiLine),
  appeal: fc.option(fc.record({ lodgedAfter: fc.integer({ min: 0, max: 30 }), decidedAfter: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }), outcome: fc.constantFrom('pending', 'upheld', 'overturned') }), { nil: undefined }),
  letterLanguage: optional(fc.constantFrom('fi', 'sv', 'en')),
  expertGroupHeard: optional(fc.boolean()),
  helpline: fc.boolean(),
  status: fc.constantFrom('received', 'under_assessment', 'withdrawn', 'lapsed'),
});

const periodArb = fc.record({ start: day('2021-01-01', 1400), months: fc.integer({ min: 1, max: 6 }), kind: fc.constantFrom('reflection_period', 'extension') });
const exploitationArb = fc.record({
  form: fc.constantFrom('forced_labour', 'sexual_exploitation', 'begging', 'other'),
  primary: fc.boolean(),
  country: fc.constantFrom('FI', 'NP', 'TH', 'ZZ'),
  industry: optional(fc.constantFrom('restaurant', 'construction', 'cleaning')),
  residenceStatus: optional(fc.constantFrom('worker_permit', 'visa', 'unknown')),
  from: optional(fc.constantFrom('2019', '2019-06', '2020-02-29')),
  to: optional(fc.constantFrom('2020-03', '2021', '2021-12-31')),
});
const serviceArb = fc.record({
  type: fc.constantFrom('counselling', 'safe_accommodation', 'interpretation', 'legal_counselling'),
  provider: optional(fc.constantFrom('ngo', 'reception_centre', 'private_provider')),
  start: day('2021-01-01', 1400),
  days: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
});
const helplineArb = fc.record({
  at: fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2025, 11, 31) / 1000 }).map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z')),
  channel: fc.constantFrom('phone', 'email', 'chat', 'other'),
  caller: fc.constantFrom('possible_victim', 'professional', 'relative_or_friend', 'other'),
  language: optional(fc.constantFrom(...LANGUAGES)),
  topic: optional(fc.constantFrom('residence', 'safety', 'other')),
  outcome: fc.constantFrom('advice_given', 'referred_elsewhere', 'application_started'),
  office: optional(fc.constantFrom(...OFFICES)),
});

/** Drops the keys whose value is undefined (a field left out, not null). */
function clean<T extends Record<string, unknown>>(record: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/** A valid exchange document of up to `maxPersons` adults and their children. */
export function validDocument(options: { maxPersons?: number } = {}): fc.Arbitrary<LooseDocument> {
  const maxAdults = options.maxPersons ?? 6;
  return fc
    .record({
      plan: fc.record({ adults: fc.integer({ min: 1, max: maxAdults }), children: fc.integer({ min: 0, max: 3 }) }),
      // A prefix shared by the refs of one kind, so that ref order is not the order of creation.
      prefix: fc.constantFrom('', 'x-', 'Ö/', '7 '),
    })
    .chain(({ plan, prefix }: { plan: Plan; prefix: string }) =>
      fc.record({
        prefix: fc.constant(prefix),
        adults: fc.array(personFields(day('1950-01-01', 18_000)), { minLength: plan.adults, maxLength: plan.adults }),
        // Children born 2015–2020: minors whenever an application of 2021–2025 names them.
        children: fc.array(personFields(day('2015-01-01', 2000)), { minLength: plan.children, maxLength: plan.children }),
        cases: fc.array(fc.tuple(fc.nat(plan.adults - 1), caseArb), { maxLength: plan.adults * 2 }),
        periods: fc.array(fc.tuple(fc.nat(plan.adults - 1), periodArb), { maxLength: 2 }),
        assists: fc.array(fc.tuple(fc.nat(plan.adults - 1), day('2021-01-01', 1400), fc.constantFrom(...OFFICES)), { maxLength: 2 }),
        exploitations: fc.array(fc.tuple(fc.nat(plan.adults - 1), exploitationArb), { maxLength: plan.adults }),
        services: fc.array(fc.tuple(fc.nat(plan.adults - 1), serviceArb), { maxLength: plan.adults }),
        helpline: fc.array(helplineArb, { maxLength: 3 }),
      }),
    )
    .map((g) => buildDocument(g as unknown as Generated));
}

interface Generated {
  prefix: string;
  adults: Record<string, unknown>[];
  children: Record<string, unknown>[];
  cases: [number, Case][];
  periods: [number, { start: string; months: number; kind: string }][];
  assists: [number, string, string][];
  exploitations: [number, Record<string, unknown>][];
  services: [number, { type: string; provider: unknown; start: string; days: number | undefined }][];
  helpline: Record<string, unknown>[];
}

type Case = {
  received: string;
  channel: string;
  office: string | null | undefined;
  outcome: string;
  decisionAfter: number;
  category: string;
  reason: string;
  ended: { after: number; reason: string } | undefined;
  clientshipOffice: string;
  children: number[];
  summary: string | null | undefined;
  grounds: string | null | undefined;
  appeal: { lodgedAfter: number; decidedAfter: number | undefined; outcome: string } | undefined;
  letterLanguage: string | null | undefined;
  expertGroupHeard: boolean | null | undefined;
  helpline: boolean;
  status: string;
};

function buildDocument(g: Generated): LooseDocument {
  const p = g.prefix;
  const adultRef = (i: number) => `${p}P-${i}`;
  const childRef = (i: number) => `${p}K-${i}`;
  const persons = [
    ...g.adults.map((fields, i) => clean({ ref: adultRef(i), ...fields })),
    ...g.children.map((fields, i) => clean({ ref: childRef(i), ...fields })),
  ];
  const applications: Record<string, unknown>[] = [];
  const decisions: Record<string, unknown>[] = [];
  const clientships: Record<string, unknown>[] = [];
  const helplineContacts = g.helpline.map((h, i) => clean({ ref: `${p}H-${i}`, ...h }));
  const adultBirth = (i: number) => g.adults[i]?.birthDate as string | null | undefined;

  g.cases.forEach(([adult, c], n) => {
    const ref = `${p}A-${n}`;
    const kids = g.children.length === 0 ? [] : [...new Set(c.children.map((k) => k % g.children.length))].map(childRef);
    const decided = c.outcome !== 'open';
    const on = addDays(c.received, c.decisionAfter);
    const helplineRef = c.helpline && helplineContacts.length > 0 ? (helplineContacts[n % helplineContacts.length]!.ref as string) : undefined;
    applications.push(
      clean({
        ref,
        person: adultRef(adult),
        children: kids.length > 0 || n % 2 === 0 ? kids : undefined,
        receivedOn: c.received,
        channel: c.channel,
        office: c.office,
        consentGiven: c.outcome === 'admission' ? true : n % 3 === 0 ? null : false,
        consentOn: c.outcome === 'admission' ? c.received : undefined,
        status: decided ? 'decided' : c.status,
        statusChangedOn: decided ? on : undefined,
        deadline: addMonths(c.received, 1),
        helplineContact: helplineRef,
        summary: c.summary,
      }),
    );
    if (!decided) return;
    const appeal = c.appeal && {
      appealLodgedOn: addDays(on, c.appeal.lodgedAfter),
      appealOutcome: c.appeal.outcome,
      appealDecidedOn: c.appeal.decidedAfter === undefined ? undefined : addDays(on, c.appeal.lodgedAfter + c.appeal.decidedAfter),
    };
    decisions.push(
      clean({
        ref: `${p}D-${n}`,
        application: ref,
        person: adultRef(adult),
        kind: c.outcome,
        on,
        category: c.outcome === 'admission' ? c.category : undefined,
        reason: c.outcome === 'rejection' ? c.reason : undefined,
        expertGroupHeard: c.expertGroupHeard,
        letterLanguage: c.letterLanguage,
        grounds: c.grounds,
        ...appeal,
      }),
    );
    if (c.outcome !== 'admission') return;
    // The clientship starts on the admission; nobody is a client before their birth.
    const birth = adultBirth(adult);
    const start = birth && birth > on ? birth : on;
    const end = c.ended ? addDays(start, c.ended.after) : undefined;
    const parent = `${p}C-${n}`;
    clientships.push(clean({ ref: parent, person: adultRef(adult), category: c.category, start, end, endReason: c.ended?.reason, office: c.clientshipOffice }));
    if (c.category !== 'victim') return;
    kids.forEach((kid, k) => {
      const kidBirth = g.children[Number(kid.slice(`${p}K-`.length))]?.birthDate as string | null | undefined;
      const kidStart = kidBirth && kidBirth > start ? kidBirth : start;
      if (end !== undefined && kidStart > end) return;
      clientships.push(clean({ ref: `${p}C-${n}-${k}`, person: kid, category: 'child_of_victim', parent, start: kidStart, end, endReason: c.ended?.reason, office: c.clientshipOffice }));
    });
    if (c.ended) decisions.push({ ref: `${p}D-${n}-end`, person: adultRef(adult), kind: 'termination', on: end, reason: c.ended.reason });
  });

  g.periods.forEach(([adult, period], i) => {
    decisions.push({ ref: `${p}R-${i}`, person: adultRef(adult), kind: period.kind, on: period.start, start: period.start, end: addMonths(period.start, period.months) });
  });
  g.assists.forEach(([adult, start, office], i) => {
    const birth = adultBirth(adult);
    clientships.push({ ref: `${p}C-a${i}`, person: adultRef(adult), category: 'assists_investigation', start: birth && birth > start ? birth : start, office });
  });
  const exploitations = g.exploitations.map(([adult, e], i) => clean({ ref: `${p}E-${i}`, person: adultRef(adult), ...e }));
  const services = g.services.map(([adult, s], i) =>
    clean({ ref: `${p}S-${i}`, person: adultRef(adult), type: s.type, provider: s.provider, start: s.start, end: s.days === undefined ? undefined : addDays(s.start, s.days) }),
  );
  return { format: 'suoja-exchange', version: 1, persons, applications, decisions, clientships, exploitations, services, helplineContacts };
}
