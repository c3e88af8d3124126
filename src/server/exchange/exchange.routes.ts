import { PassThrough, type Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInOf } from '../access/route-access.js';
import type { AppContext } from '../context.js';
import { AppError, ValidationFailed } from '../http/errors.js';
import { languageFromHeader, translator } from '../i18n/index.js';
import { isoDate } from '../modules/clients/person.schema.js';
import { prepareExport, UnknownOffice } from './export.js';
import { KINDS } from './format.js';
import { FileTooLarge, importExchange, type ImportPhase, type ImportReport, type ImportSource } from './import.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Uploads are read as they arrive (JSON) or held whole (XLSX: a zip is read from its end). */
export const MAX_JSON_UPLOAD = 256 * 1024 * 1024;
export const MAX_XLSX_UPLOAD = 128 * 1024 * 1024;

const CountsSchema = z.object({ inFile: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
const ReportSchema = z
  .object({
    format: z.enum(['json', 'xlsx']),
    dryRun: z.boolean(),
    imported: z.boolean(),
    counts: z.object(Object.fromEntries(KINDS.map((k) => [k, CountsSchema])) as Record<(typeof KINDS)[number], typeof CountsSchema>),
    problems: z.array(z.object({ path: z.string(), code: z.string(), message: z.string(), value: z.unknown().optional(), cell: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
    problemCount: z.number().int(),
  })
  .meta({ id: 'ExchangeImportReport' });

class PayloadTooLarge extends AppError {
  constructor() {
    super(413, 'payload_too_large');
  }
}

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  // By hand, not for await: stopping early must not destroy the connection the answer goes out on.
  const chunks = stream[Symbol.asyncIterator]();
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    const chunk = next.value as Buffer;
    size += chunk.length;
    if (size > max) throw new PayloadTooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** How often a progress line goes out at most, and at least (so that no proxy takes the answer for stalled). */
export const PROGRESS_EVERY_MS = 250;
export const HEARTBEAT_MS = 5_000;

/** One line of the answer of `POST /api/exchange/import/stream` (newline-delimited JSON). */
export type ImportEvent =
  | { type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { type: 'report'; report: ImportReport }
  | { type: 'refused'; message: string; report: ImportReport }
  | { type: 'failed'; message: string; correlationId: string };

const isStream = (body: unknown): body is Readable => !!body && typeof (body as Readable)[Symbol.asyncIterator] === 'function';

export function exchangeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['exchange'];
    // In this plugin only: the body reaches the handler as a stream, so a large file is never
    // held whole (JSON) and the general 1 MB body limit does not apply.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(['application/json', XLSX_TYPE], (_request, payload, done) => done(null, payload));

    app.post(
      '/api/exchange/import',
      {
        config: { access: { permission: 'exchange.import' } },
        schema: {
          summary: `Import an exchange file: the JSON document (application/json) or the workbook (${XLSX_TYPE}) as the body. All or nothing: a file with problems is refused with 422 and every problem listed; dryRun=true checks and counts without writing`,
          tags,
          querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') }),
          response: { 200: ReportSchema },
        },
      },
      async (request, reply) => {
        const { actor } = signedInOf(request);
        const body = request.body;
        if (!isStream(body)) throw new AppError(415, 'unsupported_media_type');
        try {
          const xlsx = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() === XLSX_TYPE;
          const source: ImportSource = xlsx ? { format: 'xlsx', workbook: { buffer: await readAll(body, MAX_XLSX_UPLOAD) } } : { format: 'json', stream: body };
          let report;
          try {
            report = await importExchange(ctx, actor, source, { dryRun: request.query.dryRun === 'true', maxBytes: MAX_JSON_UPLOAD });
          } catch (error) {
            if (error instanceof FileTooLarge) throw new PayloadTooLarge();
            throw error;
          }
          if (report.problemCount > 0) {
            throw new AppError(422, 'exchange_refused', { count: report.problemCount }, [], { problems: report.problems, problemCount: report.problemCount, counts: report.counts });
          }
          return report;
        } finally {
          // Reading stopped early (a broken or too large file): the rest is discarded and the
          // connection closed after the answer, rather than left waiting for a body nobody reads.
          if (!body.readableEnded) {
            reply.header('connection', 'close');
            body.resume();
          }
        }
      },
    );

    app.post(
      '/api/exchange/import/stream',
      {
        config: { access: { permission: 'exchange.import' } },
        schema: {
          summary:
            'The same import (or dry run, dryRun=true), answered as it goes: once the file has arrived, 200 with newline-delimited JSON (application/x-ndjson) — ' +
            '`progress` lines (phase checking or writing, done, total; at least every 5 s) and one last line: `report` (done), `refused` (the problems; nothing written) or `failed`. ' +
            'For the web app: an import of a large register takes minutes, longer than a request should wait silently',
          tags,
          querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') }),
        },
      },
      async (request, reply) => {
        const { actor } = signedInOf(request);
        const body = request.body;
        if (!isStream(body)) throw new AppError(415, 'unsupported_media_type');
        const t = translator(languageFromHeader(request.headers['accept-language']));
        let latest: ImportEvent & { type: 'progress' } = { type: 'progress', phase: 'reading', done: 0, total: 0 };
        let emit: ((event: ImportEvent) => void) | null = null;
        let lastSent = 0;
        let arrived!: () => void;
        const fileArrived = new Promise<void>((resolve) => (arrived = resolve));
        let outcome: { report: ImportReport } | { error: unknown } | null = null;
        let job: Promise<{ report: ImportReport } | { error: unknown }>;
        try {
          const xlsx = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() === XLSX_TYPE;
          const source: ImportSource = xlsx ? { format: 'xlsx', workbook: { buffer: await readAll(body, MAX_XLSX_UPLOAD) } } : { format: 'json', stream: body };
          job = importExchange(ctx, actor, source, {
            dryRun: request.query.dryRun === 'true',
            maxBytes: MAX_JSON_UPLOAD,
            onProgress(phase, done, total) {
              // Past reading, the whole file has arrived: the answer may begin.
              if (phase !== 'reading') arrived();
              const changed = phase !== latest.phase;
              latest = { type: 'progress', phase, done, total };
              const now = Date.now();
              if (emit && (changed || now - lastSent >= PROGRESS_EVERY_MS || (total > 0 && done >= total))) {
                lastSent = now;
                emit(latest);
              }
            },
          }).then(
            (report) => (outcome = { report }),
            (error: unknown) => (outcome = { error }),
          );
          await Promise.race([fileArrived, job]);
          // Over before the file was read to its end (a broken or too large file): answered at once.
          const early = outcome as { report: ImportReport } | { error: unknown } | null;
          if (early && 'error' in early) throw early.error instanceof FileTooLarge ? new PayloadTooLarge() : early.error;
        } finally {
          if (!body.readableEnded) {
            reply.header('connection', 'close');
            body.resume();
          }
        }

        const out = new PassThrough();
        const write = (event: ImportEvent) => {
          if (!out.destroyed && !out.writableEnded) out.write(`${JSON.stringify(event)}\n`);
        };
        emit = write;
        write(latest);
        lastSent = Date.now();
        const heartbeat = setInterval(() => write(latest), HEARTBEAT_MS);
        void job.then((result) => {
          clearInterval(heartbeat);
          if ('report' in result) {
            const { report } = result;
            if (report.problemCount > 0) write({ type: 'refused', message: t('errors.exchange_refused', { count: report.problemCount }), report });
            else write({ type: 'report', report });
          } else {
            request.log.error({ err: result.error }, 'import failed');
            write({ type: 'failed', message: t('errors.internal', { correlationId: request.id }), correlationId: request.id });
          }
          out.end();
        });
        return reply.type('application/x-ndjson; charset=utf-8').send(out);
      },
    );

    app.get(
      '/api/exchange/export',
      {
        config: { access: { permission: 'exchange.export' } },
        schema: {
          summary: 'Export the register (or the persons of an office or a period, with their records) as an exchange file. It holds identifying data; the export is audited',
          tags,
          querystring: z.strictObject({
            format: z.enum(['json', 'xlsx']).default('json'),
            office: z.string().max(100).optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
          }),
        },
      },
      async (request, reply) => {
        const { actor } = signedInOf(request);
        const { format, office, from, to } = request.query;
        if (from && to && from > to) throw new ValidationFailed([{ field: 'to', code: 'invalid' }]);
        let prepared;
        try {
          prepared = await prepareExport(ctx, actor, request.scope ?? 'own', { format, filter: { office, from, to } });
        } catch (error) {
          if (error instanceof UnknownOffice) throw new ValidationFailed([{ field: 'office', code: 'invalid_choice' }]);
          throw error;
        }
        const out = new PassThrough();
        prepared.write(out).then(
          () => out.end(),
          (error: unknown) => {
            request.log.error({ err: error }, 'export failed while streaming');
            out.destroy(error as Error);
          },
        );
        const day = ctx.clock.now().toISOString().slice(0, 10);
        return reply
          .type(format === 'json' ? 'application/json; charset=utf-8' : XLSX_TYPE)
          .header('content-disposition', `attachment; filename="suoja-export-${day}.${format}"`)
          .send(out);
      },
    );
  };
}
