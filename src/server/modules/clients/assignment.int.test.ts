import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';
import { ManualClock } from '../../clock.js';

// A Monday in March, 11:00 in Helsinki.
const TODAY = '2026-03-16';

let t: TestApp;
let leader: TestUser; // team leader, Helsinki
let leaderTampere: TestUser;
let anna: TestUser; // caseworkers, Helsinki
let bo: TestUser;
let tuula: TestUser; // caseworker, Tampere
let leaderOnly: TestUser; // a team leader of Helsinki without the caseworker role
let gone: TestUser; // a Helsinki caseworker whose account is disabled
let decider: TestUser;

function assign(clientId: string, body: object, user: TestUser) {
  return t.app.inject({ method: 'PUT', url: `/api/clients/${clientId}/assignment`, payload: body, headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie: user.cookie } });
}
async function clientship(clientId: string, user: TestUser = leader) {
  const res = await get(t.app, `/api/clients/${clientId}`, user.cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ clientships: { id: string; officeCode: string; caseworkerId: string | null; version: number; endDate: string | null }[] }>().clientships[0]!;
}
const fieldsOf = (body: string) => (JSON.parse(body) as { error: { fields?: { field: string; code: string; message: string }[] } }).error.fields ?? [];

/** A client admitted the way intake admits them: an application of Helsinki assigned to Anna, with a child. */
async function admitted() {
  const created = await post(
    t.app,
    '/api/applications',
    {
      receivedOn: '2026-03-10',
      channel: 'police',
      person: { givenNames: 'Mai', familyName: 'Tran', birthDate: '1994-07-02', gender: 'female', nationalities: ['VN'], residenceStatus: 'no_legal_residence' },
      consentGiven: true,
      consentOn: '2026-03-10',
      officeCode: 'helsinki',
      caseworkerId: anna.id,
    },
    anna.cookie,
  );
  expect(created.statusCode, created.body).toBe(201);
  const app = (await get(t.app, `/api/applications/${created.json().id}`, anna.cookie)).json();
  const withChild = await t.app.inject({
    method: 'PATCH',
    url: `/api/applications/${created.json().id}`,
    payload: { version: app.version, newChildren: [{ givenNames: 'Linh', familyName: 'Tran', birthDate: '2019-02-11', gender: 'female', nationalities: ['VN'] }] },
    headers: { ...SAME_ORIGIN, cookie: anna.cookie },
  });
  expect(withChild.statusCode, withChild.body).toBe(200);
  const proposal = await post(t.app, '/api/decisions', { kind: 'admission', applicationId: created.json().id, category: 'victim', grounds: 'Consistent account; consent given.', expertGroupHeard: false, letterLanguage: 'fi' }, anna.cookie);
  expect(proposal.statusCode, proposal.body).toBe(201);
  const decided = await post(t.app, `/api/decisions/${proposal.json().id}/decide`, { version: proposal.json().version, decidedOn: TODAY }, decider.cookie);
  expect(decided.statusCode, decided.body).toBe(200);
  return { person: withChild.json().person as { id: string }, child: withChild.json().children[0] as { id: string } };
}

beforeAll(async () => {
  t = await createTestApp({}, new ManualClock(new Date('2026-03-16T09:00:00Z')));
  leader = await createSignedInUser(t.app, t.ctx, ['team_leader'], ['helsinki']);
  leaderTampere = await createSignedInUser(t.app, t.ctx, ['team_leader', 'caseworker'], ['tampere']);
  anna = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  bo = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  tuula = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['tampere']);
  leaderOnly = await createSignedInUser(t.app, t.ctx, ['team_leader'], ['helsinki']);
  gone = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  decider = await createSignedInUser(t.app, t.ctx, ['decision_maker'], []);
  await t.database.db.updateTable('staffUser').set({ disabledAt: new Date('2026-03-01T00:00:00Z') }).where('id', '=', gone.id).execute();
});
afterAll(() => t.close());

describe(`changing a client's office and responsible caseworker (${TEST_ENGINE})`, () => {
  it('lets a team leader hand a client to another caseworker of the office, audited, and refuses a save over a newer version', async () => {
    const client = await createClient(t.ctx, { office: 'helsinki', caseworkerId: anna.id });
    const before = await clientship(client.id);
    const res = await assign(client.id, { officeCode: 'helsinki', caseworkerId: bo.id, version: before.version }, leader);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: before.id, version: before.version + 1 });
    expect(await clientship(client.id)).toMatchObject({ officeCode: 'helsinki', caseworkerId: bo.id, version: before.version + 1 });

    // Both still see the client: it stays in their office.
    expect((await get(t.app, `/api/clients/${client.id}`, anna.cookie)).statusCode).toBe(200);
    // The list filtered by caseworker follows at once.
    expect((await get(t.app, `/api/clients?caseworkerId=${bo.id}`, bo.cookie)).json().clients.map((c: { id: string }) => c.id)).toContain(client.id);

    const stale = await assign(client.id, { officeCode: 'helsinki', caseworkerId: anna.id, version: before.version }, leader);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', current: { id: before.id, officeCode: 'helsinki', caseworkerId: bo.id, version: before.version + 1 } });

    const audit = await t.database.db.selectFrom('auditEvent').select(['actorId', 'objectIds', 'details']).where('action', '=', 'clientship.assign').execute();
    expect(audit).toEqual([
      { actorId: leader.id, objectIds: [client.id, before.id], details: { fields: ['caseworkerId'], before: { officeCode: 'helsinki', caseworkerId: anna.id }, after: { officeCode: 'helsinki', caseworkerId: bo.id }, children: 0 } },
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/Sita|Example|1998/);

    // Leaving it unassigned is allowed: the office's team leader chooses later.
    const unassigned = await assign(client.id, { officeCode: 'helsinki', caseworkerId: null, version: before.version + 1 }, leader);
    expect(unassigned.statusCode, unassigned.body).toBe(200);
    expect(await clientship(client.id)).toMatchObject({ caseworkerId: null });
  });

  it('accepts only an active user with the caseworker role in the chosen office, and an office in use', async () => {
    const client = await createClient(t.ctx, { office: 'helsinki', caseworkerId: anna.id });
    const { version } = await clientship(client.id);
    for (const who of [tuula, leaderOnly, gone, decider]) {
      const res = await assign(client.id, { officeCode: 'helsinki', caseworkerId: who.id, version }, leader);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.body)).toEqual([{ field: 'caseworkerId', code: 'not_caseworker_of_office', message: 'Caseworker: this person is not an active caseworker of the chosen office.' }]);
    }
    // Moving to Tampere with Helsinki's caseworker: she does not work there.
    const elsewhere = await assign(client.id, { officeCode: 'tampere', caseworkerId: anna.id, version }, leader);
    expect(fieldsOf(elsewhere.body)).toEqual([expect.objectContaining({ field: 'caseworkerId', code: 'not_caseworker_of_office' })]);
    await t.database.db.insertInto('office').values({ code: 'oulu', nameFi: 'Oulu', nameSv: 'Uleåborg', nameEn: 'Oulu', retired: true }).execute();
    for (const officeCode of ['oulu', 'atlantis']) {
      const res = await assign(client.id, { officeCode, caseworkerId: null, version }, leader);
      expect(fieldsOf(res.body)).toEqual([{ field: 'officeCode', code: 'invalid_choice', message: 'Office: not one of the allowed values.' }]);
    }
    expect((await assign(client.id, { officeCode: 'helsinki', version }, leader)).statusCode).toBe(400);
    expect(await clientship(client.id)).toMatchObject({ officeCode: 'helsinki', caseworkerId: anna.id, version });
    expect(await t.database.db.selectFrom('auditEvent').select('seq').where('action', '=', 'clientship.assign').where('objectIds', '@>', sql.val([client.id])).execute()).toEqual([]);
  });

  it('moves a client with their child to another office: the old office gets 404 at once, the new one sees them', async () => {
    const { person, child } = await admitted();
    for (const user of [anna, bo, leader]) expect((await get(t.app, `/api/clients/${person.id}`, user.cookie)).statusCode).toBe(200);
    expect((await get(t.app, `/api/clients/${person.id}`, tuula.cookie)).statusCode).toBe(404);

    const before = await clientship(person.id);
    const moved = await assign(person.id, { officeCode: 'tampere', caseworkerId: tuula.id, version: before.version }, leader);
    expect(moved.statusCode, moved.body).toBe(200);

    // The old office, the old caseworker included, no longer finds the client nor the child: not by page, change, list or number.
    for (const user of [anna, bo, leader]) {
      for (const id of [person.id, child.id]) {
        const page = await get(t.app, `/api/clients/${id}`, user.cookie);
        expect({ user: user.email, id, status: page.statusCode }).toEqual({ user: user.email, id, status: 404 });
      }
      const list = await get(t.app, '/api/clients?pageSize=100', user.cookie);
      expect(list.json().clients.map((c: { id: string }) => c.id)).not.toContain(person.id);
    }
    expect((await post(t.app, `/api/clients/${person.id}/notes`, { body: 'Still mine?' }, anna.cookie)).statusCode).toBe(404);
    expect((await assign(person.id, { officeCode: 'helsinki', caseworkerId: anna.id, version: before.version + 1 }, leader)).statusCode).toBe(404);

    // The new office: its caseworker, its team leader.
    for (const user of [tuula, leaderTampere]) {
      expect((await get(t.app, `/api/clients/${person.id}`, user.cookie)).statusCode).toBe(200);
      expect((await get(t.app, `/api/clients/${child.id}`, user.cookie)).statusCode).toBe(200);
    }
    expect(await clientship(person.id, tuula)).toMatchObject({ officeCode: 'tampere', caseworkerId: tuula.id });
    expect(await clientship(child.id, tuula)).toMatchObject({ officeCode: 'tampere', caseworkerId: tuula.id });
    const audit = await t.database.db.selectFrom('auditEvent').select(['objectIds', 'details']).where('action', '=', 'clientship.assign').where('objectIds', '@>', sql.val([person.id])).executeTakeFirstOrThrow();
    expect(audit).toEqual({ objectIds: [person.id, before.id, child.id], details: { fields: ['officeCode', 'caseworkerId'], before: { officeCode: 'helsinki', caseworkerId: anna.id }, after: { officeCode: 'tampere', caseworkerId: tuula.id }, children: 1 } });

    // The child's clientship follows the parent's; it is not moved on its own.
    const own = await clientship(child.id, tuula);
    const alone = await assign(child.id, { officeCode: 'tampere', caseworkerId: null, version: own.version }, leaderTampere);
    expect(fieldsOf(alone.body)).toEqual([{ field: 'clientship', code: 'child_follows_parent', message: "Clientship: a child's clientship follows the parent's; change the parent's office and caseworker instead." }]);

    // Back to Helsinki, by Tampere's team leader: Helsinki sees the client again.
    const back = await assign(person.id, { officeCode: 'helsinki', caseworkerId: bo.id, version: before.version + 1 }, leaderTampere);
    expect(back.statusCode, back.body).toBe(200);
    expect((await get(t.app, `/api/clients/${person.id}`, bo.cookie)).statusCode).toBe(200);
    expect((await get(t.app, `/api/clients/${person.id}`, tuula.cookie)).statusCode).toBe(404);
  });

  it('is for team leaders of the client\'s office only: others get 403, another office 404', async () => {
    const client = await createClient(t.ctx, { office: 'helsinki', caseworkerId: anna.id });
    const { version } = await clientship(client.id);
    const body = { officeCode: 'helsinki', caseworkerId: bo.id, version };
    // A caseworker does not hand over even their own client: the team leader assigns (docs/clients.md).
    for (const user of [anna, decider]) {
      const res = await assign(client.id, body, user);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    // Another office's team leader does not find the client at all.
    const other = await assign(client.id, body, leaderTampere);
    expect(other.statusCode).toBe(404);
    // Having broken the glass, they see the client but still do not lead its office.
    expect((await post(t.app, `/api/clients/${client.id}/break-glass`, { reason: 'The client called the Tampere office at night.' }, leaderTampere.cookie)).statusCode).toBe(201);
    const glass = await assign(client.id, { ...body, officeCode: 'tampere', caseworkerId: tuula.id }, leaderTampere);
    expect(glass.statusCode).toBe(403);
    expect(glass.json().error).toMatchObject({ code: 'not_team_leader_of_office', message: "Only a team leader of the client's current office can change the office or the responsible caseworker." });
    expect(await clientship(client.id)).toMatchObject({ officeCode: 'helsinki', caseworkerId: anna.id, version });
  });

  it('refuses when there is no current clientship', async () => {
    const client = await createClient(t.ctx, { office: 'helsinki', caseworkerId: anna.id });
    await t.database.db.updateTable('clientship').set({ endDate: '2026-03-15', endReason: 'left_country' }).where('personId', '=', client.id).execute();
    const { version } = await clientship(client.id);
    const res = await assign(client.id, { officeCode: 'helsinki', caseworkerId: bo.id, version }, leader);
    expect(fieldsOf(res.body)).toEqual([{ field: 'clientship', code: 'no_current_clientship', message: 'Clientship: the person has no current clientship.' }]);
  });
});
