import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../src/server/app.js';
import { ManualClock, type Clock } from '../src/server/clock.js';
import { loadConfig, type Config } from '../src/server/config.js';
import type { AppContext } from '../src/server/context.js';
import { KeyRing } from '../src/server/crypto/keyring.js';
import { VERSION } from '../src/server/version.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: TestDatabase;
  config: Config;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The application over a fresh database, for `app.inject` tests. Time stands still until moved. */
export async function createTestApp(
  overrides: Partial<Config> = {},
  clock: Clock = new ManualClock(new Date()),
  options: { onQuery?: (sql: string) => void; logger?: Logger; pgliteDataDir?: string } = {},
): Promise<TestApp> {
  const database = await createTestDatabase({ ...(options.onQuery ? { onQuery: options.onQuery } : {}), ...(options.pgliteDataDir ? { pgliteDataDir: options.pgliteDataDir } : {}) });
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    database: database.databaseConfig,
    ...overrides,
  };
  const keyring = await KeyRing.open(database.db, randomBytes(32));
  const ctx: AppContext = { config, database, keyring, clock, version: VERSION };
  const app = await buildApp(ctx, { webDir: '/nonexistent-web-dir', ...(options.logger ? { logger: options.logger } : {}) });
  await app.ready();
  return {
    app,
    ctx,
    database,
    config,
    clock: clock as ManualClock,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Headers a page of the application itself sends with a state change. */
export const SAME_ORIGIN = { origin: 'http://localhost:8080', host: 'localhost:8080' } as const;
