import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { LANGUAGES, type Language } from '../../domain/codes.js';
import { withContext } from '../cli-context.js';
import { DOCUMENT_FORMATS, renderLiveOverview } from './render/document.js';
import { FIRST_YEAR, LAST_YEAR, periodOf } from './period.js';

export const REPORT_FORMATS = DOCUMENT_FORMATS;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const DEFAULT_THRESHOLD = 5;

interface ReportOptions {
  year: number;
  half?: 1;
  lang: Language;
  threshold: number;
  format: ReportFormat;
  out?: string;
}

function parseYear(text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) throw new InvalidArgumentError(`the year must be a whole number from ${FIRST_YEAR} to ${LAST_YEAR}.`);
  return year;
}

function parseHalf(text: string): 1 {
  if (text !== '1') throw new InvalidArgumentError('only the first half year (1 January – 30 June) has an overview: use --half 1.');
  return 1;
}

function parseThreshold(text: string): number {
  const threshold = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(threshold)) throw new InvalidArgumentError('the threshold must be a whole number, 0 or more (0 turns disclosure control off).');
  return threshold;
}

/** `suoja report`: the statistical overview of a year or a first half year (exchange.md §2). */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('the statistical overview of a year or of its first half; JSON to stdout unless --out')
    .requiredOption('--year <year>', `the year (${FIRST_YEAR}–${LAST_YEAR})`, parseYear)
    .option('--half <half>', 'the first half year only (1 January – 30 June): --half 1', parseHalf)
    .addOption(new Option('--lang <lang>', 'language of the document').choices([...LANGUAGES]).default('fi'))
    .option('--threshold <T>', 'disclosure threshold: nationalities with fewer persons are grouped; 0 turns it off (internal use only)', parseThreshold, DEFAULT_THRESHOLD)
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).makeOptionMandatory())
    .option('--out <path>', 'write to this file instead of stdout')
    .action(async (options: ReportOptions) => {
      const period = periodOf(options.year, options.half);
      const rendered = await withContext((ctx) => renderLiveOverview(ctx.database.db, period, options.threshold, options.lang, options.format));
      if (options.out) {
        await writeFile(options.out, rendered.body);
        process.stdout.write(`The overview of ${period.half ? `the first half of ${period.year}` : period.year} was written to ${options.out}.\n`);
      } else {
        process.stdout.write(rendered.body);
      }
    });
}
