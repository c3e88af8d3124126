import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { appendAudit } from '../../audit/audit.js';
import { operatorActor } from '../../access/actor.js';
import { withContext } from '../../cli-context.js';
import { withTransaction } from '../../db/transaction.js';
import { FIRST_YEAR, LAST_YEAR, periodOf } from '../period.js';
import { CTDC_MIN_K, ctdcExport } from './ctdc.js';
import { computeEuTables } from './eu-tables.js';
import { INTERNATIONAL_FORMATS, renderInternational, type InternationalFormat } from './render.js';

export const INTERNATIONAL_STANDARDS = ['eu', 'ctdc'] as const;
export type InternationalStandard = (typeof INTERNATIONAL_STANDARDS)[number];

function wholeNumber(name: string, min: number) {
  return (text: string): number => {
    const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min)) throw new InvalidArgumentError(`${name} must be a whole number, ${min} or more.`);
    return n;
  };
}

function parseYear(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) throw new InvalidArgumentError(`the year must be a whole number from ${FIRST_YEAR} to ${LAST_YEAR}.`);
  return year;
}

/** `suoja international`: the EU data collection tables or CTDC microdata of a year. */
export function registerInternationalCommand(program: Command): void {
  program
    .command('international')
    .description('exports for international reporting: the EU trafficking data collection tables (eu) or k-anonymised CTDC microdata (ctdc)')
    .addOption(new Option('--standard <standard>', 'eu or ctdc').choices(INTERNATIONAL_STANDARDS).makeOptionMandatory())
    .requiredOption('--year <year>', 'the calendar year', parseYear)
    .addOption(new Option('--format <format>', 'output format').choices(INTERNATIONAL_FORMATS).default('json'))
    .option('--threshold <n>', 'disclosure threshold of the EU tables (statistics.md §2)', wholeNumber('the threshold', 1), 5)
    .option('--k <n>', `k of k-anonymity for CTDC microdata (at least ${CTDC_MIN_K})`, wholeNumber('k', CTDC_MIN_K), CTDC_MIN_K)
    .option('--out <path>', 'write to this file instead of standard output')
    .action(async (options: { standard: InternationalStandard; year: number; format: InternationalFormat; threshold: number; k: number; out?: string }) => {
      await withContext(async (ctx) => {
        const period = periodOf(options.year);
        const { db } = ctx.database;
        const data = options.standard === 'eu' ? await computeEuTables(db, period, options.threshold) : await ctdcExport(db, period, options.k);
        const rendered = await renderInternational(data, options.format);
        await withTransaction(db, (tx) =>
          appendAudit(tx, operatorActor(), { action: 'statistics.international_export', details: { standard: options.standard, year: options.year, format: options.format, ...(options.standard === 'eu' ? { threshold: options.threshold } : { k: options.k }) } }, ctx.clock.now()),
        );
        if (options.out) {
          await writeFile(options.out, rendered.body);
          process.stderr.write(`Wrote ${options.out}\n`);
        } else {
          process.stdout.write(rendered.body);
        }
      });
    });
}
