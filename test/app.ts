import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { VERSION } from '../src/server/version.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** The application over a fresh database, for `app.inject` tests. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    database: database.databaseConfig,
    ...overrides,
  };
  const app = await buildApp({ config, database, version: VERSION }, { webDir: '/nonexistent-web-dir' });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Headers a page of the application itself sends with a state change. */
export const SAME_ORIGIN = { origin: 'http://localhost:8080', host: 'localhost:8080' } as const;
