import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { KeyRing } from './crypto/keyring.js';
import type { Database } from './db/connect.js';

/** What every capability needs from the running server, handed to route plugins explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  keyring: KeyRing;
  clock: Clock;
  version: string;
}
