import { createReadStream, createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { isIsoDate } from '../../domain/codes.js';
import { operatorActor } from '../access/actor.js';
import { CommandFailed, withContext } from '../cli-context.js';
import { prepareExport, UnknownOffice } from './export.js';
import { KINDS } from './format.js';
import { importExchange, type FileFormat, type ImportReport } from './import.js';
import { formatProblem } from './problems.js';
import { progressBar } from './progress.js';

const FORMATS = ['json', 'xlsx'] as const;
const count = new Intl.NumberFormat('en-GB');

/** The format a file name suggests: .xlsx is a workbook, anything else JSON. */
export function formatOfFile(file: string): FileFormat {
  return path.extname(file).toLowerCase() === '.xlsx' ? 'xlsx' : 'json';
}

function parseDate(text: string): string {
  if (!isIsoDate(text)) throw new InvalidArgumentError('give a date as YYYY-MM-DD.');
  return text;
}

function table(report: ImportReport): string {
  const rows = KINDS.filter((k) => report.counts[k].inFile > 0).map((k) => {
    const c = report.counts[k];
    return `  ${k.padEnd(17)} ${count.format(c.inFile).padStart(9)} in the file: ${count.format(c.created)} new, ${count.format(c.updated)} changed, ${count.format(c.unchanged)} unchanged`;
  });
  return rows.length > 0 ? `${rows.join('\n')}\n` : '  (the file holds no records)\n';
}

/** `suoja import FILE` and `suoja export FILE` (exchange.md §2). */
export function registerExchangeCommands(program: Command): void {
  program
    .command('import')
    .description('import an exchange file (JSON or XLSX): all of it, or nothing when anything is wrong')
    .argument('<file>', 'the exchange file (.json or .xlsx)')
    .option('--dry-run', 'check the file and say what an import would do, without writing anything')
    .addOption(new Option('--format <format>', 'the file format (default: from the file name)').choices([...FORMATS]))
    .addHelpText(
      'after',
      '\nRecords are matched by ref: new refs are created, known ones updated, identical ones left alone,\n' +
        'so importing the same file twice changes nothing. Exit 0 when imported (or, with --dry-run,\n' +
        'when the file is valid); 1 with every problem listed on stderr and nothing written.',
    )
    .action(async (file: string, options: { dryRun?: boolean; format?: FileFormat }) => {
      const format = options.format ?? formatOfFile(file);
      let size: number;
      try {
        const info = await stat(file);
        if (!info.isFile()) throw new CommandFailed(`${file} is not a file`);
        size = info.size;
      } catch (error) {
        if (error instanceof CommandFailed) throw error;
        throw new CommandFailed(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
      }
      await withContext(async (ctx) => {
        const bar = progressBar();
        const started = Date.now();
        let report: ImportReport;
        const stream = format === 'json' ? createReadStream(file, { highWaterMark: 1 << 20 }) : null;
        try {
          report = await importExchange(
            ctx,
            operatorActor(),
            stream ? { format: 'json', stream, size } : { format: 'xlsx', workbook: { path: file } },
            {
              dryRun: options.dryRun ?? false,
              onProgress: (phase, done, total) => bar.update(phase, done, total, phase === 'reading' ? (format === 'json' ? 'bytes' : 'rows') : 'records'),
            },
          );
        } finally {
          stream?.destroy();
          bar.finish();
        }
        const seconds = (Date.now() - started) / 1000;
        if (report.problemCount > 0) {
          for (const problem of report.problems) process.stderr.write(`${formatProblem(problem)}\n`);
          const more = report.problemCount - report.problems.length;
          if (more > 0) process.stderr.write(`… and ${count.format(more)} more problems.\n`);
          throw new CommandFailed(`${file} was not imported: ${count.format(report.problemCount)} ${report.problemCount === 1 ? 'problem' : 'problems'} (listed above). Nothing was written.`);
        }
        const persons = report.counts.persons.inFile;
        const rate = seconds > 0 && persons > 0 ? `, ${count.format(Math.round(persons / seconds))} persons/s` : '';
        if (report.dryRun) {
          process.stdout.write(`Dry run: ${file} is valid. Importing it would give:\n${table(report)}Nothing was written (${seconds.toFixed(1)} s).\n`);
        } else {
          process.stdout.write(`Imported ${file}:\n${table(report)}Done in ${seconds.toFixed(1)} s${rate}.\n`);
        }
      });
    });

  program
    .command('export')
    .description('write every record (or those a filter selects) as an exchange file; it holds identifying data: keep it safe')
    .argument('<file>', 'where to write (.json or .xlsx); an existing file is replaced')
    .addOption(new Option('--format <format>', 'the file format (default: from the file name, else json)').choices([...FORMATS]))
    .option('--office <code>', 'only persons with an application or a clientship of this office (with the records they refer to)')
    .option('--from <date>', 'only persons with an application received or a clientship active on or after this date', parseDate)
    .option('--to <date>', 'only persons with an application received or a clientship active on or before this date', parseDate)
    .action(async (file: string, options: { format?: FileFormat; office?: string; from?: string; to?: string }) => {
      const format = options.format ?? formatOfFile(file);
      if (options.from && options.to && options.from > options.to) throw new CommandFailed('--from must not be after --to');
      await withContext(async (ctx) => {
        const filter = { ...(options.office !== undefined ? { office: options.office } : {}), ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
        const started = Date.now();
        let prepared;
        try {
          prepared = await prepareExport(ctx, operatorActor(), 'all', { format, filter });
        } catch (error) {
          if (error instanceof UnknownOffice) throw new CommandFailed(`nothing exported: ${error.message}`);
          throw error;
        }
        // Identifying data: readable by the owner only.
        const out = createWriteStream(file, { mode: 0o600 });
        const bar = progressBar();
        try {
          await prepared.write(out, (done, total) => bar.update('writing', done, total));
          out.end();
          await finished(out);
        } catch (error) {
          out.destroy();
          await unlink(file).catch(() => {});
          throw error;
        } finally {
          bar.finish();
        }
        const total = KINDS.reduce((n, k) => n + prepared.counts[k], 0);
        const parts = KINDS.filter((k) => prepared.counts[k] > 0).map((k) => `${count.format(prepared.counts[k])} ${k}`);
        process.stdout.write(
          `Exported ${count.format(total)} records to ${file} (${format}, ${((Date.now() - started) / 1000).toFixed(1)} s)${parts.length ? `: ${parts.join(', ')}` : ''}.\n` +
            'The file holds identifying data: keep it safe and delete it when it is no longer needed.\n',
        );
      });
    });
}
