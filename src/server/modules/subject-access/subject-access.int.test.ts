import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { ManualClock } from '../../clock.js';

let t: TestApp;
let auditor: TestUser;
let caseworker: TestUser;
let decider: TestUser;
let subjectNumber: string;

beforeAll(async () => {
  t = await createTestApp({}, new ManualClock(new Date('2026-03-16T09:00:00Z')));
  auditor = await createSignedInUser(t.app, t.ctx, ['auditor'], []);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  decider = await createSignedInUser(t.app, t.ctx, ['decision_maker'], []);
  const created = await post(
    t.app,
    '/api/applications',
    {
      receivedOn: '2026-03-02',
      channel: 'police',
      summary: 'Recruited for a cleaning job in Espoo; wages withheld.',
      person: { givenNames: 'Mai', familyName: 'Tran', birthDate: '1994-07-02', gender: 'female', nationalities: ['VN'], residenceStatus: 'no_legal_residence', contact: { phone: '+358 40 765 4321' } },
      newChildren: [{ givenNames: 'Linh', familyName: 'Tran', birthDate: '2019-02-11', gender: 'female', nationalities: ['VN'] }],
      consentGiven: true,
      consentOn: '2026-03-02',
      officeCode: 'helsinki',
      caseworkerId: caseworker.id,
    },
    caseworker.cookie,
  );
  const proposal = await post(t.app, '/api/decisions', { kind: 'admission', applicationId: created.json().id, grounds: 'Consistent account of forced labour in cleaning.', letterLanguage: 'en' }, caseworker.cookie);
  await post(t.app, `/api/decisions/${proposal.json().id}/decide`, { version: proposal.json().version, decidedOn: '2026-03-13' }, decider.cookie);
  const application = await get(t.app, `/api/applications/${created.json().id}`, caseworker.cookie);
  subjectNumber = application.json().person.number;
  // Someone else entirely, in the same office.
  await post(t.app, '/api/applications', { receivedOn: '2026-03-05', channel: 'ngo', person: { givenNames: 'Olga', familyName: 'Muukalainen' }, officeCode: 'helsinki' }, caseworker.cookie);
});
afterAll(() => t.close());

const url = (params: Record<string, string>) => `/api/subject-access?${new URLSearchParams({ number: subjectNumber, reference: 'DSAR-2026-014', ...params })}`;

describe(`subject access (${TEST_ENGINE})`, () => {
  it('gives the auditor everything about the person and their minor child, and nothing about anyone else', async () => {
    const res = await get(t.app, url({ format: 'json' }), auditor.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json();
    expect(data.subject).toMatchObject({
      number: subjectNumber,
      identity: { givenNames: 'Mai', familyName: 'Tran', birthDate: '1994-07-02', contact: { phone: '+358 40 765 4321' } },
      clientships: [expect.objectContaining({ category: 'victim', startDate: '2026-03-13' })],
      applications: [expect.objectContaining({ role: 'applicant', summary: 'Recruited for a cleaning job in Espoo; wages withheld.' })],
      decisions: [expect.objectContaining({ kind: 'admission', grounds: 'Consistent account of forced labour in cleaning.', decidedOn: '2026-03-13' })],
    });
    expect(data.subject.accessLog).toContainEqual(expect.objectContaining({ action: 'application.read', roles: ['caseworker'] }));
    expect(data.children).toHaveLength(1);
    expect(data.children[0]).toMatchObject({ identity: { givenNames: 'Linh' }, clientships: [expect.objectContaining({ category: 'child_of_victim' })], applications: [expect.objectContaining({ role: 'child', summary: null })] });
    for (const other of ['Olga', 'Muukalainen', 'Test caseworker', 'Test decision_maker', caseworker.email]) expect(res.body).not.toContain(other);
  });

  it('is audited with the request reference, and only the auditor may make one', async () => {
    const audit = await t.database.db.selectFrom('auditEvent').select(['actorId', 'reason', 'details']).where('action', '=', 'subject_access.export').execute();
    expect(audit).toContainEqual({ actorId: auditor.id, reason: 'DSAR-2026-014', details: { children: 1 } });
    expect((await get(t.app, url({}), caseworker.cookie)).statusCode).toBe(403);
    expect((await get(t.app, `/api/subject-access?number=C-99999&reference=DSAR-1`, auditor.cookie)).statusCode).toBe(404);
  });

  it('prints as a PDF in the language asked for', async () => {
    const res = await get(t.app, url({ format: 'pdf', lang: 'sv' }), auditor.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-', '-'], { input: res.rawPayload }).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain(`Uppgifter om person ${subjectNumber} som finns i Suoja`);
    expect(text).toContain('Mai');
    expect(text).toContain('Tran');
    expect(text).toContain(`Minderårigt barn`);
    expect(text).toContain('Linh');
    expect(text).toContain('DSAR-2026-014');
    expect(text).toContain('antagning till hjälpsystemet');
    expect(text).not.toContain('Muukalainen');
  });

  it('is a tagged PDF: headings by level, each group of particulars a table of label and value', async () => {
    const res = await get(t.app, url({ format: 'pdf', lang: 'en' }), auditor.cookie);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suoja-dsar-'));
    try {
      const file = path.join(dir, 'extract.pdf');
      writeFileSync(file, res.rawPayload);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
      const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
      const elements = [...tree.matchAll(/^ *([A-Z][A-Za-z0-9]*)\b[^\n]*\n(?: *\/[^\n]*\n)*(?: *"([^\n]*)"\n)?/gm)].map((m) => ({ type: m[1]!, text: m[2] ?? '' }));
      expect(elements.filter((e) => e.type === 'H1').map((e) => e.text)).toEqual([`Data held in Suoja about person ${subjectNumber}`]);
      expect(elements.filter((e) => e.type === 'H2').map((e) => e.text)).toEqual([subjectNumber, expect.stringMatching(/^Minor child C-\d{5}$/)]);
      expect(elements.filter((e) => e.type === 'H3').length).toBeGreaterThanOrEqual(8);
      expect(tree).toMatch(/TH:\n +\/Scope \/Row\n +"Given names"\n +TD\n +"Mai"/);
      expect(tree).toMatch(/"DSAR-2026-014"/);
      expect(tree).not.toMatch(/Page \d/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
