import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../src/server/config.js';
import { connectDatabase, type Database } from '../src/server/db/connect.js';
import { migrateToLatest } from '../src/server/db/migrate.js';

/** Which engine the integration tier runs on: in-memory PGlite, or PostgreSQL when TEST_DATABASE_URL is set. */
export const TEST_ENGINE: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDatabase extends Database {
  databaseConfig: Config['database'];
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new in-memory PGlite, or a new database on
 * the PostgreSQL server of TEST_DATABASE_URL (dropped afterwards). With `pgliteDataDir`, an
 * embedded database in that (new) directory on disk, whichever the tier: for tests of what
 * reaches the disk.
 */
export async function createTestDatabase(options: { migrate?: boolean; onQuery?: (sql: string) => void; pgliteDataDir?: string } = {}): Promise<TestDatabase> {
  const adminUrl = options.pgliteDataDir ? undefined : process.env.TEST_DATABASE_URL;
  let databaseConfig: Config['database'];
  let dropDatabase: () => Promise<void> = async () => {};
  if (adminUrl) {
    const name = `suoja_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseConfig = { kind: 'postgres', url: url.toString() };
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    databaseConfig = { kind: 'pglite', dataDir: options.pgliteDataDir ?? null };
  }
  const database = await connectDatabase(databaseConfig, options.onQuery ? { onQuery: options.onQuery } : {});
  if (options.migrate !== false) await migrateToLatest(database.db);
  let dropped = false;
  return {
    ...database,
    databaseConfig,
    async drop() {
      if (dropped) return;
      dropped = true;
      await database.close();
      await dropDatabase();
    },
  };
}
