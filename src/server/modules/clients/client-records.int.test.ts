import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';
import { ManualClock } from '../../clock.js';

let t: TestApp;
let clock: ManualClock;
let anna: TestUser;
let bo: TestUser;
let tampere: TestUser;
let client: { id: string; number: string };

function send(method: 'PATCH' | 'PUT' | 'DELETE', url: string, payload: object | undefined, user: TestUser) {
  return t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie: user.cookie } });
}
const page = async (user = anna) => (await get(t.app, `/api/clients/${client.id}`, user.cookie)).json();

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-03-16T09:00:00Z'));
  t = await createTestApp({}, clock);
  anna = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  bo = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  tampere = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['tampere']);
  client = await createClient(t.ctx, { office: 'helsinki', caseworkerId: anna.id });
});
afterAll(() => t.close());

describe(`a client's records (${TEST_ENGINE})`, () => {
  it('refuses the second of two saves over the same version, saying what the other person changed', async () => {
    const { version } = await page();
    const first = await send('PATCH', `/api/clients/${client.id}`, { version, residenceStatus: 'asylum_seeker', municipality: 'Espoo' }, anna);
    expect(first.statusCode, first.body).toBe(200);
    const second = await send('PATCH', `/api/clients/${client.id}`, { version, residenceStatus: 'visa', languages: ['ne'] }, bo);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'conflict', changed: ['residenceStatus', 'municipality'], current: { residenceStatus: 'asylum_seeker', municipality: 'Espoo', version: version + 1 } });
    const now = await page();
    expect(now.residenceStatus).toBe('asylum_seeker');
    expect(now.residenceHistory).toEqual([expect.objectContaining({ status: 'asylum_seeker' })]);
    // Only the fields sent change: the rest of the identity stays as it was.
    const identity = (await post(t.app, `/api/clients/${client.id}/reveal`, undefined, anna.cookie)).json();
    expect(identity).toMatchObject({ givenNames: 'Sita', familyName: 'Example', birthDate: '1998-03-14', municipality: 'Espoo' });
    expect(now).toMatchObject({ gender: 'female', nationalities: ['NP'] });
  });

  it('adds, changes and removes exploitation records, keeping their history in the audit trail', async () => {
    const added = await post(t.app, `/api/clients/${client.id}/exploitation`, { form: 'forced_labour', isPrimary: true, country: 'fi', industry: 'restaurant', periodFrom: '2024-06', periodTo: '2025-01' }, anna.cookie);
    expect(added.statusCode, added.body).toBe(201);
    const wrong = await post(t.app, `/api/clients/${client.id}/exploitation`, { form: 'sexual_exploitation', isPrimary: false, country: 'FI', industry: 'cleaning' }, anna.cookie);
    expect(wrong.json().error.fields).toEqual([{ field: 'industry', code: 'industry_only_for_labour', message: 'Industry: an industry is recorded for forced labour only.' }]);
    const changed = await send('PUT', `/api/exploitation/${added.json().id}`, { version: 1, form: 'forced_labour', isPrimary: true, country: 'FI', industry: 'cleaning', periodFrom: '2024-06', periodTo: '2025-01' }, anna);
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await send('PUT', `/api/exploitation/${added.json().id}`, { version: 1, form: 'forced_labour', isPrimary: true, country: 'FI' }, bo)).statusCode).toBe(409);
    expect((await page()).exploitation).toEqual([expect.objectContaining({ industry: 'cleaning', country: 'FI', version: 2 })]);
    const history = await t.database.db.selectFrom('auditEvent').select('details').where('action', '=', 'exploitation.update').execute();
    expect(history[0]!.details).toMatchObject({ before: { industry: 'restaurant' }, after: { industry: 'cleaning' } });
    expect((await send('DELETE', `/api/exploitation/${added.json().id}?version=2`, undefined, anna)).statusCode).toBe(204);
    expect((await page()).exploitation).toEqual([]);
  });

  it('shows each exploitation record\'s history to those who may read the client: who, when, the codes before and after', async () => {
    const added = await post(t.app, `/api/clients/${client.id}/exploitation`, { form: 'sexual_exploitation', isPrimary: true, country: 'UA', periodFrom: '2023' }, anna.cookie);
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as string;
    clock.advance(60_000);
    expect((await send('PUT', `/api/exploitation/${id}`, { version: 1, form: 'sexual_exploitation', isPrimary: true, country: 'FI', periodFrom: '2023', periodTo: '2024-02' }, bo)).statusCode).toBe(200);
    const reader = await createSignedInUser(t.app, t.ctx, ['decision_maker'], []);
    const history = (await page(reader)).exploitationHistory.filter((e: { exploitationId: string }) => e.exploitationId === id);
    expect(history).toEqual([
      {
        exploitationId: id,
        action: 'update',
        at: new Date(clock.now()).toISOString(),
        actorName: expect.stringMatching(/^Test caseworker/),
        before: { form: 'sexual_exploitation', isPrimary: true, country: 'UA', industry: null, periodFrom: '2023', periodTo: null, residenceStatus: null },
        after: { form: 'sexual_exploitation', isPrimary: true, country: 'FI', industry: null, periodFrom: '2023', periodTo: '2024-02', residenceStatus: null },
      },
      expect.objectContaining({ action: 'create', before: null, after: expect.objectContaining({ form: 'sexual_exploitation', country: 'UA' }) }),
    ]);
    // The record removed in the test before keeps its whole history, newest first.
    const removed = (await page()).exploitationHistory.filter((e: { exploitationId: string }) => e.exploitationId !== id);
    expect(removed.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(removed[0]).toMatchObject({ before: { form: 'forced_labour', industry: 'cleaning', periodFrom: '2024-06', periodTo: '2025-01' }, after: null });
    expect(removed[1]).toMatchObject({ before: { industry: 'restaurant' }, after: { industry: 'cleaning' } });
    // Outside the client's scope there is no history either: the whole client is not found.
    expect((await get(t.app, `/api/clients/${client.id}`, tampere.cookie)).statusCode).toBe(404);
  });

  it('records services and the assessment of needs', async () => {
    const service = await post(t.app, `/api/clients/${client.id}/services`, { type: 'safe_accommodation', provider: 'reception_centre', startDate: '2026-03-01' }, anna.cookie);
    expect(service.statusCode, service.body).toBe(201);
    const early = await send('PUT', `/api/services/${service.json().id}`, { version: 1, type: 'safe_accommodation', provider: 'reception_centre', startDate: '2026-03-01', endDate: '2026-02-01' }, anna);
    expect(early.json().error.fields[0]).toMatchObject({ field: 'endDate', code: 'before_start' });
    const needs = await send('PUT', `/api/clients/${client.id}/needs`, { needs: [{ type: 'safe_accommodation', needed: true }, { type: 'legal_counselling', needed: false }] }, anna);
    expect(needs.json().needs).toEqual([
      { type: 'legal_counselling', needed: false, assessedOn: '2026-03-16' },
      { type: 'safe_accommodation', needed: true, assessedOn: '2026-03-16' },
    ]);
    expect((await page()).services).toEqual([expect.objectContaining({ type: 'safe_accommodation', endDate: null })]);
  });

  it('lets the author correct a note within 24 hours, afterwards only by a new note', async () => {
    const note = await post(t.app, `/api/clients/${client.id}/notes`, { body: 'Met at the reception centre; needs a Nepali interpreter.' }, anna.cookie);
    expect(note.statusCode).toBe(201);
    const { rows } = await sql<{ body: string }>`select body from journal_note`.execute(t.database.db);
    expect(rows[0]!.body).not.toContain('Nepali');
    expect((await send('PUT', `/api/notes/${note.json().id}`, { version: 1, body: 'Someone else edits' }, bo)).statusCode).toBe(403);
    expect((await send('PUT', `/api/notes/${note.json().id}`, { version: 1, body: 'Met at the reception centre; needs a Nepali-speaking interpreter.' }, anna)).statusCode).toBe(200);
    await t.database.db.updateTable('journalNote').set({ writtenAt: new Date(clock.now().getTime() - 25 * 3_600_000) }).where('id', '=', note.json().id).execute();
    const late = await send('PUT', `/api/notes/${note.json().id}`, { version: 2, body: 'Rewritten later' }, anna);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('note_locked');
    const correction = await post(t.app, `/api/clients/${client.id}/notes`, { body: 'Correction: the interpreter must be a woman.', correctsId: note.json().id }, anna.cookie);
    expect(correction.statusCode).toBe(201);
    const notes = (await page()).notes;
    expect(notes).toEqual([
      expect.objectContaining({ body: 'Correction: the interpreter must be a woman.', correctsId: note.json().id, correctable: true }),
      expect.objectContaining({ body: 'Met at the reception centre; needs a Nepali-speaking interpreter.', correctable: false, correctedAt: expect.any(String) }),
    ]);
  });

  it('assigns tasks that appear in the assignee\'s list until done', async () => {
    const task = await post(t.app, `/api/clients/${client.id}/tasks`, { title: 'Book the interpreter for Tuesday', dueOn: '2026-03-10', assigneeId: bo.id }, anna.cookie);
    expect(task.statusCode, task.body).toBe(201);
    expect((await get(t.app, '/api/tasks', bo.cookie)).json().tasks).toEqual([expect.objectContaining({ title: 'Book the interpreter for Tuesday', overdue: true, person: { id: client.id, number: client.number } })]);
    expect((await post(t.app, `/api/tasks/${task.json().id}/done`, { version: 1 }, bo.cookie)).statusCode).toBe(200);
    expect((await get(t.app, '/api/tasks', bo.cookie)).json().tasks).toEqual([]);
  });

  it('answers 404 to another office for every change', async () => {
    expect((await send('PATCH', `/api/clients/${client.id}`, { version: 1, municipality: 'Tampere' }, tampere)).statusCode).toBe(404);
    expect((await post(t.app, `/api/clients/${client.id}/notes`, { body: 'x' }, tampere.cookie)).statusCode).toBe(404);
    expect((await post(t.app, `/api/clients/${client.id}/exploitation`, { form: 'begging', isPrimary: true, country: 'FI' }, tampere.cookie)).statusCode).toBe(404);
  });
});
