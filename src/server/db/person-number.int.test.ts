import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const addPerson = async () => (await database.db.insertInto('person').values({ id: randomUUID(), gender: 'unknown', nationalities: ['ZZ'] }).returning('number').executeTakeFirstOrThrow()).number;

describe(`person numbers (${TEST_ENGINE})`, () => {
  it('have five digits at first, and keep growing past 99,999 instead of being cut', async () => {
    expect(await addPerson()).toBe('C-00001');
    // Rather than 99,997 inserts: the sequence is moved to just before the edge.
    await sql`select setval('person_number_seq', 99998)`.execute(database.db);
    const numbers = [await addPerson(), await addPerson(), await addPerson()];
    expect(numbers).toEqual(['C-99999', 'C-100000', 'C-100001']);
    await sql`select setval('person_number_seq', 1234566)`.execute(database.db);
    expect(await addPerson()).toBe('C-1234567');
    const stored = await database.db.selectFrom('person').select('number').orderBy('createdAt').execute();
    expect(new Set(stored.map((p) => p.number)).size).toBe(stored.length);
  });
});
