import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from './app.js';
import { openContext, type OpenedContext } from './bootstrap.js';
import type { Config } from './config.js';
import { scheduleDailyJobs } from './daily-jobs.js';
import { createLogger } from './logger.js';

export interface RunningServer {
  app: FastifyInstance;
  context: OpenedContext;
  url: string;
  close(): Promise<void>;
}

/** Connects, migrates, and listens: what `suoja serve` (and so `npm start`) runs. */
export async function startServer(config: Config, options: BuildOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const context = await openContext(config, logger);
  try {
    const app = await buildApp(context, { ...options, logger });
    logger.info(
      { database: context.database.kind, ...(config.database.kind === 'pglite' ? { dataDir: config.database.dataDir } : {}) },
      'database ready',
    );
    const url = await app.listen({ port: config.port, host: config.host });
    const stopDailyJobs = scheduleDailyJobs(context, logger);
    let closing: Promise<void> | null = null;
    return {
      app,
      context,
      url,
      close: () =>
        (closing ??= (async () => {
          stopDailyJobs();
          await app.close();
          await context.close();
        })()),
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}
