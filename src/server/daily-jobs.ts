import type { Logger } from 'pino';
import { systemActor } from './access/actor.js';
import type { AppContext } from './context.js';
import { maintainEmbedded } from './db/maintenance.js';
import { createRetentionService } from './modules/retention/retention.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The first run waits a little, so that a start-up is not slowed by it. */
const FIRST_RUN_MS = 60 * 1000;

/**
 * The daily jobs of a running server: the retention policy applied, then, on the embedded
 * database, the upkeep that autovacuum does on a PostgreSQL server (after the erasures, whose
 * dead row versions it prunes). The returned function stops them.
 */
export function scheduleDailyJobs(ctx: AppContext, logger: Logger): () => void {
  const run = async () => {
    try {
      const report = await createRetentionService(ctx).run(systemActor('retention'), { dryRun: false });
      logger.info(
        { persons: report.persons.length, applicationSummaries: report.applicationSummaries, decisionTexts: report.decisionTexts, clientRecords: report.clientRecords, held: report.held },
        'retention run',
      );
    } catch (error) {
      logger.error({ err: error }, 'retention run failed');
    }
    try {
      const upkeep = await maintainEmbedded(ctx.database);
      if (upkeep) logger.info(upkeep, 'embedded database vacuumed and analysed');
    } catch (error) {
      logger.error({ err: error }, 'embedded database upkeep failed');
    }
  };
  const first = setTimeout(() => void run(), FIRST_RUN_MS);
  const daily = setInterval(() => void run(), DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}
