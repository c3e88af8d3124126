import { sql } from 'kysely';
import pg from 'pg';
import type { AppContext } from '../src/server/context.js';
import type { Executor } from '../src/server/db/transaction.js';
import { loadDemo } from '../src/server/demo/load.js';

/**
 * A synthetic register of any size from the demo generator: the demo data set (4,641 persons,
 * 2006–2025) loaded once, then copied in SQL `copies` times with new ids, so that every copy has
 * the demo's shape and the figures scale by the number of copies. Copies carry no identifying
 * data (the ciphertexts are bound to the original records' ids): enough for aggregate figures.
 */
export async function buildRegister(ctx: AppContext, persons: number): Promise<{ persons: number; copies: number }> {
  await loadDemo(ctx);
  const db = ctx.database.db;
  const { n } = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const copies = Math.max(0, Math.ceil(persons / Number(n)) - 1);
  if (copies > 0) await copyRegister(db, copies);
  const total = await db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await sql`analyze`.execute(db);
  return { persons: Number(total.n), copies };
}

async function copyRegister(db: Executor, copies: number): Promise<void> {
  const id = (column: string) => sql.raw(`md5(${column}::text || ':' || c.n)::uuid`);
  const series = sql`generate_series(1, ${copies}) as c(n)`;
  await sql`insert into person (id, number, gender, nationalities, languages, interpreter_needed, residence_status, birth_year, birth_month, birth_date_is_estimate)
    select ${id('p.id')}, p.number || '-' || c.n, p.gender, p.nationalities, p.languages, p.interpreter_needed, p.residence_status, p.birth_year, p.birth_month, p.birth_date_is_estimate
    from person p cross join ${series}`.execute(db);
  await sql`insert into application (id, number, person_id, received_on, channel, consent_given, consent_on, office_code, status, status_changed_on, deadline)
    select ${id('a.id')}, a.number || '-' || c.n, ${id('a.person_id')}, a.received_on, a.channel, a.consent_given, a.consent_on, a.office_code, a.status, a.status_changed_on, a.deadline
    from application a cross join ${series}`.execute(db);
  await sql`insert into application_child (application_id, person_id)
    select ${id('x.application_id')}, ${id('x.person_id')} from application_child x cross join ${series}`.execute(db);
  await sql`insert into decision (id, application_id, person_id, kind, status, decided_on, reason, expert_group_heard, category, period_start, period_end, letter_language)
    select ${id('d.id')}, case when d.application_id is null then null else ${id('d.application_id')} end, ${id('d.person_id')}, d.kind, d.status, d.decided_on, d.reason, d.expert_group_heard, d.category, d.period_start, d.period_end, d.letter_language
    from decision d cross join ${series}`.execute(db);
  await sql`insert into clientship (id, person_id, category, parent_id, start_date, end_date, end_reason, office_code, age_at_start)
    select ${id('s.id')}, ${id('s.person_id')}, s.category, case when s.parent_id is null then null else ${id('s.parent_id')} end, s.start_date, s.end_date, s.end_reason, s.office_code, s.age_at_start
    from clientship s cross join ${series}`.execute(db);
  await sql`insert into exploitation (id, person_id, form, is_primary, country, industry, period_from, period_to, residence_status)
    select ${id('e.id')}, ${id('e.person_id')}, e.form, e.is_primary, e.country, e.industry, e.period_from, e.period_to, e.residence_status
    from exploitation e cross join ${series}`.execute(db);
  await sql`insert into service (id, person_id, type, provider, start_date, end_date)
    select ${id('v.id')}, ${id('v.person_id')}, v.type, v.provider, v.start_date, v.end_date
    from service v cross join ${series}`.execute(db);
}

/** One statement as the server's administrator (`serverUrl` names a database that user may connect to). */
export async function adminStatement(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty benchmark database `name` on that server (an old one of that name is dropped),
 * set up as docs/operations.md recommends (`jit = off`); its URL.
 */
export async function createBenchDatabase(serverUrl: string, name: string): Promise<string> {
  await adminStatement(serverUrl, `drop database if exists ${name} with (force)`);
  await adminStatement(serverUrl, `create database ${name}`);
  await adminStatement(serverUrl, `alter database ${name} set jit = off`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
