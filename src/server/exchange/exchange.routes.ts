import { PassThrough, type Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInOf } from '../access/route-access.js';
import type { AppContext } from '../context.js';
import { AppError, ValidationFailed } from '../http/errors.js';
import { prepareExport, UnknownOffice } from './export.js';
import { KINDS } from './format.js';
import { FileTooLarge, importExchange, type ImportSource } from './import.js';

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
            from: z.iso.date().optional(),
            to: z.iso.date().optional(),
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
