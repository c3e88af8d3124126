import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';
import { systemActor } from '../../access/actor.js';
import { appendAudit, verifyAuditChain } from '../../audit/audit.js';
import { withTransaction } from '../../db/transaction.js';
import { ManualClock } from '../../clock.js';
import { computeFigures } from '../../statistics/figures.js';
import { periodOf } from '../../statistics/period.js';
import { ERASED_TABLES } from './purge.js';
import { createRetentionService } from './retention.service.js';

let t: TestApp;
let admin: TestUser;
let auditor: TestUser;
let caseworker: TestUser;
const persons: Record<'longEnded' | 'recentlyEnded' | 'open' | 'rejected' | 'held' | 'childOfOpenApplication', { id: string; number: string }> = {} as never;

/** A journal note, a task and an attachment about the client, written by the caseworker. */
async function writeRecords(personId: string, words: string) {
  const note = await post(t.app, `/api/clients/${personId}/notes`, { body: `Note: ${words}` }, caseworker.cookie);
  expect(note.statusCode, note.body).toBe(201);
  const task = await post(t.app, `/api/clients/${personId}/tasks`, { title: `Task: ${words}`, dueOn: '2026-04-01', assigneeId: caseworker.id }, caseworker.cookie);
  expect(task.statusCode, task.body).toBe(201);
  const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer();
  const file = await t.app.inject({ method: 'POST', url: `/api/clients/${personId}/attachments`, payload: image, headers: { ...SAME_ORIGIN, cookie: caseworker.cookie, 'content-type': 'image/png', 'x-file-name': encodeURIComponent(`${words}.png`) } });
  expect(file.statusCode, file.body).toBe(201);
}

const recordsOf = async (personId: string) => ({
  notes: (await t.database.db.selectFrom('journalNote').select('id').where('personId', '=', personId).execute()).length,
  tasks: (await t.database.db.selectFrom('task').select('id').where('personId', '=', personId).execute()).length,
  attachments: (await t.database.db.selectFrom('attachment').select('id').where('personId', '=', personId).execute()).length,
});

/** The file a table's rows are in: a rewrite gives it a new one. */
const fileOf = async (table: string) => (await sql<{ node: number }>`select pg_relation_filenode(${table}::regclass)::int as node`.execute(t.database.db)).rows[0]!.node;

async function endClientship(personId: string, on: string) {
  await t.database.db.updateTable('clientship').set({ endDate: on, endReason: 'no_longer_needs_assistance' }).where('personId', '=', personId).execute();
}

beforeAll(async () => {
  t = await createTestApp({}, new ManualClock(new Date('2026-03-16T09:00:00Z')));
  admin = await createSignedInUser(t.app, t.ctx, ['admin'], []);
  auditor = await createSignedInUser(t.app, t.ctx, ['auditor'], []);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  persons.longEnded = await createClient(t.ctx, { start: '2019-04-01', identity: { givenNames: 'Ilona', familyName: 'Vanhala' } });
  await writeRecords(persons.longEnded.id, 'Ilona lives with a cousin in Vantaa');
  await endClientship(persons.longEnded.id, '2020-05-01');
  persons.recentlyEnded = await createClient(t.ctx, { start: '2021-04-01', identity: { givenNames: 'Kaisa', familyName: 'Tuoreempi' } });
  await writeRecords(persons.recentlyEnded.id, 'Kaisa moved to Turku');
  await endClientship(persons.recentlyEnded.id, '2023-01-01');
  persons.open = await createClient(t.ctx, { start: '2015-04-01', identity: { givenNames: 'Aino', familyName: 'Avoin' } });
  persons.held = await createClient(t.ctx, { start: '2019-04-01', identity: { givenNames: 'Hanna', familyName: 'Pidossa' } });
  await endClientship(persons.held.id, '2020-05-01');

  // An applicant who was never admitted: rejected in 2023, with a summary and written grounds.
  const created = await post(
    t.app,
    '/api/applications',
    { receivedOn: '2026-03-01', channel: 'ngo', summary: 'Summary naming Hylätty', person: { givenNames: 'Rami', familyName: 'Hylätty', gender: 'male', nationalities: ['IQ'] }, officeCode: 'helsinki' },
    caseworker.cookie,
  );
  const application = await t.database.db.selectFrom('application').select(['id', 'personId']).where('id', '=', created.json().id).executeTakeFirstOrThrow();
  await t.database.db.updateTable('application').set({ status: 'decided', statusChangedOn: '2023-06-01', receivedOn: '2023-05-01' }).where('id', '=', application.id).execute();
  const number = await t.database.db.selectFrom('person').select('number').where('id', '=', application.personId).executeTakeFirstOrThrow();
  persons.rejected = { id: application.personId, number: number.number };

  // A client long ended, but a child on an application still open: kept until it closes.
  persons.childOfOpenApplication = await createClient(t.ctx, { start: '2019-04-01', identity: { givenNames: 'Lumi', familyName: 'Lapsi' } });
  await endClientship(persons.childOfOpenApplication.id, '2020-05-01');
  const open = await post(t.app, '/api/applications', { receivedOn: '2026-03-01', channel: 'ngo', person: { givenNames: 'Maria', familyName: 'Äiti', nationalities: ['UA'] }, officeCode: 'helsinki' }, caseworker.cookie);
  await t.database.db.insertInto('applicationChild').values({ applicationId: open.json().id, personId: persons.childOfOpenApplication.id }).execute();
});
afterAll(() => t.close());

const identityOf = (id: string) => t.database.db.selectFrom('person').select(['givenNames', 'familyName', 'birthDate', 'contact', 'municipality', 'nameIndex', 'identityErasedAt', 'birthYear', 'gender', 'nationalities']).where('id', '=', id).executeTakeFirstOrThrow();

describe(`retention (${TEST_ENGINE})`, () => {
  it('places a legal hold only for the auditor, with a reason', async () => {
    const url = `/api/persons/${persons.held.id}/legal-hold`;
    const put = (cookie: string, payload: object) => t.app.inject({ method: 'PUT', url, payload, headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie } });
    expect((await put(caseworker.cookie, { hold: true, reason: 'Court case pending in 2026.' })).statusCode).toBe(403);
    expect((await put(auditor.cookie, { hold: true, reason: 'short' })).statusCode).toBe(400);
    const res = await put(auditor.cookie, { hold: true, reason: 'Court case pending in 2026.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ legalHold: true });
  });

  it('says in a dry run what is due, and changes nothing', async () => {
    const res = await post(t.app, '/api/retention/run', { dryRun: true }, admin.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, persons: [persons.longEnded.number, persons.rejected.number].sort(), held: 1, applicationSummaries: 1, clientRecords: 3 });
    expect((await identityOf(persons.longEnded.id)).identityErasedAt).toBeNull();
    expect((await post(t.app, '/api/retention/run', { dryRun: true }, caseworker.cookie)).statusCode).toBe(403);
    // Batch by batch through the register (here two persons a batch), the same answer.
    const batched = await createRetentionService(t.ctx).run(systemActor('retention'), { dryRun: true, batchSize: 2 });
    expect(batched).toEqual(res.json());
  });

  it('erases the identifying data that is due and keeps the facts, so the figures and the audit trail stand', async () => {
    const figuresBefore = await computeFigures(t.database.db, periodOf(2019), { threshold: 0 });
    const filesBefore = await Promise.all(ERASED_TABLES.map(fileOf));
    const res = await post(t.app, '/api/retention/run', { dryRun: false }, admin.cookie);
    expect(res.json()).toMatchObject({ dryRun: false, persons: [persons.longEnded.number, persons.rejected.number].sort(), held: 1, clientRecords: 3 });
    // Notes, tasks and files about the erased client are gone; those of a client still kept stay.
    expect(await recordsOf(persons.longEnded.id)).toEqual({ notes: 0, tasks: 0, attachments: 0 });
    expect(await recordsOf(persons.recentlyEnded.id)).toEqual({ notes: 1, tasks: 1, attachments: 1 });
    // Each table that held erased data is written anew: the rows' earlier versions are not in the new files.
    const filesAfter = await Promise.all(ERASED_TABLES.map(fileOf));
    ERASED_TABLES.forEach((table, i) => expect(filesAfter[i], table).not.toBe(filesBefore[i]));

    for (const erased of [persons.longEnded, persons.rejected]) {
      const row = await identityOf(erased.id);
      expect(row).toMatchObject({ givenNames: null, familyName: null, birthDate: null, contact: null, municipality: null, nameIndex: [], identityErasedAt: expect.any(Date) });
    }
    expect(await identityOf(persons.longEnded.id)).toMatchObject({ birthYear: 1998, gender: 'female', nationalities: ['NP'] });
    const summaries = await t.database.db.selectFrom('application').select('summary').where('personId', '=', persons.rejected.id).execute();
    expect(summaries).toEqual([{ summary: null }]);
    for (const kept of [persons.recentlyEnded, persons.open, persons.held, persons.childOfOpenApplication]) expect((await identityOf(kept.id)).identityErasedAt).toBeNull();
    const kept = (await get(t.app, `/api/clients/${persons.recentlyEnded.id}`, caseworker.cookie)).json();
    expect(kept.notes).toEqual([expect.objectContaining({ body: 'Note: Kaisa moved to Turku' })]);

    expect(await computeFigures(t.database.db, periodOf(2019), { threshold: 0 })).toEqual(figuresBefore);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    const { rows } = await sql<Record<string, unknown>>`select * from person`.execute(t.database.db);
    expect(JSON.stringify(rows)).not.toMatch(/Vanhala|Hylätty/);
    const audit = await t.database.db.selectFrom('auditEvent').select(['action', 'objectIds', 'details']).where('action', 'in', ['retention.erase', 'retention.rewrite']).orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'retention.erase', objectIds: expect.arrayContaining([persons.longEnded.id, persons.rejected.id]), details: expect.objectContaining({ persons: 2, clientRecords: 3 }) },
      { action: 'retention.rewrite', objectIds: [], details: expect.objectContaining({ tables: [...ERASED_TABLES] }) },
    ]);
  });

  it('shows an erased client as erased, and revealing gives nothing', async () => {
    const client = await get(t.app, `/api/clients/${persons.longEnded.id}`, caseworker.cookie);
    expect(client.json()).toMatchObject({ identityErased: true, masked: { givenNames: null, familyName: null } });
    const revealed = await post(t.app, `/api/clients/${persons.longEnded.id}/reveal`, undefined, caseworker.cookie);
    expect(revealed.json()).toMatchObject({ givenNames: null, familyName: null, birthDate: null });
  });

  it('has nothing left to do when run again, and rewrites nothing', async () => {
    const filesBefore = await Promise.all(ERASED_TABLES.map(fileOf));
    const res = await post(t.app, '/api/retention/run', { dryRun: false }, admin.cookie);
    expect(res.json()).toMatchObject({ persons: [], held: 1, clientRecords: 0 });
    expect(await Promise.all(ERASED_TABLES.map(fileOf))).toEqual(filesBefore);
  });

  it('rewrites at the next run when an erasure was recorded after the last rewrite (a run whose rewrite failed)', async () => {
    await withTransaction(t.database.db, (tx) => appendAudit(tx, systemActor('retention'), { action: 'retention.erase', objectType: 'person', objectIds: [persons.longEnded.id] }, t.clock.now()));
    const filesBefore = await Promise.all(ERASED_TABLES.map(fileOf));
    const res = await post(t.app, '/api/retention/run', { dryRun: false }, admin.cookie);
    expect(res.json()).toMatchObject({ persons: [] });
    const filesAfter = await Promise.all(ERASED_TABLES.map(fileOf));
    ERASED_TABLES.forEach((table, i) => expect(filesAfter[i], table).not.toBe(filesBefore[i]));
    // A dry run never rewrites.
    await withTransaction(t.database.db, (tx) => appendAudit(tx, systemActor('retention'), { action: 'retention.erase', objectType: 'person', objectIds: [persons.longEnded.id] }, t.clock.now()));
    await post(t.app, '/api/retention/run', { dryRun: true }, admin.cookie);
    expect(await Promise.all(ERASED_TABLES.map(fileOf))).toEqual(filesAfter);
  });
});
