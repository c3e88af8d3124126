import { describe, expect, it } from 'vitest';
import { canonicalDocument, canonicalRecord, COLUMNS, emptyRecords, KINDS, SCHEMAS, type Kind, type RawDocument } from './format.js';
import { formatProblem, ProblemList } from './problems.js';
import { checkRules, checkShape, type World } from './validate.js';

/** The example of exchange.md §1, as printed there. */
const EXAMPLE = {
  format: 'suoja-exchange',
  version: 1,
  persons: [
    { ref: 'P-1', givenNames: 'Sita', familyName: 'Example', aliases: [], birthDate: '1998-03-14', birthDateIsEstimate: false, gender: 'female', nationalities: ['NP'], languages: ['ne', 'en'], interpreterNeeded: true, municipality: 'Helsinki', residenceStatus: 'worker_permit' },
  ],
  applications: [{ ref: 'A-2025-1', person: 'P-1', children: ['P-2'], receivedOn: '2025-01-07', channel: 'reception_centre', office: 'helsinki', consentGiven: true, consentOn: '2025-01-07', status: 'decided' }],
  decisions: [
    { ref: 'D-1', application: 'A-2025-1', person: 'P-1', kind: 'admission', on: '2025-02-03', category: 'victim' },
    { ref: 'D-2', application: 'A-2025-9', person: 'P-9', kind: 'rejection', on: '2025-02-10', reason: 'no_need_for_assistance' },
    { ref: 'D-3', person: 'P-1', kind: 'reflection_period', on: '2025-02-03', start: '2025-02-03', end: '2025-05-03' },
    { ref: 'D-4', person: 'P-1', kind: 'termination', on: '2025-11-30', reason: 'no_longer_needs_assistance' },
  ],
  clientships: [
    { ref: 'C-1', person: 'P-1', category: 'victim', start: '2025-02-03', end: '2025-11-30', endReason: 'no_longer_needs_assistance', office: 'helsinki' },
    { ref: 'C-2', person: 'P-2', category: 'child_of_victim', parent: 'C-1', start: '2025-02-03', end: '2025-11-30', endReason: 'no_longer_needs_assistance', office: 'helsinki' },
  ],
  exploitations: [{ ref: 'E-1', person: 'P-1', form: 'forced_labour', primary: true, country: 'FI', industry: 'restaurant', residenceStatus: 'worker_permit', from: '2023-06', to: '2024-12' }],
  services: [{ ref: 'S-1', person: 'P-1', type: 'safe_accommodation', provider: 'reception_centre', start: '2025-02-03', end: '2025-04-01' }],
  helplineContacts: [{ ref: 'H-1', at: '2025-03-01T22:15:00Z', channel: 'phone', caller: 'possible_victim', language: 'en', outcome: 'application_started' }],
};

/** The records the example refers to without carrying them (P-2, P-9, A-2025-9), as if already in the database. */
const WORLD: World = {
  offices: new Set(['helsinki', 'tampere', 'lappeenranta']),
  stored: {
    persons: new Map([
      ['P-2', canonicalRecord('persons', { ref: 'P-2', gender: 'male', nationalities: ['NP'], birthDate: '2017-05-01' })],
      ['P-9', canonicalRecord('persons', { ref: 'P-9', gender: 'female', nationalities: ['ZZ'] })],
    ]),
    applications: new Map([['A-2025-9', canonicalRecord('applications', { ref: 'A-2025-9', person: 'P-9', receivedOn: '2025-01-20', channel: 'police' })]]),
    clientships: new Map(),
    helplineContacts: new Map(),
  },
  outcomes: new Map(),
};

type Doc = Record<string, unknown> & Partial<Record<Kind, Record<string, unknown>[]>>;

function raw(doc: Doc): RawDocument {
  const records = emptyRecords();
  for (const kind of KINDS) records[kind] = (doc[kind] as unknown[] | undefined) ?? [];
  return { format: doc.format, version: doc.version, records };
}

function check(doc: Doc, world: World = WORLD): string[] {
  const problems = new ProblemList();
  const r = raw(doc);
  const parsed = checkShape(r, problems);
  checkRules(r, parsed, world, problems);
  return problems.items.map(formatProblem);
}

/** The example with one record of a kind changed (or added, at the end). */
function withRecord(kind: Kind, index: number, change: Record<string, unknown> | null): Doc {
  const copy = structuredClone(EXAMPLE) as Doc;
  const list = (copy[kind] ?? []) as Record<string, unknown>[];
  if (change === null) list.splice(index, 1);
  else list[index] = { ...(list[index] ?? {}), ...change };
  copy[kind] = list;
  return copy;
}

describe('checking an exchange document', () => {
  it('accepts the example of exchange.md, given the records it refers to', () => {
    expect(check(EXAMPLE)).toEqual([]);
  });

  it('names every problem with its path and the value found there', () => {
    const applications = Array.from({ length: 13 }, (_, i) => ({ ref: `A-${i}`, person: 'P-1', receivedOn: '2025-01-07', channel: 'police' }));
    applications[12]!.channel = 'polise';
    expect(check({ ...EXAMPLE, applications: [...EXAMPLE.applications, ...applications] })).toEqual(['applications[13].channel: unknown code "polise"']);
    expect(check(withRecord('persons', 0, { nationalities: ['NP', 'Nepal'] }))).toEqual(['persons[0].nationalities[1]: unknown code "Nepal"']);
    expect(check(withRecord('persons', 0, { gender: undefined, nickname: 'S' }))).toEqual(['persons[0].gender: required', 'persons[0].nickname: unknown field "nickname" in a person record']);
    expect(check(withRecord('persons', 0, { birthDate: '1998-02-30', interpreterNeeded: 'yes' }))).toEqual([
      'persons[0].birthDate: not a date (YYYY-MM-DD): "1998-02-30"',
      'persons[0].interpreterNeeded: expected true or false, found text "yes"',
    ]);
    expect(check(withRecord('helplineContacts', 0, { at: '2025-03-01 22:15' }))).toEqual(['helplineContacts[0].at: not a date and time with a time zone (e.g. 2025-03-01T22:15:00Z): "2025-03-01 22:15"']);
    expect(check(withRecord('exploitations', 0, { from: '2023-13' }))).toEqual(['exploitations[0].from: not a year, month or date (YYYY, YYYY-MM or YYYY-MM-DD): "2023-13"']);
    expect(check(withRecord('persons', 0, { givenNames: 'Si\u0007ta' }))[0]).toMatch(/^persons\[0\]\.givenNames: contains a character that is not allowed/);
  });

  it('refuses a document that is not an exchange document of version 1', () => {
    expect(check({ ...EXAMPLE, format: 'csv' })).toEqual(['format: not an exchange file of Suoja: expected "suoja-exchange", found "csv"']);
    expect(check({ ...EXAMPLE, version: 2 })).toEqual(['version: version 2 is not supported: this installation reads version 1']);
    expect(check({ ...EXAMPLE, format: undefined, version: undefined })).toEqual(['format: required: "suoja-exchange"', 'version: required: 1']);
  });

  it('refuses a ref used twice within a kind, and a record that is not an object', () => {
    expect(check(withRecord('services', 1, { ref: 'S-1', person: 'P-1', type: 'counselling', start: '2025-03-01' }))).toEqual(['services[1].ref: ref "S-1" is also used by services[0]']);
    const notAnObject = structuredClone(EXAMPLE) as Doc;
    (notAnObject.services as unknown[]).push(['S-2']);
    expect(check(notAnObject)).toEqual(['services[1]: expected a service record (an object), found ["S-2"]']);
  });

  it('refuses references that point nowhere, in the file or in the database', () => {
    expect(check(withRecord('services', 0, { person: 'P-404' }))).toEqual(['services[0].person: no person with ref "P-404" in the file or in the database']);
    expect(check(withRecord('applications', 0, { children: ['P-2', 'P-405'] }))).toEqual(['applications[0].children[1]: no person with ref "P-405" in the file or in the database']);
    expect(check(withRecord('clientships', 1, { parent: 'C-404' }))).toEqual(['clientships[1].parent: no clientship with ref "C-404" in the file or in the database']);
    expect(check(withRecord('decisions', 1, { application: 'A-404' }))).toEqual(['decisions[1].application: no application with ref "A-404" in the file or in the database']);
    expect(check(withRecord('clientships', 0, { office: 'turku' }))).toEqual(['clientships[0].office: unknown code "turku" (offices: helsinki, tampere, lappeenranta)']);
  });

  it('does not repeat a problem for records that refer to a record with problems of its own', () => {
    expect(check(withRecord('persons', 0, { gender: 'f' }))).toEqual(['persons[0].gender: unknown code "f"']);
  });

  it('refuses dates in the wrong order', () => {
    expect(check(withRecord('services', 0, { end: '2025-01-01' }))).toEqual(['services[0].end: end 2025-01-01 is before start 2025-02-03']);
    expect(check(withRecord('clientships', 0, { start: '1990-01-01', end: undefined, endReason: undefined }))).toContain('clientships[0].start: start 1990-01-01 is before the birth date of "P-1"');
    expect(check(withRecord('decisions', 0, { on: '2024-12-31' }))).toEqual(['decisions[0].on: the decision on 2024-12-31 is before the application received on 2025-01-07']);
    expect(check(withRecord('exploitations', 0, { from: '2024-06', to: '2023' }))).toEqual(['exploitations[0].to: to 2023 is before from 2024-06']);
    expect(check(withRecord('decisions', 3, { appealLodgedOn: '2025-11-01' }))).toEqual(['decisions[3].appealLodgedOn: the appeal lodged on 2025-11-01 is before the decision on 2025-11-30']);
  });

  it('refuses a reflection period of more than six months, or less than one', () => {
    expect(check(withRecord('decisions', 2, { end: '2025-08-04' }))).toEqual(['decisions[2].end: a reflection period is 1 to 6 months: 2025-02-03 to 2025-08-04 is longer']);
    expect(check(withRecord('decisions', 2, { end: '2025-08-03' }))).toEqual([]);
    expect(check(withRecord('decisions', 2, { end: '2025-02-20' }))).toEqual(['decisions[2].end: a reflection period is 1 to 6 months: 2025-02-03 to 2025-02-20 is shorter']);
    expect(check(withRecord('decisions', 2, { start: undefined }))).toEqual(['decisions[2].start: required for a reflection period']);
  });

  it('refuses a child without a parent clientship, and a parent that is not a victim', () => {
    expect(check(withRecord('clientships', 1, { parent: undefined }))).toEqual(["clientships[1].parent: a child of a victim needs the parent's clientship (parent)"]);
    expect(check(withRecord('clientships', 1, { parent: 'C-2' }))).toEqual(['clientships[1].parent: a clientship cannot be its own parent']);
    expect(check(withRecord('clientships', 0, { parent: 'C-2' }))).toEqual(['clientships[0].parent: only a child of a victim has a parent clientship, not a victim']);
    expect(check(withRecord('clientships', 1, { end: undefined, endReason: undefined }))).toEqual(["clientships[1].end: a child's clientship ends with the parent's: clientship \"C-1\" ended on 2025-11-30"]);
  });

  it('keeps the rules of decisions: reasons, consent, one outcome per application', () => {
    expect(check(withRecord('decisions', 1, { reason: undefined }))).toEqual(['decisions[1].reason: required for a rejection']);
    expect(check(withRecord('decisions', 1, { reason: 'left_country' }))).toEqual(['decisions[1].reason: unknown code "left_country" (a rejection reason is expected)']);
    expect(check(withRecord('decisions', 3, { reason: 'left_country' }))).toEqual([]);
    expect(check(withRecord('decisions', 0, { reason: 'other' }))).toEqual(['decisions[0].reason: only for rejections and terminations, not for an admission']);
    expect(check(withRecord('applications', 0, { consentGiven: false }))).toEqual(['decisions[0].application: an admission needs recorded consent: application "A-2025-1" does not have consentGiven true']);
    expect(check(withRecord('decisions', 4, { ref: 'D-5', application: 'A-2025-1', person: 'P-1', kind: 'rejection', on: '2025-02-04', reason: 'other' }))).toEqual([
      'decisions[4].application: application "A-2025-1" already has an admission or a rejection (decisions[0]): an application gets at most one',
    ]);
    const decided = { ...WORLD, outcomes: new Map([['A-2025-9', ['D-old']]]) };
    expect(check(EXAMPLE, decided)).toEqual(['decisions[1].application: application "A-2025-9" already has an admission or a rejection in the database: an application gets at most one']);
    // The file's own version of a stored decision replaces it.
    expect(check(EXAMPLE, { ...WORLD, outcomes: new Map([['A-2025-9', ['D-2']]]) })).toEqual([]);
  });

  it('keeps children minor and apart from the applicant', () => {
    expect(check(withRecord('applications', 0, { children: ['P-1'] }))).toEqual(['applications[0].children[0]: the person applied for ("P-1") cannot also be a child of the application']);
    const adultChild = { ...WORLD, stored: { ...WORLD.stored, persons: new Map([...WORLD.stored.persons, ['P-2', canonicalRecord('persons', { ref: 'P-2', gender: 'male', nationalities: ['NP'], birthDate: '2005-01-01' })]]) } };
    expect(check(EXAMPLE, adultChild)).toEqual(['applications[0].children[0]: child "P-2" was 20 when the application was received: only minor children apply with a person']);
  });

  it('lists every problem of a file at once', () => {
    const broken = withRecord('persons', 0, { gender: 'woman' });
    (broken.services as Record<string, unknown>[])[0]!.type = 'housing';
    (broken.decisions as Record<string, unknown>[])[2]!.end = '2026-01-01';
    expect(check(broken)).toEqual([
      'persons[0].gender: unknown code "woman"',
      'services[0].type: unknown code "housing"',
      'decisions[2].end: a reflection period is 1 to 6 months: 2025-02-03 to 2026-01-01 is longer',
    ]);
  });
});

describe('the canonical form', () => {
  it('has exactly the columns of the XLSX sheets, and schemas with exactly those fields', () => {
    for (const kind of KINDS) expect(Object.keys(SCHEMAS[kind].shape)).toEqual(COLUMNS[kind].map((c) => c.name));
  });

  it('trims text, keeps one kind of line end, leaves out empty fields, fills in defaults and sorts by ref', () => {
    const doc = canonicalDocument({
      persons: [
        { ref: 'P-2', givenNames: ' Sita ', familyName: '', birthDate: null, gender: 'female', nationalities: ['NP'], address: 'Katu 1\r\n00100 Helsinki\r\n' },
        { ref: 'P-10', gender: 'male', nationalities: ['ZZ'] },
      ],
      applications: [{ ref: 'A-1', person: 'P-2', receivedOn: '2025-01-07', channel: 'self', children: ['P-9', 'P-10'] }],
      helplineContacts: [{ ref: 'H-1', at: '2025-03-02T00:15:00+02:00', channel: 'phone', caller: 'other', outcome: 'advice_given' }],
    });
    expect(doc.persons).toEqual([
      { ref: 'P-10', aliases: [], birthDateIsEstimate: false, gender: 'male', nationalities: ['ZZ'], languages: [], interpreterNeeded: false, residenceStatus: 'unknown' },
      { ref: 'P-2', givenNames: 'Sita', aliases: [], birthDateIsEstimate: false, gender: 'female', nationalities: ['NP'], languages: [], interpreterNeeded: false, residenceStatus: 'unknown', address: 'Katu 1\n00100 Helsinki' },
    ]);
    expect(doc.applications[0]).toEqual({ ref: 'A-1', person: 'P-2', children: ['P-10', 'P-9'], receivedOn: '2025-01-07', channel: 'self', status: 'received' });
    expect(doc.helplineContacts[0]!.at).toBe('2025-03-01T22:15:00Z');
  });
});
