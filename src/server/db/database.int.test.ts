import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/database.js';
import { NestedConnectionError } from './pglite-dialect.js';
import { withTransaction } from './transaction.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table counter (id int primary key, value int not null)`.execute(database.db);
  await sql`insert into counter values (1, 0)`.execute(database.db);
});
afterAll(() => database.drop());

describe(`the database layer (${TEST_ENGINE})`, () => {
  it('keeps many concurrent transactions apart: no lost update, each sees only its own work', async () => {
    const runs = 60;
    const seen = await Promise.all(
      Array.from({ length: runs }, (_, i) =>
        withTransaction(database.db, async (tx) => {
          const first = await sql<{ txid: string }>`select txid_current()::text as txid`.execute(tx);
          const { rows } = await sql<{ value: number }>`select value from counter where id = 1 for update`.execute(tx);
          // Yield to the event loop between read and write, where another request would run.
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          await sql`update counter set value = ${rows[0]!.value + 1} where id = 1`.execute(tx);
          const last = await sql<{ txid: string }>`select txid_current()::text as txid`.execute(tx);
          return { start: first.rows[0]!.txid, end: last.rows[0]!.txid };
        }),
      ),
    );
    const { rows } = await sql<{ value: number }>`select value from counter where id = 1`.execute(database.db);
    expect(rows[0]!.value).toBe(runs);
    for (const s of seen) expect(s.end).toBe(s.start);
    expect(new Set(seen.map((s) => s.start)).size).toBe(runs);
  });

  it('rolls back everything a failed transaction wrote', async () => {
    await expect(
      withTransaction(database.db, async (tx) => {
        await sql`update counter set value = -1 where id = 1`.execute(tx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await sql<{ value: number }>`select value from counter where id = 1`.execute(database.db);
    expect(rows[0]!.value).toBeGreaterThanOrEqual(0);
  });

  it.runIf(TEST_ENGINE === 'pglite')('refuses, instead of deadlocking, a query that bypasses the open transaction', async () => {
    await expect(
      withTransaction(database.db, async () => {
        await sql`select 1`.execute(database.db);
      }),
    ).rejects.toBeInstanceOf(NestedConnectionError);
    // The connection is free again afterwards.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });

  it.runIf(TEST_ENGINE === 'pglite')('lets the event loop turn between queued statements, so that requests arriving meanwhile are read', async () => {
    const order: string[] = [];
    const statements = Array.from({ length: 20 }, (_, i) => sql`select pg_sleep(0.002)`.execute(database.db).then(() => order.push(`statement ${i}`)));
    // A request arriving while the twenty wait their turn: its socket is read at the next turn of the loop.
    setTimeout(() => order.push('arrival'), 5);
    await Promise.all(statements);
    expect(order.indexOf('arrival')).toBeGreaterThan(0);
    expect(order.indexOf('arrival')).toBeLessThan(order.length - 1);
  });

  it.runIf(TEST_ENGINE === 'postgres')('survives the server ending a connection in the middle of a transaction', async () => {
    await expect(
      withTransaction(database.db, async (tx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
        await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(database.db);
        // The connection ends while the transaction holds it between two statements.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`update counter set value = value + 1 where id = 1`.execute(tx);
      }),
    ).rejects.toThrow();
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]!.one).toBe(1);
  });

  it.runIf(TEST_ENGINE === 'postgres')('prepares a statement with parameters sent again on a connection (parsed once per connection)', async () => {
    const statement = (id: number) => sql<{ value: number }>`select value, 'a statement long enough to be worth preparing: the client page and its records' as why, 'planned once' as how from counter where id = ${id}`;
    const prepared = await withTransaction(database.db, async (tx) => {
      for (let i = 0; i < 3; i += 1) expect((await statement(1).execute(tx)).rows[0]!.value).toBeTypeOf('number');
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where statement like ${'%worth preparing: the client page%'} and not statement like ${'%pg_prepared_statements%'}`.execute(tx);
      return rows[0]!.n;
    });
    expect(prepared).toBe(1);
  });

  it('returns dates as plain YYYY-MM-DD strings and counts as numbers on both engines', async () => {
    const { rows } = await sql<{ d: string; n: number; ts: Date }>`select '2025-12-31'::date as d, count(*) as n, now() as ts from counter`.execute(database.db);
    expect(rows[0]).toMatchObject({ d: '2025-12-31', n: 1 });
    expect(rows[0]!.ts).toBeInstanceOf(Date);
  });

  it('documents every table and column of the schema with a comment', async () => {
    const { rows } = await sql<{ what: string }>`
      select c.relname as what from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'counter'
         and obj_description(c.oid, 'pg_class') is null
      union all
      select c.relname || '.' || a.attname from pg_attribute a
        join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'counter'
         and a.attnum > 0 and not a.attisdropped and col_description(c.oid, a.attnum) is null`.execute(database.db);
    expect(rows.map((r) => r.what)).toEqual([]);
  });

  it('has the three offices of the assistance system, named in three languages', async () => {
    const offices = await database.db.selectFrom('office').select(['code', 'nameFi', 'nameSv', 'nameEn']).orderBy('code').execute();
    expect(offices).toEqual([
      { code: 'helsinki', nameFi: 'Helsinki', nameSv: 'Helsingfors', nameEn: 'Helsinki' },
      { code: 'lappeenranta', nameFi: 'Lappeenranta', nameSv: 'Villmanstrand', nameEn: 'Lappeenranta' },
      { code: 'tampere', nameFi: 'Tampere', nameSv: 'Tammerfors', nameEn: 'Tampere' },
    ]);
  });
});
