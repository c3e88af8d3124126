import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * Kysely over PGlite. PGlite is one PostgreSQL backend with one session, so the driver hands
 * out that single connection to one holder at a time: a transaction keeps it from BEGIN to
 * COMMIT, and every other query waits its turn. Statements of two transactions can therefore
 * never interleave.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/** Marks the async context of a transaction, to turn a would-be deadlock into a clear error. */
export const pgliteTransactionScope = new AsyncLocalStorage<{ holding: boolean }>();

export class NestedConnectionError extends Error {
  constructor() {
    super(
      'A query used the database handle instead of the transaction while the transaction held ' +
        'the only embedded-database connection; pass the transaction (tx) down instead.',
    );
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;

  constructor(pglite: PGlite) {
    this.connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const scope = pgliteTransactionScope.getStore();
    if (scope?.holding) throw new NestedConnectionError();
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    // PGlite runs in this thread, and statements queued behind one another would otherwise follow
    // each other in microtasks without the event loop ever reading the requests that arrived
    // meanwhile: under load some waited unread for more than ten seconds. One turn of the loop
    // per statement lets them in, in the order they came.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.connection.release = release;
    if (scope) scope.holding = true;
    this.connection.scope = scope;
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const c = conn as PGliteConnection;
    if (c.scope) c.scope.holding = false;
    c.scope = undefined;
    const release = c.release;
    c.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.queue;
  }
}

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  scope: { holding: boolean } | undefined;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // A statement without parameters may hold several commands (plain-SQL migrations); the
    // extended protocol refuses those, so such text goes through exec and yields its last result.
    if (compiled.parameters.length === 0) {
      const results = await this.pglite.exec(compiled.sql);
      const last = results[results.length - 1];
      return toQueryResult<R>(last?.rows as R[] | undefined, last?.command, last?.affectedRows);
    }
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
    return toQueryResult<R>(result.rows, result.command, result.affectedRows);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database.');
  }
}

function toQueryResult<R>(rows: R[] | undefined, command: string | undefined, affected: number | undefined): QueryResult<R> {
  const changes = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return {
    rows: rows ?? [],
    ...(changes ? { numAffectedRows: BigInt(affected ?? 0) } : {}),
  };
}
