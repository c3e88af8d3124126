import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { getSetting } from '../settings/settings.js';
import { renderDecisionLetter, type DecisionLetterInput } from './letter.pdf.js';
import { blankTemplates, letterTemplate, LetterTemplateMissing, type LetterTemplates } from './templates.js';

const HAS_PDFTOTEXT = existsSync('/usr/bin/pdftotext');
let t: TestApp;
let admin: TestUser;
let caseworker: TestUser;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createSignedInUser(t.app, t.ctx, ['admin']);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker', 'decision_maker']);
  dir = await mkdtemp(path.join(os.tmpdir(), 'suoja-letters-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const URL = '/api/settings/letter-templates';
const put = (payload: object, cookie: string, lang = 'en') => t.app.inject({ method: 'PUT', url: URL, payload, headers: { ...SAME_ORIGIN, cookie, 'accept-language': lang } });

let files = 0;
async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(dir, `letter-${(files += 1)}.pdf`);
  await writeFile(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
}

const input = (over: Partial<DecisionLetterInput> = {}): DecisionLetterInput => ({
  language: 'fi',
  kind: 'admission',
  decidedOn: '2026-02-01',
  decidedBy: 'Žaneta Łukasiewicz-Kőrösi',
  client: { name: 'Dương Văn Đức', number: 'C-00318', birthDate: '1994-03-09' },
  applicationNumber: 'A-2026-0042',
  receivedOn: '2026-01-12',
  reason: null,
  grounds: 'Hakija on kertonut työskennelleensä marjanpoiminnassa ilman palkkaa.\n\nPoliisi on aloittanut esitutkinnan.',
  expertGroupHeard: true,
  category: 'victim',
  children: [{ name: 'Mária Nováková', number: 'C-00319' }],
  periodStart: null,
  periodEnd: null,
  officeCode: 'helsinki',
  ...over,
});

describe.skipIf(!HAS_PDFTOTEXT)(`decision letters as PDF (${TEST_ENGINE})`, () => {
  const cases = [
    { language: 'fi', date: '1.2.2026', appeal: 'valittamalla Itä-Suomen hallinto-oikeuteen', heard: 'asiantuntijaryhmää on kuultu', office: 'Helsinki' },
    { language: 'sv', date: '1.2.2026', appeal: 'genom besvär hos Östra Finlands förvaltningsdomstol', heard: 'expertgrupp har hörts', office: 'Helsingfors' },
    { language: 'en', date: '1 February 2026', appeal: 'to the Eastern Finland Administrative Court', heard: 'expert group of the assistance system was consulted', office: 'Helsinki' },
  ] as const;

  for (const c of cases) {
    it(`writes a letter in ${c.language} with the decision, its grounds, who decided, when, and how to appeal`, async () => {
      const templates = await getSetting(t.database.db, 'letters.templates');
      const title = templates[c.language].kinds.admission.title;
      const grounds = { fi: 'Hakija on kertonut työskennelleensä marjanpoiminnassa.', sv: 'Sökanden har berättat att hen arbetade med bärplockning.', en: 'The applicant said they worked picking berries.' }[c.language];
      const pdf = await renderDecisionLetter(t.database.db, input({ language: c.language, grounds }));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain(`/Lang (${c.language})`);
      const text = await pdfText(pdf);
      for (const expected of [title, 'Dương Văn Đức', 'Mária Nováková (C-00319)', grounds, 'Žaneta Łukasiewicz-Kőrösi', c.appeal, c.heard, c.date, `: ${c.office}.`]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toMatch(/\{\{|\}\}/);
    });
  }

  it('fills in the reason and leaves out a paragraph whose placeholder has no value', async () => {
    const text = await pdfText(await renderDecisionLetter(t.database.db, input({ kind: 'rejection', reason: 'not_trafficking', category: null, children: [] })));
    expect(text).toContain('Päätöksen syy: ei ihmiskauppaa.');
    expect(text).not.toContain('alaikäisiä lapsia');
    const ended = await pdfText(await renderDecisionLetter(t.database.db, input({ language: 'en', kind: 'termination', reason: 'left_country', applicationNumber: null, receivedOn: null })));
    expect(ended).toContain('Reason for the decision: left the country.');
    expect(ended).toContain('minor children whose clientship ends as of the same date: Mária Nováková (C-00319).');
  });

  it('gives the same bytes for the same decision, and survives characters the fonts do not have', async () => {
    const a = await renderDecisionLetter(t.database.db, input());
    const b = await renderDecisionLetter(t.database.db, input());
    expect(a.equals(b)).toBe(true);
    const odd = await pdfText(await renderDecisionLetter(t.database.db, input({ client: { name: 'Алёна Ψ 王 😀', number: 'C-00320', birthDate: null } })));
    expect(odd).toContain('Алёна Ψ Wang');
  });

  it('is a tagged PDF: the title of the decision as its heading, the particulars as tables, each part under its heading', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1} of the grounds.`).join('\n\n');
    const file = path.join(dir, 'tagged.pdf');
    await writeFile(file, await renderDecisionLetter(t.database.db, input({ language: 'en', grounds: long })));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    // Elements as the tree lists them, each with the first line of text under it.
    const elements = [...tree.matchAll(/^ *([A-Z][A-Za-z0-9]*)\b[^\n]*\n(?: *\/[^\n]*\n)*(?: *"([^\n]*)"\n)?/gm)].map((m) => ({ type: m[1]!, text: m[2] ?? '' }));
    expect(elements[0]!.type).toBe('Document');
    expect(elements.filter((e) => e.type === 'H1').map((e) => e.text)).toEqual(['Decision on admission to the assistance system for victims of human trafficking']);
    expect(elements.filter((e) => e.type === 'H2').map((e) => e.text)).toEqual(['Grounds', 'Consultation of the expert group', 'Appeal instructions']);
    expect(tree).toMatch(/TH:\n +\/Scope \/Row\n +"Client number"\n +TD\n +"C-00318"/);
    // Every paragraph of the three pages is in the tree; the page numbers are not.
    expect(elements.filter((e) => e.type === 'P' && /^Paragraph \d+ of the grounds\.$/.test(e.text))).toHaveLength(30);
    expect(tree).not.toContain('(3)');
  });

  it('numbers the pages of a letter longer than one page', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `Kappale ${i + 1}: hakijan kertomus ja sitä tukevat selvitykset käydään läpi yksityiskohtaisesti.`).join('\n\n');
    const text = await pdfText(await renderDecisionLetter(t.database.db, input({ grounds: long })));
    expect(text).toMatch(/1 \(3\).*2 \(3\).*3 \(3\)/);
  });

  it('refuses clearly when the language has no usable template for the kind', () => {
    expect(() => letterTemplate(blankTemplates(), 'sv', 'extension')).toThrow(LetterTemplateMissing);
  });
});

describe(`decision letter templates over HTTP (${TEST_ENGINE})`, () => {
  it('are for settings managers only', async () => {
    expect((await get(t.app, URL)).statusCode).toBe(401);
    expect((await get(t.app, URL, caseworker.cookie)).statusCode).toBe(403);
    const current = (await get(t.app, URL, admin.cookie)).json();
    expect((await put({ version: current.version, templates: current.templates }, caseworker.cookie)).statusCode).toBe(403);
    expect((await post(t.app, `${URL}/preview`, { language: 'fi', kind: 'admission' }, caseworker.cookie)).statusCode).toBe(403);
  });

  it('are seeded in three languages, and a save is audited without the texts', async () => {
    const res = await get(t.app, URL, admin.cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ templates: LetterTemplates; version: number; placeholders: string[] }>();
    expect(body.templates.sv.kinds.reflection_period.title).toBe('Beslut om betänketid');
    expect(body.placeholders).toContain('clientName');
    const templates = structuredClone(body.templates);
    templates.fi.kinds.admission.paragraphs[3] = 'Palveluista sovitaan kanssasi henkilökohtaisesti.';
    const saved = await put({ version: body.version, templates }, admin.cookie);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: body.version + 1, templates: { fi: { kinds: { admission: { paragraphs: expect.arrayContaining(['Palveluista sovitaan kanssasi henkilökohtaisesti.']) } } } } });
    expect((await get(t.app, URL, admin.cookie)).json().templates.fi.kinds.admission.paragraphs[3]).toBe('Palveluista sovitaan kanssasi henkilökohtaisesti.');
    const audit = await t.database.db.selectFrom('auditEvent').select(['actorId', 'objectIds', 'details']).where('action', '=', 'settings.letter_templates.update').execute();
    expect(audit).toEqual([{ actorId: admin.id, objectIds: ['letters.templates'], details: { changed: ['fi.kinds.admission'] } }]);
    const pdf = await renderDecisionLetter(t.database.db, input());
    if (HAS_PDFTOTEXT) expect(await pdfText(pdf)).toContain('Palveluista sovitaan kanssasi henkilökohtaisesti.');
  });

  it('refuses a save over a newer version and answers with the saved templates', async () => {
    const read = (await get(t.app, URL, admin.cookie)).json();
    const mine = structuredClone(read.templates);
    mine.en.appeal[0] = 'Mine.';
    const theirs = structuredClone(read.templates);
    theirs.en.closing = ['Theirs.'];
    expect((await put({ version: read.version, templates: theirs }, admin.cookie)).statusCode).toBe(200);
    const stale = await put({ version: read.version, templates: mine }, admin.cookie);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', current: { version: read.version + 1, templates: { en: { closing: ['Theirs.'] } } } });
    expect((await get(t.app, URL, admin.cookie)).json().templates.en.appeal[0]).not.toBe('Mine.');
  });

  it('refuses an unknown placeholder, naming the field and the placeholder, and saves nothing', async () => {
    const read = (await get(t.app, URL, admin.cookie)).json();
    const templates = structuredClone(read.templates);
    templates.fi.kinds.rejection.paragraphs[1] = 'Päätös: {{clientName}} ei tule asiakkaaksi, koska {{syy}}.';
    templates.sv.letterhead[0] = 'Hjälpsystemet {{office}';
    const res = await put({ version: read.version, templates }, admin.cookie, 'fi');
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields).toEqual([
      { field: 'templates.fi.kinds.rejection.paragraphs.1', code: 'unknown_placeholder', message: expect.stringContaining('tuntematon paikkamerkki {{syy}}') },
      { field: 'templates.sv.letterhead.0', code: 'malformed_placeholder', message: expect.stringContaining('{{clientName}}') },
    ]);
    expect((await get(t.app, URL, admin.cookie)).json().version).toBe(read.version);
  });

  it('refuses a malformed set by its schema, naming the field', async () => {
    const read = (await get(t.app, URL, admin.cookie)).json();
    const templates = structuredClone(read.templates);
    delete templates.en.kinds.extension;
    const res = await put({ version: read.version, templates }, admin.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'templates.en.kinds.extension', code: 'required' })]);
  });

  it('previews a letter from made-up facts, with the saved or the unsaved templates', async () => {
    const saved = await post(t.app, `${URL}/preview`, { language: 'sv', kind: 'reflection_period' }, admin.cookie);
    expect(saved.statusCode).toBe(200);
    expect(saved.headers['content-type']).toBe('application/pdf');
    const read = (await get(t.app, URL, admin.cookie)).json();
    const draft = structuredClone(read.templates.en);
    draft.kinds.admission.title = 'Draft title for {{clientName}}';
    const unsaved = await post(t.app, `${URL}/preview`, { language: 'en', kind: 'admission', template: draft }, admin.cookie);
    expect(unsaved.statusCode).toBe(200);
    if (HAS_PDFTOTEXT) {
      expect(await pdfText(saved.rawPayload)).toContain('Maja Exempel beviljas betänketid för tiden 1.2.2026–30.4.2026.');
      expect(await pdfText(unsaved.rawPayload)).toContain('Draft title for Alex Example');
    }
    draft.kinds.admission.title = '';
    const missing = await post(t.app, `${URL}/preview`, { language: 'en', kind: 'admission', template: draft }, admin.cookie);
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toMatchObject({ code: 'letter_template_missing', message: expect.stringContaining('Decision letter templates') });
    draft.kinds.admission.title = '{{nope}}';
    const bad = await post(t.app, `${URL}/preview`, { language: 'en', kind: 'admission', template: draft }, admin.cookie);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ field: 'template.kinds.admission.title', code: 'unknown_placeholder' })]);
  });
});
