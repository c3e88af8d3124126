import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, CamelCasePlugin, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseConfig['kind'];
  close(): Promise<void>;
}

// The same JavaScript values from both engines: dates stay 'YYYY-MM-DD' strings (no time
// zone shifts), bigint counts become numbers, numeric stays an exact string.
const OID = { int8: 20, date: 1082, numeric: 1700 } as const;
const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.date]: (v) => v,
  [OID.numeric]: (v) => v,
};

export interface ConnectOptions {
  /** Told of errors on pooled connections, idle or in use (a restarted server, a dropped connection); the pool replaces them. */
  onIdleError?: (error: Error) => void;
  /** Told of every statement sent, e.g. to count the queries one request makes (or to explain them). */
  onQuery?: (sql: string, parameters: readonly unknown[]) => void;
}

export async function connectDatabase(config: DatabaseConfig, options: ConnectOptions = {}): Promise<Database> {
  // Nested JSON (figures, details) keeps its keys: only column names are converted.
  const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];
  const log = options.onQuery ? (event: LogEvent) => options.onQuery!(event.query.sql, event.query.parameters) : undefined;
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // Without a listener an idle connection's error would end the whole process.
    pool.on('error', (error) => options.onIdleError?.(error));
    // The pool listens only while a connection is idle: one that the server ends while a request
    // holds it (a restarted or crashed server, between two statements of a transaction) emits its
    // error with no listener and would end the process too. With this one the request fails, and
    // the broken connection is dropped when it is released.
    const inUse = new WeakSet<pg.PoolClient>();
    pool.on('acquire', (client) => inUse.add(client));
    pool.on('release', (_error, client) => inUse.delete(client));
    pool.on('connect', (client) => {
      client.on('error', (error) => {
        if (inUse.has(client)) options.onIdleError?.(error);
      });
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins, ...(log ? { log } : {}) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }

  if (config.dataDir) await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const unlock = config.dataDir ? await lockDataDir(config.dataDir) : async () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(config.dataDir ?? undefined, { parsers });
  } catch (error) {
    await unlock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins, ...(log ? { log } : {}) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
      await unlock();
    },
  };
}

export async function databaseIsReachable(db: Kysely<DB>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
