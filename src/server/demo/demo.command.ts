import type { Command } from 'commander';
import { CommandFailed, withContext } from '../cli-context.js';
import { DEMO_FIRST_YEAR, DEMO_YEAR } from './generate.js';
import { DemoRefused, loadDemo } from './load.js';

/** `suoja demo`: fills an empty database with the fictitious demo register. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('load the demo data set into an empty database')
    .action(async () => {
      await withContext(async (ctx) => {
        const started = Date.now();
        let result;
        try {
          result = await loadDemo(ctx);
        } catch (error) {
          if (error instanceof DemoRefused) throw new CommandFailed(`nothing loaded: ${error.message}.`);
          throw error;
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `Loaded the demo data set: a fictitious register of ${DEMO_FIRST_YEAR}–${DEMO_YEAR} (${seconds} s).\n` +
            `  ${result.persons} persons, ${result.applications} applications (${result.applicationChildren} children with them), ${result.decisions} decisions,\n` +
            `  ${result.clientships} clientships, ${result.exploitations} exploitation records, ${result.services} services,\n` +
            `  ${result.helplineContacts} helpline contacts, ${result.statusChanges} application status changes.\n` +
            `Its ${DEMO_YEAR} statistics match the published overview of ${DEMO_YEAR}. Never load it into a database that will hold real records.\n`,
        );
      });
    });
}
