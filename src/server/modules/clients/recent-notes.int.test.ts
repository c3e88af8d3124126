import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';
import { ManualClock } from '../../clock.js';

let t: TestApp;
let clock: ManualClock;
let anna: TestUser;
let bo: TestUser;
let client: { id: string; number: string };

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-03-16T09:00:00Z'));
  t = await createTestApp({}, clock);
  anna = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  bo = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  client = await createClient(t.ctx, { office: 'helsinki', caseworkerId: anna.id });
});
afterAll(() => t.close());

describe(`my recent notes (${TEST_ENGINE})`, () => {
  it('lists the ten notes I wrote last, newest first, with their client, and audits the read', async () => {
    for (let i = 1; i <= 12; i += 1) {
      clock.advance(60_000);
      expect((await post(t.app, `/api/clients/${client.id}/notes`, { body: `Note ${i}` }, anna.cookie)).statusCode).toBe(201);
    }
    await post(t.app, `/api/clients/${client.id}/notes`, { body: 'Written by Bo' }, bo.cookie);
    const res = await get(t.app, '/api/notes/recent', anna.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const { notes } = res.json();
    expect(notes.map((n: { body: string }) => n.body)).toEqual(['Note 12', 'Note 11', 'Note 10', 'Note 9', 'Note 8', 'Note 7', 'Note 6', 'Note 5', 'Note 4', 'Note 3']);
    expect(notes[0]).toMatchObject({ person: { id: client.id, number: client.number }, correctsId: null, correctedAt: null });
    const audit = await t.database.db.selectFrom('auditEvent').select(['objectIds', 'details']).where('action', '=', 'note.recent').where('actorId', '=', anna.id).execute();
    expect(audit).toEqual([{ objectIds: [client.id], details: { count: 10 } }]);
  });

  it('is empty for someone who has written none, and refused to roles that keep no records', async () => {
    const tampere = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['tampere']);
    expect((await get(t.app, '/api/notes/recent', tampere.cookie)).json()).toEqual({ notes: [] });
    const statistician = await createSignedInUser(t.app, t.ctx, ['statistician'], []);
    expect((await get(t.app, '/api/notes/recent', statistician.cookie)).statusCode).toBe(403);
  });
});
