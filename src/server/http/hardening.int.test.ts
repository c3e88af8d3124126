// What the fuzzing tier (test/fuzz) found, each kept as a regression test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../test/app.js';
import { TEST_ENGINE } from '../../../test/database.js';
import { errorBodyProblem, headerProblem } from '../../../test/fuzz/harness.js';
import { createSignedInUser, get, post, type TestUser } from '../../../test/identity.js';
import { createClient } from '../../../test/records.js';

let t: TestApp;
let caseworker: TestUser;
let auditor: TestUser;
let admin: TestUser;
let statistician: TestUser;
let leader: TestUser;
let clientId: string;
beforeAll(async () => {
  t = await createTestApp();
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker']);
  auditor = await createSignedInUser(t.app, t.ctx, ['auditor']);
  admin = await createSignedInUser(t.app, t.ctx, ['admin']);
  statistician = await createSignedInUser(t.app, t.ctx, ['statistician']);
  leader = await createSignedInUser(t.app, t.ctx, ['team_leader'], ['helsinki']);
  clientId = (await createClient(t.ctx)).id;
});
afterAll(() => t.close());

const fieldsOf = (body: string) => (JSON.parse(body) as { error: { fields?: { field: string; code: string }[] } }).error.fields ?? [];

describe(`hardening found by fuzzing (${TEST_ENGINE})`, () => {
  it('answers a URL Fastify cannot route like any other: 404, the security headers, the error body, no echo', async () => {
    const urls = [`/api/clients/%zz`, '/api/users/%ED%A0%80/setup-link', `/api/clients/${'A'.repeat(150)}`, '/api/nothing/%'];
    for (const url of urls) {
      const res = await t.app.inject({ method: url.includes('setup-link') ? 'POST' : 'GET', url, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(headerProblem(res, url)).toBeNull();
      expect(errorBodyProblem(res)).toBeNull();
      expect(res.body).not.toContain('AAAAAAAAAA');
      expect(res.body).not.toContain('%');
    }
  });

  it('refuses text the database cannot store (NUL, half a surrogate pair) as a field problem', async () => {
    const note = await post(t.app, `/api/clients/${clientId}/notes`, { body: 'before\u0000after' }, caseworker.cookie);
    expect(note.statusCode).toBe(400);
    expect(fieldsOf(note.body)).toEqual([expect.objectContaining({ field: 'body', code: 'invalid_characters' })]);
    const nested = await t.app.inject({ method: 'PATCH', url: `/api/clients/${clientId}`, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie, 'content-type': 'application/json' }, payload: '{"version":1,"aliases":["ok","\\ud83d"]}' });
    expect(nested.statusCode).toBe(400);
    expect(fieldsOf(nested.body)).toEqual([expect.objectContaining({ field: 'aliases.1', code: 'invalid_characters' })]);
    const query = await get(t.app, '/api/clients?office=a%00b', caseworker.cookie);
    expect(query.statusCode).toBe(400);
    expect(fieldsOf(query.body)).toEqual([expect.objectContaining({ field: 'office', code: 'invalid_characters' })]);
    const audit = await get(t.app, '/api/audit?objectId=%00', auditor.cookie);
    expect(audit.statusCode).toBe(400);
  });

  it('refuses year 0000, which PostgreSQL has no calendar for, and takes 9999-12-31 as the last day', async () => {
    const from = await get(t.app, '/api/audit?from=0000-01-01', auditor.cookie);
    expect(from.statusCode).toBe(400);
    expect(fieldsOf(from.body)).toEqual([expect.objectContaining({ field: 'from', code: 'invalid_date' })]);
    expect((await get(t.app, '/api/audit?to=9999-12-31', auditor.cookie)).statusCode).toBe(200);
    expect((await get(t.app, '/api/audit?from=0001-01-01&to=9999-12-31', auditor.cookie)).statusCode).toBe(200);
    const service = await post(t.app, `/api/clients/${clientId}/services`, { type: 'counselling', startDate: '0000-01-01' }, caseworker.cookie);
    expect(service.statusCode).toBe(400);
    expect(fieldsOf(service.body)).toEqual([expect.objectContaining({ field: 'startDate', code: 'invalid_date' })]);
    const exported = await get(t.app, '/api/exchange/export?to=0000-01-01', leader.cookie);
    expect(exported.statusCode).toBe(400);
    expect(fieldsOf(exported.body)).toEqual([expect.objectContaining({ field: 'to', code: 'invalid_date' })]);
    expect((await get(t.app, '/api/exchange/export?from=0001-01-01&to=9999-12-31', leader.cookie)).statusCode).toBe(200);
  });

  it('refuses a birth date outside the years the register keeps, and a contact before year 1', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/clients/${clientId}`, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie }, payload: { version: 1, birthDate: '0001-01-01' } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual([expect.objectContaining({ field: 'birthDate', code: 'invalid_date' })]);
    const helpline = await createSignedInUser(t.app, t.ctx, ['helpline']);
    const contact = await post(t.app, '/api/helpline/contacts', { at: -62_135_596_800_001, channel: 'phone', caller: 'possible_victim', outcome: 'advice_given' }, helpline.cookie);
    expect(contact.statusCode).toBe(400);
    expect(fieldsOf(contact.body)).toEqual([expect.objectContaining({ field: 'at', code: 'invalid_date' })]);
  });

  it('refuses a record version larger than its integer column', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/clients/${clientId}`, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie }, payload: { version: 2_147_483_648, municipality: 'Espoo' } });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual([expect.objectContaining({ field: 'version', code: 'too_big' })]);
    const remove = await t.app.inject({ method: 'DELETE', url: `/api/exploitation/00000000-0000-4000-8000-000000000000?version=2147483648`, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie } });
    expect(remove.statusCode).toBe(400);
  });

  it('refuses an X-File-Name that is not URL-encoded UTF-8, and never cuts a long name inside a character', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const upload = (name: string) =>
      t.app.inject({ method: 'POST', url: `/api/clients/${clientId}/attachments`, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie, 'content-type': 'image/png', 'x-file-name': name }, payload: png });
    for (const bad of ['%E0%A4%A', '%', '%00.png']) {
      const res = await upload(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(fieldsOf(res.body)[0]?.field).toBe('x-file-name');
    }
    // 256 characters, the last two outside the BMP: the 255th must stay whole.
    const long = await upload(encodeURIComponent(`${'a'.repeat(254)}😀😀`));
    expect(long.statusCode, long.body).toBe(201);
    const download = await get(t.app, `/api/attachments/${long.json().id}`, caseworker.cookie);
    expect(download.statusCode).toBe(200);
    expect(decodeURIComponent(String(download.headers['content-disposition']).split("''")[1]!)).toBe(`${'a'.repeat(254)}😀`);
  });

  it('documents the 204 that removing an exploitation record answers', () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths['/api/exploitation/{id}']!.delete!.responses)).toEqual(['204']);
  });

  it('prints letters and overviews whose text holds characters the font has no glyph for (thin and zero-width spaces, BOM)', async () => {
    const odd = ['Thin\u2009space', 'zero\u200bwidth\u200c\u200d', '\ufeffbom', 'narrow\u202fno-break'];
    const { templates } = (await get(t.app, '/api/settings/letter-templates', admin.cookie)).json();
    const template = { ...templates.fi, letterhead: odd, labels: { ...templates.fi.labels, grounds: '\u200b\u200c\u200d' } };
    const letter = await post(t.app, '/api/settings/letter-templates/preview', { language: 'fi', kind: 'admission', template }, admin.cookie);
    expect(letter.statusCode, letter.body.slice(0, 300)).toBe(200);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const texts = (await get(t.app, '/api/statistics/organisation-texts', statistician.cookie)).json();
    const language = { introduction: odd, contacts: [{ name: '\u200bName', title: 'Thin\u2009title', phone: '', email: '' }] };
    const saved = await t.app.inject({ method: 'PUT', url: '/api/statistics/organisation-texts', headers: { ...SAME_ORIGIN, cookie: statistician.cookie }, payload: { version: texts.version, texts: { fi: language, sv: language, en: language } } });
    expect(saved.statusCode, saved.body).toBe(200);
    const overview = await get(t.app, '/api/statistics/overview/document?year=2025&format=pdf&lang=en', statistician.cookie);
    expect(overview.statusCode, overview.body.slice(0, 300)).toBe(200);
    expect(overview.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
