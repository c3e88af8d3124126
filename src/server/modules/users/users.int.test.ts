import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createSignedInUser(t.app, t.ctx, ['admin']);
});
afterAll(() => t.close());

const patch = (url: string, payload: object, cookie: string, lang = 'en') =>
  t.app.inject({ method: 'PATCH', url, payload, headers: { ...SAME_ORIGIN, cookie, 'accept-language': lang } });

describe(`staff accounts (${TEST_ENGINE})`, () => {
  it('lets an administrator add a user, who gets a one-time set-up link and no password', async () => {
    const res = await post(t.app, '/api/users', { name: 'Aino Ohjaaja', email: 'Aino.Ohjaaja@Example.fi', roles: ['caseworker', 'team_leader'], offices: ['helsinki', 'tampere'] }, admin.cookie);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({ name: 'Aino Ohjaaja', email: 'aino.ohjaaja@example.fi', roles: ['caseworker', 'team_leader'], offices: ['helsinki', 'tampere'], status: 'invited', mfaEnrolled: false });
    expect(body.setupLink).toMatch(/^http:\/\/localhost:8080\/setup#[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(body)).not.toMatch(/hash|secret/i);
    const audit = await t.ctx.database.db.selectFrom('auditEvent').select(['action', 'objectIds', 'actorId']).where('action', '=', 'user.create').where('objectIds', '@>', sql.val([body.user.id])).execute();
    expect(audit).toEqual([{ action: 'user.create', objectIds: [body.user.id], actorId: admin.id }]);
  });

  it('refuses a second account with the same e-mail, naming the field', async () => {
    await post(t.app, '/api/users', { name: 'Eka', email: 'sama@example.fi', roles: ['helpline'], offices: [] }, admin.cookie);
    const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: { ...SAME_ORIGIN, cookie: admin.cookie, 'accept-language': 'fi' }, payload: { name: 'Toka', email: 'SAMA@example.fi', roles: ['helpline'], offices: [] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'email_taken', fields: [{ field: 'email', code: 'email_taken', message: 'Sähköposti: tällä sähköpostiosoitteella on jo käyttäjätunnus.' }] });
  });

  it('refuses bad input whole, with every field named, and saves nothing', async () => {
    const before = (await get(t.app, '/api/users', admin.cookie)).json().users.length;
    const res = await post(t.app, '/api/users', { name: '', email: 'not-an-email', roles: ['wizard'], offices: ['atlantis'] }, admin.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'name', 'roles.0']);
    const unknownOffice = await post(t.app, '/api/users', { name: 'Nimi', email: 'nimi@example.fi', roles: ['caseworker'], offices: ['atlantis'] }, admin.cookie);
    expect(unknownOffice.json().error.fields).toEqual([expect.objectContaining({ field: 'offices', code: 'invalid_choice' })]);
    expect((await get(t.app, '/api/users', admin.cookie)).json().users.length).toBe(before);
  });

  it('refuses a save over a newer version and shows the record as it is now', async () => {
    const created = (await post(t.app, '/api/users', { name: 'Kaksi Muokkaajaa', email: 'kaksi@example.fi', roles: ['caseworker'], offices: ['helsinki'] }, admin.cookie)).json().user;
    const first = await patch(`/api/users/${created.id}`, { version: created.version, name: 'Ensimmäisen Muutos' }, admin.cookie);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.version).toBe(created.version + 1);
    const second = await patch(`/api/users/${created.id}`, { version: created.version, roles: ['team_leader'] }, admin.cookie);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'conflict', message: 'Someone else changed this record in the meantime.', current: { name: 'Ensimmäisen Muutos', roles: ['caseworker'], version: created.version + 1 } });
    const now = (await get(t.app, '/api/users', admin.cookie)).json().users.find((u: { id: string }) => u.id === created.id);
    expect(now.roles).toEqual(['caseworker']);
  });

  it('answers 404 for an account that does not exist', async () => {
    const res = await patch('/api/users/00000000-0000-4000-8000-000000000000', { version: 1, name: 'X' }, admin.cookie);
    expect(res.statusCode).toBe(404);
  });

  it('resets a lost second factor: sessions end and the next sign-in enrols anew', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    const res = await post(t.app, `/api/users/${user.id}/reset-mfa`, undefined, admin.cookie);
    expect(res.statusCode).toBe(204);
    expect((await get(t.app, '/api/auth/me', user.cookie)).statusCode).toBe(401);
    const signIn = await post(t.app, '/api/auth/sign-in', { email: user.email, password: 'kolme iloista kissaa hyppää' });
    expect(signIn.json()).toEqual({ next: 'enrolment' });
  });

  it('lists the offices in three languages', async () => {
    const res = await get(t.app, '/api/offices', admin.cookie);
    expect(res.json().offices).toContainEqual({ code: 'lappeenranta', name: { fi: 'Lappeenranta', sv: 'Villmanstrand', en: 'Lappeenranta' }, retired: false });
  });
});
