import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { operatorActor, type Actor } from '../src/server/access/actor.js';
import { ManualClock } from '../src/server/clock.js';
import { loadConfig } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { KeyRing } from '../src/server/crypto/keyring.js';
import type { DB } from '../src/server/db/schema.js';
import { exportExchange, type ExportFilter } from '../src/server/exchange/export.js';
import type { ExchangeDocument } from '../src/server/exchange/format.js';
import { importExchange, type ImportOptions, type ImportReport } from '../src/server/exchange/import.js';
import { VERSION } from '../src/server/version.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface ExchangeContext {
  ctx: AppContext;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A fresh database with its keys: enough to import and export without the HTTP app. */
export async function exchangeContext(): Promise<ExchangeContext> {
  const database = await createTestDatabase();
  const keyring = await KeyRing.open(database.db, randomBytes(32));
  const ctx: AppContext = { config: loadConfig({ LOG_LEVEL: 'silent' }), database, keyring, clock: new ManualClock(new Date('2026-01-15T10:00:00Z')), version: VERSION };
  return { ctx, database, close: () => database.drop() };
}

export function importJson(ctx: AppContext, document: unknown, options: ImportOptions & { actor?: Actor } = {}): Promise<ImportReport> {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  return importExchange(ctx, options.actor ?? operatorActor(), { format: 'json', stream: [Buffer.from(text, 'utf8')] }, options);
}

export function importXlsx(ctx: AppContext, workbook: Buffer, options: ImportOptions = {}): Promise<ImportReport> {
  return importExchange(ctx, operatorActor(), { format: 'xlsx', workbook: { buffer: workbook } }, options);
}

async function exportBytes(ctx: AppContext, format: 'json' | 'xlsx', filter?: ExportFilter): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (chunk: Buffer) => parts.push(chunk));
  await exportExchange(ctx, operatorActor(), 'all', out, { format, ...(filter ? { filter } : {}) });
  out.end();
  return Buffer.concat(parts);
}

export async function exportJson(ctx: AppContext, filter?: ExportFilter): Promise<{ text: string; doc: ExchangeDocument }> {
  const text = (await exportBytes(ctx, 'json', filter)).toString('utf8');
  return { text, doc: JSON.parse(text) as ExchangeDocument };
}

export const exportXlsx = (ctx: AppContext) => exportBytes(ctx, 'xlsx');

/** Every table an import may write. */
export const RECORD_TABLES = ['person', 'application', 'application_child', 'application_status_change', 'decision', 'clientship', 'exploitation', 'service', 'helpline_contact'] as const;

export async function countRows(db: Kysely<DB>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of RECORD_TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

/** Empties the register (not the audit trail), so one database serves many generated cases. */
export async function wipeRecords(db: Kysely<DB>): Promise<void> {
  await sql`delete from application_child`.execute(db);
  await sql`delete from application_status_change`.execute(db);
  await sql`delete from decision`.execute(db);
  await sql`delete from exploitation`.execute(db);
  await sql`delete from service`.execute(db);
  await sql`delete from clientship where parent_id is not null`.execute(db);
  await sql`delete from clientship`.execute(db);
  await sql`delete from application`.execute(db);
  await sql`delete from helpline_contact`.execute(db);
  await sql`delete from person`.execute(db);
}
