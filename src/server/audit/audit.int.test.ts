import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { TEST_ENGINE } from '../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../test/identity.js';
import { operatorActor } from '../access/actor.js';
import { withTransaction } from '../db/transaction.js';
import { appendAudit, verifyAuditChain } from './audit.js';

let t: TestApp;
let auditor: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  auditor = await createSignedInUser(t.app, t.ctx, ['auditor']);
});
afterAll(() => t.close());

/** Changes a row behind the application's back, as someone with database access could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await withTransaction(t.database.db, async (tx) => {
    await sql`alter table audit_event disable trigger audit_event_no_update`.execute(tx);
    await statement.execute(tx);
    await sql`alter table audit_event enable trigger audit_event_no_update`.execute(tx);
  });
}

describe(`the audit trail (${TEST_ENGINE})`, () => {
  it('records sign-ins, failures and account changes, and the chain verifies', async () => {
    await post(t.app, '/api/auth/sign-in', { email: auditor.email, password: 'definitely wrong password' });
    const actions = (await t.database.db.selectFrom('auditEvent').select('action').orderBy('seq').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'auth.password_set', 'auth.mfa_enrolled', 'auth.sign_in']));
    const failure = await t.database.db.selectFrom('auditEvent').selectAll().where('action', '=', 'auth.sign_in').where('outcome', '=', 'failure').executeTakeFirstOrThrow();
    expect(failure.objectIds).toEqual([auditor.id]);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('keeps no passwords, codes or e-mail addresses in the entries', async () => {
    const rows = await t.database.db.selectFrom('auditEvent').selectAll().execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain('kolme iloista kissaa');
    expect(text).not.toContain('definitely wrong password');
    expect(text).not.toContain(auditor.email);
    expect(text).not.toContain(auditor.secret);
  });

  it('shows the auditor the log with filters, and records that reading', async () => {
    const res = await get(t.app, `/api/audit?action=auth.sign_in&actorId=${auditor.id}`, auditor.cookie);
    expect(res.statusCode).toBe(200);
    const events = res.json().events as { action: string; actorId: string; actorName: string }[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.action === 'auth.sign_in' && e.actorId === auditor.id)).toBe(true);
    expect(events[0]!.actorName).toMatch(/^Test auditor/);
    const read = await t.database.db.selectFrom('auditEvent').select(['details']).where('action', '=', 'audit.read').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(read.details).toMatchObject({ criteria: { action: 'auth.sign_in', actorId: auditor.id } });
  });

  it('pages the log newest first', async () => {
    const first = (await get(t.app, '/api/audit?limit=2', auditor.cookie)).json();
    expect(first.events).toHaveLength(2);
    expect(first.events[0].seq).toBeGreaterThan(first.events[1].seq);
    const next = (await get(t.app, `/api/audit?limit=2&before=${first.nextBefore}`, auditor.cookie)).json();
    expect(next.events[0].seq).toBeLessThan(first.events[1].seq);
  });

  it('cannot be changed or deleted by the application', async () => {
    await expect(sql`update audit_event set action = 'nothing' where seq = 1`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event where seq = 1`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('names the first altered entry when one is changed directly in the database', async () => {
    const target = await t.database.db.selectFrom('auditEvent').select('seq').where('action', '=', 'auth.mfa_enrolled').orderBy('seq').executeTakeFirstOrThrow();
    await tamper(sql`update audit_event set outcome = 'failure' where seq = ${target.seq}`);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: false, brokenAt: target.seq, problem: 'altered' });
    await tamper(sql`update audit_event set outcome = 'success' where seq = ${target.seq}`);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('names the entry after a deleted one as unlinked', async () => {
    await withTransaction(t.database.db, (tx) => appendAudit(tx, operatorActor(), { action: 'test.one' }, t.clock.now()));
    await withTransaction(t.database.db, (tx) => appendAudit(tx, operatorActor(), { action: 'test.two' }, t.clock.now()));
    const one = await t.database.db.selectFrom('auditEvent').select('seq').where('action', '=', 'test.one').executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_event where seq = ${one.seq}`);
    const verdict = await verifyAuditChain(t.database.db);
    expect(verdict).toMatchObject({ ok: false, problem: 'unlinked' });
    expect(!verdict.ok && verdict.brokenAt).toBeGreaterThan(one.seq);
  });

  it('links concurrent appends into one chain', async () => {
    const fresh = await createTestApp();
    try {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) => withTransaction(fresh.database.db, (tx) => appendAudit(tx, operatorActor(), { action: 'test.concurrent', details: { i } }, new Date()))),
      );
      expect(await verifyAuditChain(fresh.database.db)).toEqual({ ok: true, entries: 25 });
    } finally {
      await fresh.close();
    }
  });
});
