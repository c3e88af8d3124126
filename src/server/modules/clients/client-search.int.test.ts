import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';
import type { Actor } from '../../access/actor.js';
import { matchClients } from './client-search.js';

let t: TestApp;
let helsinki: TestUser;
let tampere: TestUser;
let olena: { id: string; number: string };

beforeAll(async () => {
  t = await createTestApp();
  helsinki = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  tampere = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['tampere']);
  olena = await createClient(t.ctx, { office: 'helsinki', caseworkerId: helsinki.id, identity: { givenNames: 'Олена', familyName: 'Коваленко', birthDate: '1990-05-04' }, nationalities: ['UA'] });
  await createClient(t.ctx, { office: 'helsinki', identity: { givenNames: 'Nguyễn Thị', familyName: 'Lan', birthDate: '1988-01-20' }, nationalities: ['VN'] });
  for (let i = 0; i < 30; i += 1) await createClient(t.ctx, { office: 'helsinki', identity: { givenNames: `Person${i}`, familyName: 'Filler' } });
  await createClient(t.ctx, { office: 'tampere', identity: { givenNames: 'Olena', familyName: 'Kovalenko' }, nationalities: ['UA'] });
});
afterAll(() => t.close());

const search = (params: Record<string, string>, user = helsinki) => get(t.app, `/api/clients?${new URLSearchParams(params)}`, user.cookie);

describe(`finding clients (${TEST_ENGINE})`, () => {
  it('finds a client by a misspelled, transliterated name, masked, within the office only', async () => {
    for (const q of ['Olena Kovalenko', 'olena kowalenko', 'Kovalenco', 'Коваленко']) {
      const res = await search({ q });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().clients.map((c: { id: string }) => c.id), q).toEqual([olena.id]);
    }
    const first = (await search({ q: 'Kowalenko' })).json().clients[0];
    expect(first).toMatchObject({ number: olena.number, masked: { givenNames: 'О••••', familyName: 'К••••••••' }, birthYear: 1990, category: 'victim', officeCode: 'helsinki', caseworker: { id: helsinki.id } });
    expect((await search({ q: 'Nguyen Thi Lan' })).json().total).toBe(1);
    expect((await search({ q: 'Maria Virtanen' })).json().total).toBe(0);
  });

  it('finds a client by number, and by birth year and nationality', async () => {
    expect((await search({ q: olena.number.toLowerCase() })).json().clients).toEqual([expect.objectContaining({ id: olena.id })]);
    expect((await search({ nationality: 'ua' })).json().clients.map((c: { id: string }) => c.id)).toEqual([olena.id]);
    expect((await search({ q: 'Kovalenko', birthYear: '1991' })).json().total).toBe(0);
  });

  it('pages through the office\'s clients, and audits what each page showed', async () => {
    const first = (await search({ pageSize: '25' })).json();
    const second = (await search({ pageSize: '25', page: '2' })).json();
    expect(first.total).toBe(32);
    expect(first.clients).toHaveLength(25);
    expect(second.clients).toHaveLength(7);
    expect(new Set([...first.clients, ...second.clients].map((c: { id: string }) => c.id)).size).toBe(32);
    const audit = await t.database.db.selectFrom('auditEvent').select(['objectIds']).where('action', '=', 'client.search').where('actorId', '=', helsinki.id).execute();
    expect(audit.some((a) => a.objectIds.length === 25)).toBe(true);
  });

  it('counts a long list only so far, saying there are more, and pages on past the count', async () => {
    const actor: Actor = { kind: 'user', userId: helsinki.id, sessionId: 'test', name: 'Helsinki caseworker', roles: ['caseworker'], offices: ['helsinki'], address: null };
    const counted = await matchClients(t.ctx, actor, 'office', {}, { offset: 0, limit: 25 }, 10);
    expect(counted).toMatchObject({ total: 10, totalCapped: true });
    expect(counted.rows).toHaveLength(25);
    const beyond = await matchClients(t.ctx, actor, 'office', {}, { offset: 25, limit: 25 }, 10);
    expect(beyond.rows).toHaveLength(7);
    const exact = await matchClients(t.ctx, actor, 'office', {}, { offset: 0, limit: 25 }, 32);
    expect(exact).toMatchObject({ total: 32, totalCapped: false });
    expect((await search({})).json()).toMatchObject({ total: 32, totalCapped: false });
  });

  it('lists clients in number order past C-99999, each once, with those of a break-the-glass grant', async () => {
    const lappeenranta = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['lappeenranta']);
    await sql`select setval('person_number_seq', 99998)`.execute(t.database.db);
    const made = [];
    // Held twice (by the office and as the caseworker's own): listed once.
    for (let i = 0; i < 3; i += 1) made.push(await createClient(t.ctx, { office: 'lappeenranta', caseworkerId: lappeenranta.id, identity: { givenNames: `Late${i}` } }));
    expect(made.map((p) => p.number)).toEqual(['C-99999', 'C-100000', 'C-100001']);
    const earlier = await createClient(t.ctx, { office: 'lappeenranta', identity: { givenNames: 'Early' } });
    await sql`update person set number = 'C-00000' where id = ${earlier.id}`.execute(t.database.db);
    // An applicant who is not a client is held by the office but not in its client list.
    const applicant = await t.database.db.insertInto('person').values({ id: randomUUID(), gender: 'male', nationalities: ['ZZ'] }).returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('application').values({ number: 'A-2025-9999', personId: applicant.id, receivedOn: '2025-03-01', channel: 'phone', officeCode: 'lappeenranta' }).execute();
    await t.database.db.insertInto('breakGlassGrant').values({ userId: lappeenranta.id, personId: olena.id, reason: 'Urgent safety call at night', grantedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) }).execute();
    const listed = (await search({}, lappeenranta)).json();
    expect(listed.clients.map((c: { number: string }) => c.number)).toEqual(['C-00000', olena.number, 'C-99999', 'C-100000', 'C-100001']);
    expect(listed).toMatchObject({ total: 5, totalCapped: false });
  });

  it('shows another office nothing of these clients', async () => {
    const res = (await search({ q: 'Kovalenko' }, tampere)).json();
    expect(res.clients.map((c: { id: string }) => c.id)).not.toContain(olena.id);
    expect(res.total).toBe(1);
  });

  it('filters by caseworker or office within the scope only', async () => {
    expect((await search({ caseworkerId: helsinki.id })).json().clients.map((c: { id: string }) => c.id)).toEqual([olena.id]);
    expect((await search({ office: 'helsinki' })).json().total).toBe(32);
    expect((await search({ caseworkerId: helsinki.id }, tampere)).json()).toMatchObject({ total: 0, clients: [] });
    expect((await search({ office: 'helsinki' }, tampere)).json()).toMatchObject({ total: 0, clients: [] });
    expect((await search({ office: 'tampere' }, tampere)).json().total).toBe(1);
  });
});
