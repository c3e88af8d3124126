import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/database.js';
import { maintainEmbedded } from './maintenance.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Per table of the schema: when it was last vacuumed and analysed by hand (not by autovacuum), and whether the planner has a row estimate for it. */
const tableUpkeep = async () =>
  (
    await sql<{ name: string; vacuumed: boolean; analysed: boolean; estimated: boolean }>`
      select c.relname as name, s.last_vacuum is not null as vacuumed, s.last_analyze is not null as analysed, c.reltuples >= 0 as estimated
        from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_stat_user_tables s on s.relid = c.oid
       where n.nspname = current_schema() and c.relkind = 'r' order by c.relname`.execute(database.db)
  ).rows;

describe(`the embedded database's daily upkeep (${TEST_ENGINE})`, () => {
  it.runIf(TEST_ENGINE === 'pglite')('vacuums and analyses every table, so the planner has an estimate of each', async () => {
    const before = await tableUpkeep();
    expect(before.length).toBeGreaterThan(30);
    expect(before.filter((t) => !t.estimated).length, 'tables the planner knows nothing of yet').toBeGreaterThan(0);
    const report = await maintainEmbedded(database);
    expect(report).toMatchObject({ tables: before.length });
    const after = await tableUpkeep();
    expect(after.filter((t) => !t.vacuumed || !t.analysed || !t.estimated)).toEqual([]);
  });

  it.runIf(TEST_ENGINE === 'postgres')('leaves a PostgreSQL server to its autovacuum', async () => {
    expect(await maintainEmbedded(database)).toBeNull();
    expect((await tableUpkeep()).filter((t) => t.vacuumed)).toEqual([]);
  });
});
