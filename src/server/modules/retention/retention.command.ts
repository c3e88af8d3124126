import type { Command } from 'commander';
import { operatorActor } from '../../access/actor.js';
import { withContext } from '../../cli-context.js';
import { ERASED_TABLES, purgeErasedVersions } from './purge.js';
import { createRetentionService } from './retention.service.js';

/** `suoja retention run [--dry-run]`: apply the retention policy now. */
export function registerRetentionCommand(program: Command): void {
  const retention = program.command('retention').description('erasing identifying data whose retention time is up');
  retention
    .command('run')
    .description('erase the identifying data that is due under the retention policy (the daily job does the same)')
    .option('--dry-run', 'only say what would be erased')
    .action(async (options: { dryRun?: boolean }) => {
      await withContext(async (ctx) => {
        const report = await createRetentionService(ctx).run(operatorActor(), { dryRun: !!options.dryRun });
        const verb = report.dryRun ? 'would erase' : 'erased';
        process.stdout.write(
          `Retention on ${report.on} (clients ${report.policy.clientYears} years after their last clientship, others ${report.policy.applicantYears} years after their application): ` +
            `${verb} the identifying data of ${report.persons.length} persons, ${report.applicationSummaries} application summaries, ${report.decisionTexts} decision texts and ${report.clientRecords} journal notes, tasks and attachments; ${report.held} kept under a legal hold.\n`,
        );
        if (report.persons.length > 0) process.stdout.write(`${report.persons.join('\n')}\n`);
      });
    });
  retention
    .command('purge')
    .description('rewrite the tables that held erased data, so that no earlier version of an erased row stays on disk (a run that erases does it itself)')
    .action(async () => {
      await withContext(async (ctx) => {
        await purgeErasedVersions(ctx, operatorActor());
        process.stdout.write(`Rewritten: ${ERASED_TABLES.join(', ')}.\n`);
      });
    });
}
