import type { Kysely, Transaction } from 'kysely';
import { pgliteTransactionScope } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * The one way to run a unit of work: everything `work` does through `tx` commits together or
 * not at all. Services own the transaction; repositories take the executor as a parameter.
 */
export function withTransaction<T>(db: Kysely<DB>, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return pgliteTransactionScope.run({ holding: false }, () => db.transaction().execute(work));
}
