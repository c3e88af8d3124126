import { createHash } from 'node:crypto';
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

/**
 * A connection that parses each statement of the server's once: a statement sent a second time
 * is sent as a named prepared statement, and PostgreSQL keeps it parsed for the connection (and,
 * on the connections of `plannedOnce`, planned). The server's statements come in a few hundred
 * shapes; past `MAX_PREPARED` distinct texts (statements with value lists of changing length)
 * the rest are parsed each time, so that the connection's memory stays bounded.
 */
const MAX_PREPARED = 300;
const PREPARE_MIN_LENGTH = 120;
const sightings = new Map<string, string | number>();
let preparedCount = 0;

function preparedName(text: string): string | null {
  if (text.length < PREPARE_MIN_LENGTH) return null;
  const known = sightings.get(text);
  if (typeof known === 'string') return known;
  if (known === undefined) {
    if (sightings.size < MAX_PREPARED * 4) sightings.set(text, 1);
    return null;
  }
  if (preparedCount >= MAX_PREPARED) return null;
  preparedCount += 1;
  const name = `suoja_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  sightings.set(text, name);
  return name;
}

class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    // Only statements with parameters: those are single commands (a migration's script is not).
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      const name = preparedName(text);
      if (name) return super.query({ name, text, values } as never) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/**
 * The embedded engine's buffers live in the server's own memory (WebAssembly's, which never
 * shrinks): 32 MB instead of PostgreSQL's 128 MB keeps a busy server under 512 MB resident. The
 * data directory's files are in the operating system's cache besides, so reads stay fast.
 * A write-ahead log segment no longer needed is deleted, not kept for reuse with its old
 * contents: erased identifying data must not outlive retention's rewrite in a recycled segment
 * (retention/purge.ts).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB', '-c', 'wal_recycle=off'];

// Nested JSON (figures, details) keeps its keys: only column names are converted.
const plugins = () => [new CamelCasePlugin({ maintainNestedObjectKeys: true })];

/**
 * Statements sent through a handle of `plannedOnce` are planned once per connection: PostgreSQL
 * keeps the plan it made without the values (a generic plan). The server's other statements
 * are planned for their values at every run: left to choose (PostgreSQL's default), the planner
 * switches to the generic plan after five runs when it estimates it no worse, and for a list or a
 * search a plan made without the values can read an index of a whole table (bench/plans: the
 * application lists took seconds). Only the statements built once by `statementTemplate`, whose
 * generic plans are reviewed, go through the other pool.
 */
const plannedOnceHandles = new WeakMap<Kysely<DB>, Kysely<DB>>();

/** The handle whose statements are planned once (the same handle on the embedded database). */
export function plannedOnce(db: Kysely<DB>): Kysely<DB> {
  return plannedOnceHandles.get(db) ?? db;
}

function postgresHandle(url: string, planCacheMode: 'force_custom_plan' | 'force_generic_plan', options: ConnectOptions, log: ((event: LogEvent) => void) | undefined) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    Client: PreparingClient,
    options: `-c plan_cache_mode=${planCacheMode}`,
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
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: plugins(), ...(log ? { log } : {}) });
}

export async function connectDatabase(config: DatabaseConfig, options: ConnectOptions = {}): Promise<Database> {
  const log = options.onQuery ? (event: LogEvent) => options.onQuery!(event.query.sql, event.query.parameters) : undefined;
  if (config.kind === 'postgres') {
    const db = postgresHandle(config.url, 'force_custom_plan', options, log);
    // Opens its connections only when a statement built once first runs.
    const once = postgresHandle(config.url, 'force_generic_plan', options, log);
    plannedOnceHandles.set(db, once);
    return {
      db,
      kind: 'postgres',
      close: async () => {
        await Promise.all([db.destroy(), once.destroy()]);
      },
    };
  }

  if (config.dataDir) await fs.mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const unlock = config.dataDir ? await lockDataDir(config.dataDir) : async () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(config.dataDir ?? undefined, { parsers, startParams: PGLITE_START_PARAMS });
  } catch (error) {
    await unlock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins: plugins(), ...(log ? { log } : {}) });
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
