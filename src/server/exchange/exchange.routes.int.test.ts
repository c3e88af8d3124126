import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../test/app.js';
import { TEST_ENGINE } from '../../../test/database.js';
import { countRows } from '../../../test/exchange.js';
import { createSignedInUser, get, type TestUser } from '../../../test/identity.js';
import { canonicalDocument } from './format.js';
import { XLSX_TYPE } from './exchange.routes.js';

const REGISTER = {
  format: 'suoja-exchange',
  version: 1,
  persons: [{ ref: 'P-1', givenNames: 'Sita', familyName: 'Example', gender: 'female', nationalities: ['NP'] }],
  clientships: [{ ref: 'CS-1', person: 'P-1', category: 'victim', start: '2025-03-01', office: 'helsinki' }],
  services: [{ ref: 'S-1', person: 'P-1', type: 'counselling', start: '2025-03-01' }],
};

let t: TestApp;
let admin: TestUser;
let caseworker: TestUser;
let leader: TestUser;
let turkuLeader: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  [admin, caseworker] = [await createSignedInUser(t.app, t.ctx, ['admin']), await createSignedInUser(t.app, t.ctx, ['caseworker'])];
  [leader, turkuLeader] = [await createSignedInUser(t.app, t.ctx, ['team_leader'], ['helsinki']), await createSignedInUser(t.app, t.ctx, ['team_leader'], ['tampere'])];
});
afterAll(() => t?.close());

function upload(cookie: string, body: string | Buffer, contentType = 'application/json', query = '') {
  return t.app.inject({ method: 'POST', url: `/api/exchange/import${query}`, payload: body, headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie, 'content-type': contentType } });
}

describe(`the exchange API (${TEST_ENGINE})`, () => {
  it('lets only those with the permission import or export', async () => {
    expect((await upload(caseworker.cookie, JSON.stringify(REGISTER))).statusCode).toBe(403);
    expect((await get(t.app, '/api/exchange/export', caseworker.cookie)).statusCode).toBe(403);
    // An administrator imports, but never reads the register (docs/decisions/0005).
    expect((await get(t.app, '/api/exchange/export', admin.cookie)).statusCode).toBe(403);
    expect((await upload(leader.cookie, JSON.stringify(REGISTER))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/exchange/import', payload: '{}', headers: { ...SAME_ORIGIN, 'content-type': 'application/json' } })).statusCode).toBe(401);
    expect((await get(t.app, '/api/exchange/export')).statusCode).toBe(401);
  });

  it('checks on a dry run, imports, and refuses a bad file with every problem and 422', async () => {
    const dry = await upload(admin.cookie, JSON.stringify(REGISTER), 'application/json', '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, imported: false, counts: { persons: { inFile: 1, created: 1 } }, problems: [] });
    expect((await countRows(t.ctx.database.db)).person).toBe(0);

    const done = await upload(admin.cookie, JSON.stringify(REGISTER), 'application/json; charset=utf-8');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ imported: true, counts: { persons: { created: 1 }, services: { created: 1 } } });

    const bad = structuredClone(REGISTER);
    bad.services[0]!.type = 'housing';
    const refused = await upload(admin.cookie, JSON.stringify(bad));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'exchange_refused',
      message: 'The file was not imported because it has problems (1). Nothing was saved.',
      problemCount: 1,
      problems: [{ path: 'services[0].type', code: 'unknown_code', value: 'housing', message: 'unknown code "housing"' }],
    });
    expect((await upload(admin.cookie, 'this is not json')).json().error.problems[0]).toMatchObject({ path: '', code: 'malformed_json' });
    expect((await upload(admin.cookie, 'a,b', 'text/csv')).statusCode).toBe(415);
  });

  it('exports JSON and XLSX of a team leader\'s offices as attachments, audited', async () => {
    const json = await get(t.app, '/api/exchange/export', leader.cookie);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="suoja-export-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(json.headers['cache-control']).toBe('no-store');
    expect(json.json()).toEqual(canonicalDocument(REGISTER));

    const xlsx = await t.app.inject({ method: 'GET', url: '/api/exchange/export?format=xlsx', headers: { cookie: leader.cookie } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['format', 'persons', 'applications', 'decisions', 'clientships', 'exploitations', 'services', 'helplineContacts']);
    expect(book.getWorksheet('persons')!.getRow(2).getCell(2).value).toBe('Sita');

    // The workbook goes back in through the same door, and changes nothing.
    const back = await upload(admin.cookie, xlsx.rawPayload, XLSX_TYPE);
    expect(back.json()).toMatchObject({ format: 'xlsx', counts: { persons: { unchanged: 1 }, services: { unchanged: 1 } } });

    // Another office's leader gets a file without the person; nobody exports an office not their own.
    expect(JSON.parse((await get(t.app, '/api/exchange/export', turkuLeader.cookie)).body)).toMatchObject({ persons: [], clientships: [], services: [] });
    expect((await get(t.app, '/api/exchange/export?office=helsinki', turkuLeader.cookie)).statusCode).toBe(403);
    expect((await get(t.app, '/api/exchange/export?office=tampere&from=2026-01-01', turkuLeader.cookie)).statusCode).toBe(200);
    const audit = await t.ctx.database.db.selectFrom('auditEvent').select(['action', 'actorId', 'outcome', 'details']).where('action', 'in', ['exchange.export', 'exchange.import']).orderBy('seq').execute();
    // The dry run, the import and the refused file of the test before, then this one's.
    expect(audit.map((a) => `${a.action} ${a.outcome}${(a.details as { dryRun?: boolean }).dryRun ? ' (dry run)' : ''}`)).toEqual([
      'exchange.import success (dry run)',
      'exchange.import success',
      'exchange.import failure',
      'exchange.export success',
      'exchange.export success',
      'exchange.import success',
      'exchange.export success',
      'exchange.export success',
    ]);
    expect(audit.map((a) => a.actorId)).toEqual([admin.id, admin.id, admin.id, leader.id, leader.id, admin.id, turkuLeader.id, turkuLeader.id]);
    expect(audit[3]!.details).toMatchObject({ scope: 'office', offices: ['helsinki'], persons: 1, clientships: 1, services: 1 });
    expect(JSON.stringify(audit)).not.toContain('Sita');
  });

  it('streams the progress of an import, then its report or its problems, as newline-delimited JSON', async () => {
    const stream = (cookie: string, body: string, query = '') =>
      t.app.inject({ method: 'POST', url: `/api/exchange/import/stream${query}`, payload: body, headers: { ...SAME_ORIGIN, 'accept-language': 'fi', cookie, 'content-type': 'application/json' } });
    const lines = (res: { body: string }) => res.body.trim().split('\n').map((l) => JSON.parse(l) as { type: string; [k: string]: unknown });
    expect((await stream(caseworker.cookie, JSON.stringify(REGISTER))).statusCode).toBe(403);

    const more = { ...REGISTER, persons: [...REGISTER.persons, { ref: 'P-2', gender: 'male', nationalities: ['UA'] }] };
    const dry = await stream(admin.cookie, JSON.stringify(more), '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const events = lines(dry);
    expect(events.slice(0, -1).every((e) => e.type === 'progress')).toBe(true);
    expect(events.some((e) => e.phase === 'writing')).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'report', report: { dryRun: true, imported: false, counts: { persons: { inFile: 2, created: 1, unchanged: 1 } } } });
    expect((await countRows(t.ctx.database.db)).person).toBe(1);

    const bad = structuredClone(more);
    bad.persons[1]!.gender = 'woman';
    const refused = lines(await stream(admin.cookie, JSON.stringify(bad)));
    expect(refused.at(-1)).toMatchObject({
      type: 'refused',
      message: expect.stringContaining('(1)'),
      report: { imported: false, problemCount: 1, problems: [{ path: 'persons[1].gender', code: 'unknown_code', value: 'woman' }] },
    });
    // A file broken at its first byte is over before it is read: the answer is its problem all the same.
    expect(lines(await stream(admin.cookie, 'not json')).at(-1)).toMatchObject({ type: 'refused', report: { problems: [{ code: 'malformed_json' }] } });

    const done = lines(await stream(admin.cookie, JSON.stringify(more)));
    expect(done.at(-1)).toMatchObject({ type: 'report', report: { imported: true, counts: { persons: { created: 1, unchanged: 1 } } } });
    expect((await countRows(t.ctx.database.db)).person).toBe(2);
  });

  it('answers a broken upload over a real connection, and does not keep the connection waiting', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const headers = { cookie: admin.cookie, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' };
    // Refused at its first byte: the remaining megabytes are never parsed.
    const res = await fetch(`http://127.0.0.1:${port}/api/exchange/import`, { method: 'POST', body: `[${'x'.repeat(5_000_000)}`, headers });
    expect(res.status).toBe(422);
    expect(res.headers.get('connection')).toBe('close');
    expect((await res.json()).error.problems).toEqual([expect.objectContaining({ path: '', code: 'malformed_json' })]);
    const next = await fetch(`http://127.0.0.1:${port}/api/exchange/import?dryRun=true`, { method: 'POST', body: JSON.stringify(REGISTER), headers });
    expect(next.status).toBe(200);
  });
});
