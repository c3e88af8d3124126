import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { KeyRing } from './crypto/keyring.js';
import { loadMasterKey } from './crypto/master-key.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { VERSION } from './version.js';

export interface OpenedContext extends AppContext {
  logger: Logger;
  close(): Promise<void>;
}

/** Everything a server or a command needs: the database (migrated), the keys, the clock. */
export async function openContext(config: Config, logger: Logger, options: { clock?: Clock } = {}): Promise<OpenedContext> {
  const database = await connectDatabase(config.database, { onIdleError: (err) => logger.warn({ err }, 'a database connection failed; it will be replaced') });
  try {
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const masterKey = await loadMasterKey(config.masterKey, logger);
    const keyring = await KeyRing.open(database.db, masterKey);
    return { config, database, keyring, clock: options.clock ?? systemClock, version: VERSION, logger, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
