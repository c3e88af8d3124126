import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../../../test/database.js';
import { countRows, exchangeContext, exportJson, importJson, importXlsx, type ExchangeContext } from '../../../test/exchange.js';
import { createClient } from '../../../test/records.js';
import { decryptIdentity } from '../modules/clients/persons.repository.js';
import { canonicalDocument, KINDS, type Kind } from './format.js';
import type { ImportReport } from './import.js';

type Doc = Record<string, unknown> & Partial<Record<Kind, Record<string, unknown>[]>>;

/** A small register: a victim with a child, a rejected applicant, and twelve more applications. */
function register(): Doc {
  const more = Array.from({ length: 12 }, (_, i) => ({ ref: `A-2025-${100 + i}`, person: 'P-9', receivedOn: '2025-03-01', channel: 'police', status: 'received' }));
  return {
    format: 'suoja-exchange',
    version: 1,
    persons: [
      { ref: 'P-1', givenNames: 'Sita', familyName: 'Example', aliases: ['Sita E.'], birthDate: '1998-03-14', gender: 'female', nationalities: ['NP'], languages: ['ne', 'en'], interpreterNeeded: true, municipality: 'Helsinki', residenceStatus: 'no_legal_residence', phone: '+358 40 123 4567' },
      { ref: 'P-2', givenNames: 'Maya', familyName: 'Example', birthDate: '2017-05-01', gender: 'female', nationalities: ['NP'] },
      { ref: 'P-9', givenNames: 'Ivan', birthDate: '1980-01-01', birthDateIsEstimate: true, gender: 'male', nationalities: ['UA'], residenceStatus: 'temporary_protection' },
    ],
    applications: [
      { ref: 'A-2025-1', person: 'P-1', children: ['P-2'], receivedOn: '2025-01-07', channel: 'reception_centre', office: 'helsinki', consentGiven: true, consentOn: '2025-01-07', status: 'decided', summary: 'Worked 14 hours a day.\nPassport taken.', helplineContact: 'H-1' },
      { ref: 'A-2025-9', person: 'P-9', receivedOn: '2025-01-20', channel: 'police', office: 'tampere', consentGiven: true, status: 'decided' },
      ...more,
    ],
    decisions: [
      { ref: 'D-1', application: 'A-2025-1', person: 'P-1', kind: 'admission', on: '2025-02-03', category: 'victim', grounds: 'Meets the definition.', letterLanguage: 'en' },
      { ref: 'D-2', application: 'A-2025-9', person: 'P-9', kind: 'rejection', on: '2025-02-10', reason: 'no_need_for_assistance', appealLodgedOn: '2025-02-20', appealOutcome: 'pending' },
      { ref: 'D-3', person: 'P-1', kind: 'reflection_period', on: '2025-02-03', start: '2025-02-03', end: '2025-05-03' },
    ],
    clientships: [
      { ref: 'C-1', person: 'P-1', category: 'victim', start: '2025-02-03', office: 'helsinki' },
      { ref: 'C-2', person: 'P-2', category: 'child_of_victim', parent: 'C-1', start: '2025-02-03', office: 'helsinki' },
    ],
    exploitations: [{ ref: 'E-1', person: 'P-1', form: 'forced_labour', primary: true, country: 'FI', industry: 'restaurant', residenceStatus: 'worker_permit', from: '2023-06', to: '2024-12' }],
    services: [{ ref: 'S-1', person: 'P-1', type: 'safe_accommodation', provider: 'reception_centre', start: '2025-02-03', end: '2025-04-01' }],
    helplineContacts: [{ ref: 'H-1', at: '2025-01-06T22:15:00Z', channel: 'phone', caller: 'possible_victim', language: 'en', topic: 'safety', outcome: 'application_started', office: 'helsinki' }],
  };
}

const lines = (report: ImportReport) => report.problems.map((p) => `${p.path}: ${p.message}`);
const totals = (report: ImportReport) => Object.fromEntries(KINDS.map((k) => [k, [report.counts[k].created, report.counts[k].updated, report.counts[k].unchanged]]));

let t: ExchangeContext;
beforeAll(async () => {
  t = await exchangeContext();
  const first = await importJson(t.ctx, register());
  expect(first.problems).toEqual([]);
});
afterAll(() => t?.close());

describe(`importing exchange files (${TEST_ENGINE})`, () => {
  it('refuses every kind of bad input whole, naming the path and the value, and writes nothing', async () => {
    const cases: [string, (doc: Doc) => Doc | string, { path: string; code: string; value?: unknown }][] = [
      ['malformed JSON', (doc) => JSON.stringify(doc).replace('"ref":"S-1",', '"ref":"S-1",,'), { path: 'services[0]', code: 'malformed_json' }],
      ['a file that breaks off', (doc) => JSON.stringify(doc).slice(0, 1500), { path: '', code: 'malformed_json' }],
      ['an unknown code deep inside', (doc) => (((doc.applications as Record<string, unknown>[])[12]!.channel = 'polise'), doc), { path: 'applications[12].channel', code: 'unknown_code', value: 'polise' }],
      ['a duplicate ref', (doc) => (doc.services!.push({ ref: 'S-1', person: 'P-9', type: 'counselling', start: '2025-03-01' }), doc), { path: 'services[1].ref', code: 'duplicate_ref', value: 'S-1' }],
      ['a reference that points nowhere', (doc) => (doc.exploitations!.push({ ref: 'E-2', person: 'P-404', form: 'begging', primary: false, country: 'FI' }), doc), { path: 'exploitations[1].person', code: 'unknown_reference', value: 'P-404' }],
      ['dates in the wrong order', (doc) => ((doc.services![0]!.end = '2025-01-01'), doc), { path: 'services[0].end', code: 'dates_out_of_order', value: '2025-01-01' }],
      ['a reflection period over six months', (doc) => ((doc.decisions![2]!.end = '2025-09-01'), doc), { path: 'decisions[2].end', code: 'reflection_period_too_long', value: '2025-09-01' }],
      ['a child without a parent clientship', (doc) => (delete doc.clientships![1]!.parent, doc), { path: 'clientships[1].parent', code: 'child_without_parent' }],
      ['a second outcome for an application already decided in the database', (doc) => ({ ...doc, decisions: [{ ref: 'D-9', application: 'A-2025-9', person: 'P-9', kind: 'admission', on: '2025-03-01' }] }), { path: 'decisions[0].application', code: 'second_outcome', value: 'A-2025-9' }],
    ];
    const before = await countRows(t.ctx.database.db);
    for (const [name, spoil, expected] of cases) {
      const report = await importJson(t.ctx, spoil(register()));
      expect(report.imported, name).toBe(false);
      expect(report.problems, name).toEqual([expect.objectContaining(expected)]);
      expect(await countRows(t.ctx.database.db), name).toEqual(before);
    }
    const deep = await importJson(t.ctx, cases[2]![1](register()));
    expect(lines(deep)).toEqual(['applications[12].channel: unknown code "polise"']);
    // A refusal found by comparing with the register is in the audit trail, with its count of problems.
    const refusal = await t.ctx.database.db.selectFrom('auditEvent').select(['outcome', 'details']).where('action', '=', 'exchange.import').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(refusal).toEqual({ outcome: 'failure', details: { format: 'json', problems: 1 } });
  });

  it('checks without writing on a dry run, and says what an import would do', async () => {
    const doc = register();
    doc.persons![2]!.municipality = 'Tampere';
    doc.services!.push({ ref: 'S-2', person: 'P-9', type: 'counselling', start: '2025-03-01' });
    const before = await countRows(t.ctx.database.db);
    const report = await importJson(t.ctx, doc, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, imported: false, problemCount: 0 });
    expect(report.counts.persons).toEqual({ inFile: 3, created: 0, updated: 1, unchanged: 2 });
    expect(report.counts.services).toEqual({ inFile: 2, created: 1, updated: 0, unchanged: 1 });
    expect(await countRows(t.ctx.database.db)).toEqual(before);
    expect((await exportJson(t.ctx)).doc).toEqual(canonicalDocument(register()));
    // It read the register: the audit trail says who compared a file with it, and what it found.
    const entry = await t.ctx.database.db.selectFrom('auditEvent').select(['outcome', 'details']).where('action', '=', 'exchange.import').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ outcome: 'success', details: { format: 'json', dryRun: true, persons: { created: 0, updated: 1, unchanged: 2 } } });
  });

  it('leaves one copy of each record when the same file is imported twice', async () => {
    const before = await countRows(t.ctx.database.db);
    const again = await importJson(t.ctx, register());
    expect(totals(again)).toEqual({ persons: [0, 0, 3], applications: [0, 0, 14], decisions: [0, 0, 3], clientships: [0, 0, 2], exploitations: [0, 0, 1], services: [0, 0, 1], helplineContacts: [0, 0, 1] });
    expect(await countRows(t.ctx.database.db)).toEqual(before);
    expect(before).toMatchObject({ person: 3, application: 14, application_child: 1, decision: 3, clientship: 2 });
  });

  it('updates records by ref from a later file, keeping what the format does not carry', async () => {
    const doc = register();
    doc.persons![0]!.municipality = 'Espoo';
    doc.persons![0]!.birthDate = '1999-03-14';
    doc.applications![1]!.status = 'withdrawn';
    doc.clientships![0]!.end = '2025-11-30';
    doc.clientships![0]!.endReason = 'no_longer_needs_assistance';
    doc.clientships![1]!.end = '2025-11-30';
    doc.clientships![1]!.endReason = 'no_longer_needs_assistance';
    doc.decisions![1]!.reason = 'not_trafficking';
    const db = t.ctx.database.db;
    const person = await db.selectFrom('person').select(['id', 'number', 'version']).where('ref', '=', 'P-1').executeTakeFirstOrThrow();
    const application = await db.selectFrom('application').select(['id', 'number']).where('ref', '=', 'A-2025-9').executeTakeFirstOrThrow();
    const before = await countRows(db);

    const report = await importJson(t.ctx, doc);
    expect(report.problems).toEqual([]);
    expect(totals(report)).toMatchObject({ persons: [0, 1, 2], applications: [0, 1, 13], decisions: [0, 1, 2], clientships: [0, 2, 0] });
    expect((await exportJson(t.ctx)).doc).toEqual(canonicalDocument(doc));

    // The same records, changed in place: same ids and numbers, a new version, one more status change.
    const after = await db.selectFrom('person').selectAll().where('ref', '=', 'P-1').executeTakeFirstOrThrow();
    expect({ id: after.id, number: after.number, version: after.version }).toEqual({ id: person.id, number: person.number, version: person.version + 1 });
    expect(decryptIdentity(t.ctx.keyring, after.id, after).municipality).toBe('Espoo');
    expect(after).toMatchObject({ birthYear: 1999, birthMonth: 3 });
    expect((await db.selectFrom('application').select('number').where('id', '=', application.id).executeTakeFirstOrThrow()).number).toBe(application.number);
    expect(await countRows(db)).toEqual({ ...before, application_status_change: before.application_status_change! + 1 });
    const ages = await db.selectFrom('clientship').select(['ref', 'ageAtStart']).orderBy('ref').execute();
    expect(ages).toEqual([{ ref: 'C-1', ageAtStart: 25 }, { ref: 'C-2', ageAtStart: 7 }]);

    await importJson(t.ctx, register());
  });

  it('records each import in the audit trail with counts, never names', async () => {
    const entries = await t.ctx.database.db
      .selectFrom('auditEvent')
      .select(['action', 'actorKind', 'details'])
      .where('action', '=', 'exchange.import')
      .where('outcome', '=', 'success')
      .where(sql<boolean>`not details ? 'dryRun'`)
      .orderBy('seq')
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries[0]).toMatchObject({ actorKind: 'operator', details: { format: 'json', persons: { created: 3, updated: 0, unchanged: 0 } } });
    expect(JSON.stringify(entries)).not.toMatch(/Sita|Example|Ivan|Worked/);
  });
});

describe(`exporting (${TEST_ENGINE})`, () => {
  it('gives records made in Suoja a ref (the person number) and keeps it, so that a re-import changes nothing', async () => {
    const other = await exchangeContext();
    try {
      await createClient(other.ctx, { identity: { givenNames: 'Aino', familyName: 'Local' } });
      const { doc } = await exportJson(other.ctx);
      expect(doc.persons).toEqual([expect.objectContaining({ ref: 'C-00001', givenNames: 'Aino', familyName: 'Local', phone: '+358 40 123 4567' })]);
      expect(doc.clientships).toEqual([expect.objectContaining({ person: 'C-00001', category: 'victim', office: 'helsinki' })]);
      expect((await exportJson(other.ctx)).doc).toEqual(doc);
      const again = await importJson(other.ctx, doc);
      expect(totals(again)).toMatchObject({ persons: [0, 0, 1], clientships: [0, 0, 1] });
    } finally {
      await other.close();
    }
  });

  it('records every export in the audit trail with its filter and counts, never names', async () => {
    await exportJson(t.ctx, { office: 'tampere' });
    const entry = await t.ctx.database.db.selectFrom('auditEvent').select(['action', 'details']).where('action', '=', 'exchange.export').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ format: 'json', filter: { office: 'tampere', from: null, to: null }, persons: 1, applications: 13 });
    expect(JSON.stringify(entry.details)).not.toMatch(/Ivan/);
  });

  it('exports the persons of an office or a period with what their records refer to, a file that stands on its own', async () => {
    const helsinki = (await exportJson(t.ctx, { office: 'helsinki' })).doc;
    expect(helsinki.persons.map((p) => p.ref)).toEqual(['P-1', 'P-2']);
    expect(helsinki.applications.map((a) => a.ref)).toEqual(['A-2025-1']);
    expect(helsinki.helplineContacts.map((h) => h.ref)).toEqual(['H-1']);
    const march = (await exportJson(t.ctx, { from: '2025-03-01', to: '2025-03-31' })).doc;
    expect(march.persons.map((p) => p.ref)).toEqual(['P-1', 'P-2', 'P-9']);
    // The contact that A-2025-1 started from comes along, though it was in January.
    expect(march.helplineContacts.map((h) => h.ref)).toEqual(['H-1']);

    const elsewhere = await exchangeContext();
    try {
      expect((await importJson(elsewhere.ctx, helsinki)).problems).toEqual([]);
      expect((await exportJson(elsewhere.ctx)).doc).toEqual(helsinki);
    } finally {
      await elsewhere.close();
    }
  });
});

describe(`workbooks kept by hand (${TEST_ENGINE})`, () => {
  async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    fill(book);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  it('reads sheets with columns in any order, typed dates, TRUE/FALSE, lists with spaces and blank rows', async () => {
    const other = await exchangeContext();
    try {
      const book = await workbook((b) => {
        const persons = b.addWorksheet('persons');
        persons.addRow(['gender', 'ref', 'nationalities', 'birthDate', 'interpreterNeeded', 'givenNames', 'languages']);
        persons.addRow(['female', 'P-1', 'NP; IN', new Date(Date.UTC(1998, 2, 14)), 'TRUE', 'Sïta', 'ne;en']);
        persons.addRow([]);
        persons.addRow(['male', 42, 'ZZ', null, false, null, null]);
        const services = b.addWorksheet('services');
        services.addRow(['ref', 'person', 'type', 'start']);
        services.addRow(['S-1', 'P-1', 'counselling', '2025-02-03']);
        services.addRow(['S-2', '42', 'interpretation', new Date(Date.UTC(2025, 1, 4))]);
      });
      const report = await importXlsx(other.ctx, book);
      expect(report.problems).toEqual([]);
      const { doc } = await exportJson(other.ctx);
      expect(doc.persons).toEqual([
        { ref: '42', aliases: [], birthDateIsEstimate: false, gender: 'male', nationalities: ['ZZ'], languages: [], interpreterNeeded: false, residenceStatus: 'unknown' },
        { ref: 'P-1', givenNames: 'Sïta', aliases: [], birthDate: '1998-03-14', birthDateIsEstimate: false, gender: 'female', nationalities: ['NP', 'IN'], languages: ['ne', 'en'], interpreterNeeded: true, residenceStatus: 'unknown' },
      ]);
      expect(doc.services.map((s) => [s.ref, s.person, s.start])).toEqual([['S-1', 'P-1', '2025-02-03'], ['S-2', '42', '2025-02-04']]);
    } finally {
      await other.close();
    }
  });

  it('names the sheet and cell of a problem, and unknown sheets and columns', async () => {
    const book = await workbook((b) => {
      const persons = b.addWorksheet('persons');
      persons.addRow(['ref', 'gender', 'nationalities', 'shoeSize']);
      persons.addRow(['P-1', 'female', 'NP', 38]);
      persons.addRow(['P-2', 'woman', 'NP']);
      b.addWorksheet('notes').addRow(['remember the milk']);
    });
    const before = await countRows(t.ctx.database.db);
    const report = await importXlsx(t.ctx, book);
    expect(report.problems).toEqual([
      expect.objectContaining({ path: 'persons', code: 'unknown_column', value: 'shoeSize', cell: 'persons!D1' }),
      expect.objectContaining({ path: 'persons[0]', code: 'unknown_column', cell: 'persons!D2' }),
      expect.objectContaining({ path: 'persons[1].gender', code: 'unknown_code', value: 'woman', cell: 'persons!B3' }),
      expect.objectContaining({ path: 'notes', code: 'unknown_sheet' }),
    ]);
    expect(await countRows(t.ctx.database.db)).toEqual(before);
    const notAWorkbook = await importXlsx(t.ctx, Buffer.from('{"format":"suoja-exchange"}'));
    expect(lines(notAWorkbook)).toEqual([': the file is not an XLSX workbook (it cannot be opened as a zip archive)']);
  });
});

describe(`consistency with the database (${TEST_ENGINE})`, () => {
  it('keeps the statistics facts beside the encrypted identity: birth year and month, age at the start of a clientship', async () => {
    const { rows } = await sql<{ ref: string; birthYear: number; birthMonth: number; ageAtStart: number }>`
      select c.ref, p.birth_year, p.birth_month, c.age_at_start from clientship c join person p on p.id = c.person_id order by c.ref`.execute(t.ctx.database.db);
    expect(rows).toEqual([
      { ref: 'C-1', birthYear: 1998, birthMonth: 3, ageAtStart: 26 },
      { ref: 'C-2', birthYear: 2017, birthMonth: 5, ageAtStart: 7 },
    ]);
    const { rows: stored } = await sql<{ givenNames: string }>`select given_names from person where ref = 'P-1'`.execute(t.ctx.database.db);
    expect(stored[0]!.givenNames).toMatch(/^v1\./);
  });
});
