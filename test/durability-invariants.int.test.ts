import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants, newLedger, type Ledger } from '../scripts/durability/invariants.js';
import { withTransaction } from '../src/server/db/transaction.js';
import { createTestApp, type TestApp } from './app.js';
import { TEST_ENGINE } from './database.js';
import { createSignedInUser, post, type TestUser } from './identity.js';

let t: TestApp;
let helpline: TestUser;
let caseworker: TestUser;
let ledger: Ledger;
const numbers: string[] = [];

async function contact(): Promise<string> {
  const res = await post(t.app, '/api/helpline/contacts', { at: t.clock.now().toISOString(), channel: 'phone', caller: 'professional', outcome: 'advice_given' }, helpline.cookie);
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

async function application(children: number, helplineContactId: string | null): Promise<{ id: string; number: string }> {
  const today = t.clock.now().toISOString().slice(0, 10);
  const res = await post(
    t.app,
    '/api/applications',
    {
      receivedOn: today,
      channel: 'self',
      person: { givenNames: 'Aino', familyName: 'Koe', birthDate: '1990-01-01', gender: 'female', nationalities: ['FI'] },
      newChildren: Array.from({ length: children }, () => ({ givenNames: 'Lapsi', birthDate: `${Number(today.slice(0, 4)) - 5}-01-01`, gender: 'unknown', nationalities: ['FI'] })),
      officeCode: 'helsinki',
      helplineContactId,
    },
    caseworker.cookie,
  );
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; number: string }>();
}

/** Writes behind the application's back, as a half-applied transaction would leave things. */
async function tamper(statement: ReturnType<typeof sql>) {
  await withTransaction(t.database.db, async (tx) => {
    await sql`alter table audit_event disable trigger audit_event_no_update`.execute(tx);
    await statement.execute(tx);
    await sql`alter table audit_event enable trigger audit_event_no_update`.execute(tx);
  });
}

beforeAll(async () => {
  t = await createTestApp();
  helpline = await createSignedInUser(t.app, t.ctx, ['helpline']);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  ledger = newLedger();
  for (let i = 0; i < 3; i++) ledger.contacts.set(await contact(), { round: 1 });
  const started = [...ledger.contacts.keys()][0]!;
  for (const [children, from] of [[1, null], [2, started]] as const) {
    const a = await application(children, from);
    ledger.applications.set(a.id, { round: 1, number: a.number, children, helplineContactId: from });
    numbers.push(a.number);
  }
  // Committed, but its answer never reached the client.
  await contact();
});
afterAll(() => t.close());

describe(`the durability checker (${TEST_ENGINE})`, () => {
  it('passes a database where every acknowledged write is whole', async () => {
    const verdict = await checkInvariants(t.database.db, ledger);
    expect(verdict.lost).toEqual([]);
    expect(verdict.partial).toEqual([]);
    expect(verdict.chain.ok).toBe(true);
    expect(verdict.stored).toMatchObject({ contacts: 4, applications: 2, persons: 5 });
    expect(verdict.committedUnacknowledged).toEqual({ contacts: 1, applications: 0 });
  });

  it('counts an acknowledged write that is missing as lost', async () => {
    const missing = newLedger();
    missing.contacts.set(randomUUID(), { round: 7 });
    missing.applications.set(randomUUID(), { round: 7, number: 'A-2026-9999', children: 1, helplineContactId: null });
    const verdict = await checkInvariants(t.database.db, missing);
    expect(verdict.lost).toHaveLength(2);
    expect(verdict.lost.join('\n')).toMatch(/helpline contact .* \(round 7\)/);
    expect(verdict.lost.join('\n')).toMatch(/application A-2026-9999/);
  });

  it('finds each kind of half-written transaction', async () => {
    const [first, second] = [...ledger.applications.keys()];
    const [, , lone] = [...ledger.contacts.keys()];
    await tamper(sql`delete from application_status_change where application_id = ${first!}`);
    await tamper(sql`delete from application_child where application_id = ${second!} and person_id = (select min(person_id::text)::uuid from application_child where application_id = ${second!})`);
    await tamper(sql`insert into person (gender) values ('unknown')`);
    await tamper(sql`insert into helpline_contact (at, channel, caller, outcome) values (now(), 'phone', 'other', 'advice_given')`);
    await tamper(sql`update helpline_contact set outcome = 'application_started' where id = ${lone!}`);

    const verdict = await checkInvariants(t.database.db, ledger);
    const report = verdict.partial.join('\n');
    expect(verdict.lost).toEqual([]);
    expect(report).toContain(`application ${numbers[0]}: 0 initial status changes`);
    expect(report).toContain(`application ${numbers[1]}: 1 child links, created with 2`);
    expect(report).toMatch(new RegExp(`application ${numbers[1]}: its audit entry #\\d+ names 3 persons, the application has 2`));
    expect(report).toMatch(/person .*: no application names it[\s\S]*person .*: no application names it/);
    expect(report).toMatch(/helpline contact .*: 0 helpline.contact_create audit entries/);
    expect(report).toContain(`helpline contact ${lone}: outcome application_started but named by 0 applications`);
    expect(verdict.chain.ok).toBe(true);
  });

  it('reports a broken audit chain', async () => {
    const entry = await t.database.db.selectFrom('auditEvent').select('seq').where('action', '=', 'application.create').orderBy('seq').executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_event where seq = ${entry.seq}`);
    const verdict = await checkInvariants(t.database.db, ledger);
    expect(verdict.chain).toMatchObject({ ok: false, problem: 'unlinked' });
    expect(verdict.partial.join('\n')).toContain(`application ${numbers[0]}: 0 application.create audit entries`);
  });
});
