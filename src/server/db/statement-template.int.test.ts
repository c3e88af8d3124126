import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/database.js';
import { plannedOnce } from './connect.js';
import { statementTemplate } from './statement-template.js';
import type { Executor } from './transaction.js';

let database: TestDatabase;
const statements: string[] = [];
const persons: { id: string; number: string }[] = [];
beforeAll(async () => {
  database = await createTestDatabase({ onQuery: (text) => statements.push(text) });
  for (const gender of ['female', 'male', 'female'] as const) {
    persons.push(await database.db.insertInto('person').values({ id: randomUUID(), gender, nationalities: ['ZZ'] }).returning(['id', 'number']).executeTakeFirstOrThrow());
  }
});
afterAll(() => database.drop());

// Persons by id among a list of genders, optionally with their number: a shape, a list and a group of values.
const byGender = statementTemplate((db: Executor, shape: { withNumber: boolean }, v: { ids: string[]; only: { gender: string } }) =>
  db
    .selectFrom('person')
    .select(['id', 'gender'])
    .$if(shape.withNumber, (q) => q.select('number'))
    .where(sql<boolean>`id = any(${sql.val(v.ids)}::uuid[])`)
    .where('gender', '=', v.only.gender)
    .orderBy('number'),
);

describe(`a statement built once and run with new values (${TEST_ENGINE})`, () => {
  it('answers each run with that run’s values, in each shape, as the statement built afresh does', async () => {
    const ids = persons.map((p) => p.id);
    const women = await byGender.execute(database.db, { withNumber: true }, { ids, only: { gender: 'female' } });
    expect(women).toEqual([persons[0], persons[2]].map((p) => ({ ...p, gender: 'female' })));
    const men = await byGender.execute(database.db, { withNumber: true }, { ids, only: { gender: 'male' } });
    expect(men).toEqual([{ ...persons[1], gender: 'male' }]);
    const oneWoman = await byGender.execute(database.db, { withNumber: false }, { ids: [persons[2]!.id], only: { gender: 'female' } });
    expect(oneWoman).toEqual([{ id: persons[2]!.id, gender: 'female' }]);

    const fresh = await database.db.selectFrom('person').select(['id', 'gender', 'number']).where('id', 'in', ids).where('gender', '=', 'male').orderBy('number').execute();
    expect(men).toEqual(fresh);
  });

  it('runs in a transaction too, and is counted as any statement', async () => {
    const before = statements.length;
    await database.db.transaction().execute(async (tx) => {
      const rows = await byGender.execute(tx, { withNumber: false }, { ids: [persons[1]!.id], only: { gender: 'male' } });
      expect(rows).toHaveLength(1);
    });
    expect(statements.slice(before).filter((s) => s.includes('any('))).toHaveLength(1);
  });

  it('refuses a statement whose parameters are computed from its values, or whose text depends on them', async () => {
    const computed = statementTemplate((db: Executor, _: null, v: { name: string }) => db.selectFrom('person').select('id').where('number', '=', `C-${String(v.name)}`));
    await expect(computed.execute(database.db, null, { name: '00001' })).rejects.toThrow(/computes parameter 1/);
    const inlined = statementTemplate((db: Executor, _: null, v: { number: string }) => db.selectFrom('person').select('id').where(sql<boolean>`number = ${sql.raw(`'${v.number}'`)}`));
    await expect(inlined.execute(database.db, null, { number: persons[0]!.number })).rejects.toThrow(/text depends on its values/);
  });

  it.runIf(TEST_ENGINE === 'postgres')('is planned once per connection, while every other statement is planned for its values', async () => {
    const mode = async (db: Executor) => (await sql<{ planCacheMode: string }>`select current_setting('plan_cache_mode') as plan_cache_mode`.execute(db)).rows[0]!.planCacheMode;
    const templateMode = statementTemplate((db: Executor, _shape: null, _values: Record<string, never>) => db.selectNoFrom(sql<string>`current_setting('plan_cache_mode')`.as('mode')));
    expect(await mode(database.db)).toBe('force_custom_plan');
    expect(await mode(plannedOnce(database.db))).toBe('force_generic_plan');
    expect(await templateMode.execute(database.db, null, {})).toEqual([{ mode: 'force_generic_plan' }]);
    // A transaction keeps its own connection, and the plans made for its values.
    await database.db.transaction().execute(async (tx) => {
      expect(await mode(tx)).toBe('force_custom_plan');
      expect(await templateMode.execute(tx, null, {})).toEqual([{ mode: 'force_custom_plan' }]);
    });
  });
});
