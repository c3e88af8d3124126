import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';

let t: TestApp;
let leader: TestUser;
let caseworker: TestUser;
let tampereLeader: TestUser;
let olena: { id: string; number: string };
let sita: { id: string; number: string };

beforeAll(async () => {
  t = await createTestApp();
  leader = await createSignedInUser(t.app, t.ctx, ['team_leader'], ['helsinki']);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  tampereLeader = await createSignedInUser(t.app, t.ctx, ['team_leader'], ['tampere']);
  olena = await createClient(t.ctx, { office: 'helsinki', caseworkerId: caseworker.id, identity: { givenNames: 'Олена', familyName: 'Коваленко', birthDate: '1990-05-04' }, nationalities: ['UA'], start: '2026-01-12' });
  sita = await createClient(t.ctx, { office: 'helsinki', identity: { givenNames: 'Sita', familyName: 'Example' }, nationalities: ['NP', 'IN'], gender: 'female' });
  await createClient(t.ctx, { office: 'tampere', identity: { givenNames: 'Olena', familyName: 'Kovalenko' }, nationalities: ['UA'] });
});
afterAll(() => t.close());

const exportList = (params: Record<string, string>, user = leader) => get(t.app, `/api/clients/export?${new URLSearchParams(params)}`, user.cookie);

/** The CSV's records, without the byte order mark, split on semicolons (no field here holds one). */
function records(body: string): string[][] {
  return body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}

describe(`exporting the client list (${TEST_ENGINE})`, () => {
  it('gives a team leader their office\'s clients as CSV, names masked, codes named in the chosen language', async () => {
    const res = await exportList({ format: 'csv', lang: 'en' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="clients-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = records(res.body);
    expect(header).toEqual(['Client number', 'Given names (masked)', 'Family name (masked)', 'Birth year', 'Gender', 'Nationalities', 'Client category', 'Office', 'Responsible caseworker', 'Clientship started', 'Clientship ended']);
    expect(rows.map((r) => r[0])).toEqual([olena.number, sita.number].sort());
    const row = rows.find((r) => r[0] === olena.number)!;
    expect(row).toEqual([olena.number, 'О••••', 'К••••••••', '1990', 'female', 'Ukraine', 'victim of trafficking', 'Helsinki', expect.stringMatching(/^Test caseworker/), '2026-01-12', '']);
    expect(res.body).not.toContain('Олена');
    expect(res.body).not.toContain('Sita');
    expect(rows.find((r) => r[0] === sita.number)![5]).toBe('Nepal, India');
  });

  it('applies the list\'s filters, a misspelled name included, and audits the ids, never the name searched for', async () => {
    const res = await exportList({ q: 'Olena Kowalenko', lang: 'fi' });
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = records(res.body);
    expect(header?.[0]).toBe('Asiakasnumero');
    expect(rows.map((r) => r[0])).toEqual([olena.number]);
    expect(rows[0]![6]).toBe('ihmiskaupan uhri');
    expect(records((await exportList({ nationality: 'np' })).body)).toHaveLength(2);
    expect(records((await exportList({ status: 'ended' })).body)).toHaveLength(1);

    const audit = await t.database.db.selectFrom('auditEvent').select(['objectIds', 'details', 'actorId']).where('action', '=', 'client.export').orderBy('seq').execute();
    expect(audit[1]).toMatchObject({ actorId: leader.id, objectIds: [olena.id], details: { count: 1, format: 'csv', byName: true } });
    expect(JSON.stringify(audit)).not.toMatch(/Kowalenko|Olena/i);
    expect(audit[2]!.details).toMatchObject({ count: 1, filters: { nationality: 'NP' } });
  });

  it('gives the same list as XLSX', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/clients/export?format=xlsx&lang=sv&category=victim', headers: { cookie: leader.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Klienter')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Klientnummer');
    expect(sheet.rowCount).toBe(3);
    const olenaRow = [2, 3].map((n) => sheet.getRow(n)).find((r) => r.getCell(1).value === olena.number)!;
    expect(olenaRow.getCell(2).value).toBe('О••••');
    expect(olenaRow.getCell(4).value).toBe(1990);
    expect(olenaRow.getCell(7).value).toBe('offer för människohandel');
    expect(olenaRow.getCell(10).value).toEqual(new Date('2026-01-12T00:00:00Z'));
  });

  it('is for team leaders, within their own office', async () => {
    expect((await exportList({}, caseworker)).statusCode).toBe(403);
    const tampere = records((await exportList({ lang: 'en' }, tampereLeader)).body);
    expect(tampere).toHaveLength(2);
    expect(tampere.flat()).not.toContain(olena.number);
    expect((await exportList({ format: 'pdf' })).statusCode).toBe(400);
  });
});
