import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { createClient } from '../../../../test/records.js';
import { systemActor } from '../../access/actor.js';
import { verifyAuditChain } from '../../audit/audit.js';
import { ManualClock } from '../../clock.js';
import { computeFigures } from '../../statistics/figures.js';
import { periodOf } from '../../statistics/period.js';
import { createRetentionService } from './retention.service.js';

let t: TestApp;
let admin: TestUser;
let auditor: TestUser;
let caseworker: TestUser;
const persons: Record<'longEnded' | 'recentlyEnded' | 'open' | 'rejected' | 'held' | 'childOfOpenApplication', { id: string; number: string }> = {} as never;

async function endClientship(personId: string, on: string) {
  await t.database.db.updateTable('clientship').set({ endDate: on, endReason: 'no_longer_needs_assistance' }).where('personId', '=', personId).execute();
}

beforeAll(async () => {
  t = await createTestApp({}, new ManualClock(new Date('2026-03-16T09:00:00Z')));
  admin = await createSignedInUser(t.app, t.ctx, ['admin'], []);
  auditor = await createSignedInUser(t.app, t.ctx, ['auditor'], []);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  persons.longEnded = await createClient(t.ctx, { start: '2019-04-01', identity: { givenNames: 'Ilona', familyName: 'Vanhala' } });
  await endClientship(persons.longEnded.id, '2020-05-01');
  persons.recentlyEnded = await createClient(t.ctx, { start: '2021-04-01', identity: { givenNames: 'Kaisa', familyName: 'Tuoreempi' } });
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
    expect(res.json()).toMatchObject({ dryRun: true, persons: [persons.longEnded.number, persons.rejected.number].sort(), held: 1, applicationSummaries: 1 });
    expect((await identityOf(persons.longEnded.id)).identityErasedAt).toBeNull();
    expect((await post(t.app, '/api/retention/run', { dryRun: true }, caseworker.cookie)).statusCode).toBe(403);
    // Batch by batch through the register (here two persons a batch), the same answer.
    const batched = await createRetentionService(t.ctx).run(systemActor('retention'), { dryRun: true, batchSize: 2 });
    expect(batched).toEqual(res.json());
  });

  it('erases the identifying data that is due and keeps the facts, so the figures and the audit trail stand', async () => {
    const figuresBefore = await computeFigures(t.database.db, periodOf(2019), { threshold: 0 });
    const res = await post(t.app, '/api/retention/run', { dryRun: false }, admin.cookie);
    expect(res.json()).toMatchObject({ dryRun: false, persons: [persons.longEnded.number, persons.rejected.number].sort(), held: 1 });

    for (const erased of [persons.longEnded, persons.rejected]) {
      const row = await identityOf(erased.id);
      expect(row).toMatchObject({ givenNames: null, familyName: null, birthDate: null, contact: null, municipality: null, nameIndex: [], identityErasedAt: expect.any(Date) });
    }
    expect(await identityOf(persons.longEnded.id)).toMatchObject({ birthYear: 1998, gender: 'female', nationalities: ['NP'] });
    const summaries = await t.database.db.selectFrom('application').select('summary').where('personId', '=', persons.rejected.id).execute();
    expect(summaries).toEqual([{ summary: null }]);
    for (const kept of [persons.recentlyEnded, persons.open, persons.held, persons.childOfOpenApplication]) expect((await identityOf(kept.id)).identityErasedAt).toBeNull();

    expect(await computeFigures(t.database.db, periodOf(2019), { threshold: 0 })).toEqual(figuresBefore);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    const { rows } = await sql<Record<string, unknown>>`select * from person`.execute(t.database.db);
    expect(JSON.stringify(rows)).not.toMatch(/Vanhala|Hylätty/);
    const audit = await t.database.db.selectFrom('auditEvent').select(['action', 'objectIds']).where('action', '=', 'retention.erase').execute();
    expect(audit).toEqual([{ action: 'retention.erase', objectIds: expect.arrayContaining([persons.longEnded.id, persons.rejected.id]) }]);
  });

  it('shows an erased client as erased, and revealing gives nothing', async () => {
    const client = await get(t.app, `/api/clients/${persons.longEnded.id}`, caseworker.cookie);
    expect(client.json()).toMatchObject({ identityErased: true, masked: { givenNames: null, familyName: null } });
    const revealed = await post(t.app, `/api/clients/${persons.longEnded.id}/reveal`, undefined, caseworker.cookie);
    expect(revealed.json()).toMatchObject({ givenNames: null, familyName: null, birthDate: null });
  });

  it('has nothing left to do when run again', async () => {
    const res = await post(t.app, '/api/retention/run', { dryRun: false }, admin.cookie);
    expect(res.json()).toMatchObject({ persons: [], held: 1 });
  });
});
