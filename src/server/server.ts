import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from './app.js';
import type { Config } from './config.js';
import { connectDatabase, type Database } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { VERSION } from './version.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  close(): Promise<void>;
}

/** Connects, migrates, and listens: what `suoja serve` (and so `npm start`) runs. */
export async function startServer(config: Config, options: BuildOptions = {}): Promise<RunningServer> {
  const database = await connectDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(database.db);
    const app = await buildApp({ config, database, version: VERSION }, options);
    if (applied.length > 0) app.log.info({ applied }, 'database migrated');
    app.log.info(
      { database: database.kind, ...(config.database.kind === 'pglite' ? { dataDir: config.database.dataDir } : {}) },
      'database ready',
    );
    const url = await app.listen({ port: config.port, host: config.host });
    let closing: Promise<void> | null = null;
    return {
      app,
      database,
      url,
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await database.close();
        })()),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
