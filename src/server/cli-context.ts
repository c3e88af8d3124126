import { openContext, type OpenedContext } from './bootstrap.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

/** A command's failure with a message for the operator (exit code 1). */
export class CommandFailed extends Error {}

export async function withContext<T>(work: (ctx: OpenedContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Commands talk on stdout; the log goes to stderr and stays quiet unless asked.
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 2);
  const ctx = await openContext(config, logger);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}
