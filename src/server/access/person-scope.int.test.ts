import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { TEST_ENGINE } from '../../../test/database.js';
import { createSignedInUser, type TestUser } from '../../../test/identity.js';

let t: TestApp;
let anna: TestUser;
let bo: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  anna = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  bo = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['tampere']);
});
afterAll(() => t.close());

/**
 * The scope rule worked out here from the records, independently of the database's
 * refresh_person_scope: while a person has an open clientship its office and caseworker alone
 * hold them; otherwise those of all their clientships and applications (as applicant or child).
 */
async function expectedHolders(personIds: string[]) {
  const db = t.database.db;
  const clientships = await db.selectFrom('clientship').select(['personId', 'officeCode', 'caseworkerId', 'endDate']).where('personId', 'in', personIds).execute();
  const applications = await db.selectFrom('application').select(['id', 'personId', 'officeCode', 'caseworkerId']).execute();
  const children = await db.selectFrom('applicationChild').select(['applicationId', 'personId']).execute();
  const expected: Record<string, string[]> = {};
  for (const id of personIds) {
    const own = clientships.filter((c) => c.personId === id);
    const open = own.filter((c) => c.endDate === null);
    const sources: { officeCode: string | null; caseworkerId: string | null }[] =
      open.length > 0
        ? open
        : [...own, ...applications.filter((a) => a.personId === id || children.some((c) => c.applicationId === a.id && c.personId === id))];
    const holders = new Set(sources.flatMap((s) => [s.officeCode && `office:${s.officeCode}`, s.caseworkerId && `caseworker:${s.caseworkerId}`].filter((h): h is string => !!h)));
    expected[id] = [...holders].sort();
  }
  return expected;
}

async function storedHolders(personIds: string[]) {
  const rows = await t.database.db.selectFrom('personScope').select(['personId', 'holder', 'number']).where('personId', 'in', personIds).orderBy('holder').execute();
  const numbers = await t.database.db.selectFrom('person').select(['id', 'number']).where('id', 'in', personIds).execute();
  for (const row of rows) expect(row.number).toBe(numbers.find((n) => n.id === row.personId)!.number);
  return Object.fromEntries(personIds.map((id) => [id, rows.filter((r) => r.personId === id).map((r) => r.holder)]));
}

describe(`who holds a person (${TEST_ENGINE})`, () => {
  it('follows every change of clientships, applications and children on them', async () => {
    const db = t.database.db;
    const persons: string[] = [];
    for (let i = 0; i < 5; i += 1) persons.push((await db.insertInto('person').values({ id: randomUUID(), gender: 'female', nationalities: ['ZZ'] }).returning('id').executeTakeFirstOrThrow()).id);
    const [mother, child, applicant, moved, earlier] = persons as [string, string, string, string, string];
    const clientship = (personId: string, officeCode: string, caseworkerId: string | null, endDate: string | null) => ({
      personId, category: 'victim' as const, startDate: '2024-01-02', endDate, officeCode, caseworkerId, ref: null, parentId: null, endReason: endDate ? 'other' : null, ageAtStart: 30,
    });
    let number = 0;
    const application = (personId: string, officeCode: string | null, caseworkerId: string | null) => ({ number: `A-2025-9${String((number += 1)).padStart(3, '0')}`, personId, receivedOn: '2025-01-02', channel: 'phone', officeCode, caseworkerId });
    const check = async (step: string) => expect(await storedHolders(persons), step).toEqual(await expectedHolders(persons));

    await check('persons without records are held by no one');
    // Several rows in one statement, across persons: the statement's triggers see them all.
    await db.insertInto('clientship').values([clientship(earlier, 'tampere', bo.id, '2024-05-01'), clientship(earlier, 'lappeenranta', null, '2024-09-01'), clientship(moved, 'helsinki', anna.id, null)]).execute();
    await check('clientships inserted');
    const [appl] = await db.insertInto('application').values([application(mother, 'tampere', null), application(applicant, null, bo.id)]).returning('id').execute();
    await db.insertInto('applicationChild').values({ applicationId: appl!.id, personId: child }).execute();
    await check('applications and a child on one');
    await db.insertInto('clientship').values([clientship(mother, 'helsinki', anna.id, null), clientship(earlier, 'helsinki', null, null)]).execute();
    await check('an open clientship replaces the earlier holders');
    await db.updateTable('clientship').set({ officeCode: 'tampere', caseworkerId: bo.id }).where('personId', '=', moved).execute();
    await check('a client moved to another office');
    await db.updateTable('clientship').set({ endDate: '2025-06-30', endReason: 'other' }).where('personId', '=', mother).where('endDate', 'is', null).execute();
    await check('an ended clientship brings back the applications');
    await db.updateTable('application').set({ officeCode: 'lappeenranta', caseworkerId: anna.id }).where('id', '=', appl!.id).execute();
    await check('an application moved, with its child');
    await db.updateTable('application').set({ status: 'under_assessment' }).execute();
    await check('a change that moves no one');
    await db.deleteFrom('applicationChild').where('personId', '=', child).execute();
    await check('a child taken off an application');
    await db.deleteFrom('clientship').where('personId', '=', earlier).where('endDate', 'is', null).execute();
    await check('a clientship deleted');
    await sql`update person set number = 'C-77777' where id = ${applicant}`.execute(db);
    await check('a number changed');

    // An import defers the refresh to the end of its transaction.
    const before = await storedHolders(persons);
    await db.transaction().execute(async (tx) => {
      await sql`select defer_person_scope()`.execute(tx);
      await tx.insertInto('clientship').values(clientship(applicant, 'helsinki', anna.id, null)).execute();
      await tx.updateTable('application').set({ officeCode: 'tampere' }).where('personId', '=', mother).execute();
      const during = await tx.selectFrom('personScope').select(['personId', 'holder']).where('personId', 'in', [applicant, mother]).orderBy('holder').execute();
      expect(during.map((r) => `${r.personId === applicant ? 'applicant' : 'mother'} ${r.holder}`).sort()).toEqual(
        [...before[applicant]!.map((h) => `applicant ${h}`), ...before[mother]!.map((h) => `mother ${h}`)].sort(),
      );
      await sql`select refresh_deferred_person_scope()`.execute(tx);
    });
    await check('an import\'s changes, refreshed at its end');
    expect((await storedHolders([applicant]))[applicant]).toEqual([`caseworker:${anna.id}`, 'office:helsinki']);
  });
});
