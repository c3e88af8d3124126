import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { SAME_ORIGIN } from '../../../../test/app.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';

let t: TestApp;
let statistician: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  statistician = await createSignedInUser(t.app, t.ctx, ['statistician'], []);
  for (let i = 0; i < 3; i++) await createClient(t.ctx, { start: '2025-03-0' + (i + 1), nationalities: ['NP'] });
  await createClient(t.ctx, { start: '2025-05-05', gender: 'male', nationalities: ['SO'] });
});
afterAll(() => t.close());

describe(`statistics for the statistician (${TEST_ENGINE})`, () => {
  it('previews the figures of a year with the counts the disclosure check lists', async () => {
    const res = await get(t.app, '/api/statistics/overview?year=2025&threshold=5', statistician.cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.figures['newClients.victims']).toMatchObject({ value: 4 });
    expect(body.figures['newClients.byGender.female']).toMatchObject({ value: 3, share: 0.75 });
    expect(body.figures['newClients.byNationality.other']).toMatchObject({ value: 4, members: 2 });
    expect(body.dataHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(body.smallCounts).toContainEqual({ id: 'newClients.victims', value: 4 });
    const internal = (await get(t.app, '/api/statistics/overview?year=2025&threshold=0', statistician.cookie)).json();
    expect(internal.figures['newClients.byNationality.NP']).toMatchObject({ value: 3 });
    expect(internal.smallCounts).toEqual([]);
  });

  it('publishes a frozen release only when every small count is confirmed, and never with threshold 0', async () => {
    const zero = await post(t.app, '/api/statistics/releases', { year: 2025, threshold: 0, languages: ['fi'] }, statistician.cookie);
    expect(zero.statusCode).toBe(400);
    expect(zero.json().error.fields[0]).toMatchObject({ field: 'threshold', code: 'threshold_internal_only' });
    const unconfirmed = await post(t.app, '/api/statistics/releases', { year: 2025, threshold: 5, languages: ['fi', 'sv', 'en'] }, statistician.cookie);
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.fields[0].message).toContain('newClients.victims');
    const preview = (await get(t.app, '/api/statistics/overview?year=2025&threshold=5', statistician.cookie)).json();
    const published = await post(t.app, '/api/statistics/releases', { year: 2025, threshold: 5, languages: ['fi', 'sv', 'en'], confirmedSmallCounts: preview.smallCounts.map((s: { id: string }) => s.id) }, statistician.cookie);
    expect(published.statusCode).toBe(201);
    expect(published.json().dataHash).toBe(preview.dataHash);
    const release = (await get(t.app, `/api/statistics/releases/${published.json().id}`, statistician.cookie)).json();
    expect(release.figures).toEqual(preview.figures);
    await expect(sql`update statistics_release set threshold = 3`.execute(t.database.db)).rejects.toThrow(/frozen/);
    const audit = await t.database.db.selectFrom('auditEvent').select('action').where('action', '=', 'statistics.publish').execute();
    expect(audit).toHaveLength(1);
  });

  it('tells when the data behind a release has changed since', async () => {
    const [release] = (await get(t.app, '/api/statistics/releases', statistician.cookie)).json().releases;
    expect((await get(t.app, `/api/statistics/releases/${release.id}/compare`, statistician.cookie)).json()).toMatchObject({ sameData: true, changedFigures: [] });
    await createClient(t.ctx, { start: '2025-09-09' });
    const compared = (await get(t.app, `/api/statistics/releases/${release.id}/compare`, statistician.cookie)).json();
    expect(compared.sameData).toBe(false);
    expect(compared.changedFigures).toContain('newClients.victims');
    // The release itself is unchanged.
    expect((await get(t.app, `/api/statistics/releases/${release.id}`, statistician.cookie)).json().figures['newClients.victims'].value).toBe(4);
  });

  it('gives each figure\'s trend across the years', async () => {
    const res = await get(t.app, '/api/statistics/trend?ids=newClients.victims,applications.received&until=2025', statistician.cookie);
    const years = res.json().years;
    expect(years[0].year).toBe(2006);
    expect(years.at(-1)).toEqual({ year: 2025, values: { 'newClients.victims': 5, 'applications.received': 0 } });
  });

  it('explains a figure with the references of the records behind it, and nothing identifying', async () => {
    const res = await get(t.app, '/api/statistics/explain?figure=newClients.byGender.female&year=2025', statistician.cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const figure = (await get(t.app, '/api/statistics/overview?year=2025&threshold=0', statistician.cookie)).json().figures['newClients.byGender.female'].value;
    expect(body.count).toBe(figure);
    expect(body.records.every((r: { ref: string; facts: { gender: string } }) => /^C-\d{5}$/.test(r.ref) && r.facts.gender === 'female')).toBe(true);
    expect(res.body).not.toMatch(/Sita|Example|1998-03-14/);
    const bad = await get(t.app, '/api/statistics/explain?figure=newClients.nationalities&year=2025', statistician.cookie);
    expect(bad.statusCode).toBe(400);
    expect((await t.database.db.selectFrom('auditEvent').select('action').where('action', '=', 'statistics.explain').execute()).length).toBe(1);
  });

  it('downloads a preview and a release as documents, each download audited', async () => {
    const pdf = await get(t.app, '/api/statistics/overview/document?year=2025&lang=sv&format=pdf', statistician.cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const [release] = (await get(t.app, '/api/statistics/releases', statistician.cookie)).json().releases;
    const html = await get(t.app, `/api/statistics/releases/${release.id}/document?lang=en&format=html`, statistician.cookie);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<html lang="en"');
    expect((await t.database.db.selectFrom('auditEvent').select('action').where('action', '=', 'statistics.export').execute()).length).toBe(2);
  });

  it('keeps statistics to those allowed', async () => {
    const caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    expect((await get(t.app, '/api/statistics/overview?year=2025', caseworker.cookie)).statusCode).toBe(403);
  });

  it('explains a group of end reasons as the figure counts it, and refuses a breakdown it cannot explain', async () => {
    const figures = (await get(t.app, '/api/statistics/overview?year=2025&threshold=0', statistician.cookie)).json().figures;
    const group = (await get(t.app, '/api/statistics/explain?figure=clientships.ended.byReasonGroup.left_or_disappeared&year=2025', statistician.cookie)).json();
    expect(group.count).toBe(figures['clientships.ended.byReasonGroup.left_or_disappeared']?.value ?? 0);
    expect((await get(t.app, '/api/statistics/explain?figure=clientships.ended.byWhatever.x&year=2025', statistician.cookie)).statusCode).toBe(400);
  });
});

describe(`the overview's organisation texts (${TEST_ENGINE})`, () => {
  const URL = '/api/statistics/organisation-texts';
  const put = (payload: object, cookie: string, lang = 'en') => t.app.inject({ method: 'PUT', url: URL, payload, headers: { ...SAME_ORIGIN, cookie, 'accept-language': lang } });
  const NEW_INTRODUCTION = 'Hjälpsystemet presenterar här sin nya inledning till översikten.';

  it('are read by the statistician, with the defaults at version 0, and kept from others', async () => {
    const res = await get(t.app, URL, statistician.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 0, updatedAt: null });
    expect(res.json().texts.sv.introduction[0]).toMatch(/^Hjälpsystemet för offer för människohandel/);
    expect(res.json().texts.fi.contacts).toHaveLength(2);
    const caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    expect((await get(t.app, URL, caseworker.cookie)).statusCode).toBe(403);
    expect((await put({ version: 0, texts: res.json().texts }, caseworker.cookie)).statusCode).toBe(403);
  });

  it('are saved over the version read, audited without the texts, and the next overview carries them', async () => {
    const { texts } = (await get(t.app, URL, statistician.cookie)).json();
    texts.sv.introduction = [NEW_INTRODUCTION, ...texts.sv.introduction.slice(1)];
    texts.sv.contacts.push({ name: '  Sara Statistiker ', title: 'Statistiker', phone: '', email: 'sara@example.fi' });
    const saved = await put({ version: 0, texts }, statistician.cookie);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    expect(saved.json().texts.sv.introduction[0]).toBe(NEW_INTRODUCTION);
    expect(saved.json().texts.sv.contacts[2]).toEqual({ name: 'Sara Statistiker', title: 'Statistiker', phone: '', email: 'sara@example.fi' });
    expect((await get(t.app, URL, statistician.cookie)).json()).toMatchObject({ version: 1, texts: { sv: { introduction: expect.arrayContaining([NEW_INTRODUCTION]) } } });

    const audit = await t.database.db.selectFrom('auditEvent').select(['actorId', 'objectIds', 'details']).where('action', '=', 'statistics.organisation_texts.update').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: statistician.id, objectIds: ['overview.organisation'], details: { changed: ['sv.introduction', 'sv.contacts'] } });
    expect(JSON.stringify(audit[0]!.details)).not.toMatch(/nya inledning|Sara|example\.fi/);

    const html = await get(t.app, '/api/statistics/overview/document?year=2025&format=html&lang=sv', statistician.cookie);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(NEW_INTRODUCTION);
    expect(html.body).toContain('Sara Statistiker');
    const fi = await get(t.app, '/api/statistics/overview/document?year=2025&format=html&lang=fi', statistician.cookie);
    expect(fi.body).not.toContain(NEW_INTRODUCTION);
  });

  it('refuses a save over a stale version with 409 and the texts saved in the meantime', async () => {
    const { texts } = (await get(t.app, URL, statistician.cookie)).json();
    texts.en.introduction = ['Written over an old version.'];
    const stale = await put({ version: 0, texts }, statistician.cookie);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', current: { version: 1, texts: { sv: { introduction: expect.arrayContaining([NEW_INTRODUCTION]) } } } });
    expect((await get(t.app, URL, statistician.cookie)).json().texts.en.introduction).not.toContain('Written over an old version.');
  });

  it('names each field that is not valid by its path', async () => {
    const { version, texts } = (await get(t.app, URL, statistician.cookie)).json();
    texts.sv.introduction[1] = '   ';
    texts.fi.contacts[0].email = 'not an address';
    texts.en.contacts[1].name = '';
    texts.en.contacts[1].phone = '0'.repeat(51);
    const res = await put({ version, texts }, statistician.cookie);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { field: string; code: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'texts.sv.introduction.1', code: 'required' }),
        expect.objectContaining({ field: 'texts.fi.contacts.0.email', code: 'invalid_email', message: 'E-mail: not a valid e-mail address.' }),
        expect.objectContaining({ field: 'texts.en.contacts.1.name', code: 'required' }),
        expect.objectContaining({ field: 'texts.en.contacts.1.phone', code: 'too_long' }),
      ]),
    );
    const unchanged = await put({ version, texts: (await get(t.app, URL, statistician.cookie)).json().texts }, statistician.cookie);
    expect(unchanged.json().version).toBe(version);
  });
});
