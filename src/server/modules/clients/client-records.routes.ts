import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPLOITATION_FORMS, INDUSTRIES, RESIDENCE_STATUSES, SERVICE_PROVIDERS, SERVICE_TYPES } from '../../../domain/codes.js';
import { signedInOf } from '../../access/route-access.js';
import { ValidationFailed } from '../../http/errors.js';
import { INT4_MAX, recordVersion } from '../../http/schemas.js';
import { hasUnstorableText } from '../../http/text-guard.js';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentsService } from './attachments.service.js';
import type { ClientRecordsService } from './client-records.service.js';
import { PersonChangeSchema, isoDate } from './person.schema.js';

const params = z.object({ id: z.uuid() });
const version = recordVersion;
const scopeOf = (request: FastifyRequest) => request.scope ?? 'own';
const actorOf = (request: FastifyRequest) => signedInOf(request).actor;
const Saved = z.object({ id: z.string(), version: z.number() });
/** The file name of the X-File-Name header (URL-encoded UTF-8), at most 255 characters. */
function fileNameOf(header: string): string {
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    throw new ValidationFailed([{ field: 'x-file-name', code: 'invalid_format' }]);
  }
  if (hasUnstorableText(name)) throw new ValidationFailed([{ field: 'x-file-name', code: 'invalid_characters' }]);
  // By code point, so that a character outside the BMP is never cut in half.
  return [...name].slice(0, 255).join('');
}
const periodText = z.string().trim().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable().default(null);

const ExploitationInput = z.strictObject({
  form: z.enum(EXPLOITATION_FORMS),
  isPrimary: z.boolean(),
  country: z.string().trim().toUpperCase().length(2),
  industry: z.enum(INDUSTRIES).nullable().default(null),
  periodFrom: periodText,
  periodTo: periodText,
  residenceStatus: z.enum(RESIDENCE_STATUSES).nullable().default(null),
});
const ServiceInput = z.strictObject({
  type: z.enum(SERVICE_TYPES),
  provider: z.enum(SERVICE_PROVIDERS).nullable().default(null),
  startDate: isoDate,
  endDate: isoDate.nullable().default(null),
});

/** Changes to a client's records: HTTP in and out. */
export function clientRecordsRoutes(records: ClientRecordsService, attachments: AttachmentsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Files arrive as the raw request body; their type is decided from their bytes, not this header.
    for (const type of [...ATTACHMENT_TYPES, 'application/octet-stream']) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024 }, (_request, body, done) => done(null, body));
    }

    const tags = ['clients'];
    const write = { access: { permission: 'clients.write' as const } };

    app.patch(
      '/api/clients/:id',
      { config: write, schema: { summary: 'Change a client\'s identity and particulars (409 with what changed when someone saved first)', tags, params, body: PersonChangeSchema.extend({ version }), response: { 200: Saved } } },
      async (request) => {
        const { version: v, ...change } = request.body;
        return records.updatePerson(actorOf(request), scopeOf(request), request.params.id, v, change);
      },
    );
    app.post(
      '/api/clients/:id/exploitation',
      { config: write, schema: { summary: 'Add an exploitation record', tags, params, body: ExploitationInput, response: { 201: Saved } } },
      async (request, reply) => reply.code(201).send(await records.addExploitation(actorOf(request), scopeOf(request), request.params.id, request.body)),
    );
    app.put(
      '/api/exploitation/:id',
      { config: write, schema: { summary: 'Change an exploitation record (its earlier codes are kept in the audit trail)', tags, params, body: ExploitationInput.extend({ version }), response: { 200: Saved } } },
      async (request) => {
        const { version: v, ...input } = request.body;
        return records.updateExploitation(actorOf(request), scopeOf(request), request.params.id, v, input);
      },
    );
    app.delete(
      '/api/exploitation/:id',
      { config: write, schema: { summary: 'Remove an exploitation record', tags, params, querystring: z.strictObject({ version: z.coerce.number().int().min(1).max(INT4_MAX) }), response: { 204: z.null() } } },
      async (request, reply) => {
        await records.removeExploitation(actorOf(request), scopeOf(request), request.params.id, request.query.version);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/clients/:id/services',
      { config: write, schema: { summary: 'Record a service given', tags, params, body: ServiceInput, response: { 201: Saved } } },
      async (request, reply) => reply.code(201).send(await records.addService(actorOf(request), scopeOf(request), request.params.id, request.body)),
    );
    app.put(
      '/api/services/:id',
      { config: write, schema: { summary: 'Change a service (e.g. its end)', tags, params, body: ServiceInput.extend({ version }), response: { 200: Saved } } },
      async (request) => {
        const { version: v, ...input } = request.body;
        return records.updateService(actorOf(request), scopeOf(request), request.params.id, v, input);
      },
    );
    app.put(
      '/api/clients/:id/needs',
      {
        config: write,
        schema: {
          summary: 'The assessment of service needs, one answer per service type',
          tags,
          params,
          body: z.strictObject({ needs: z.array(z.strictObject({ type: z.enum(SERVICE_TYPES), needed: z.boolean() })).max(SERVICE_TYPES.length) }),
          response: { 200: z.object({ needs: z.array(z.object({ type: z.string(), needed: z.boolean(), assessedOn: z.string() })) }) },
        },
      },
      async (request) => ({ needs: await records.assessNeeds(actorOf(request), scopeOf(request), request.params.id, request.body.needs) }),
    );
    app.post(
      '/api/clients/:id/notes',
      {
        config: write,
        schema: { summary: 'Write a journal note (or one that corrects an earlier note)', tags, params, body: z.strictObject({ body: z.string().trim().min(1).max(20_000), correctsId: z.uuid().nullable().default(null) }), response: { 201: Saved } },
      },
      async (request, reply) => reply.code(201).send(await records.addNote(actorOf(request), scopeOf(request), request.params.id, request.body.body, request.body.correctsId)),
    );
    app.put(
      '/api/notes/:id',
      { config: write, schema: { summary: 'Correct one\'s own note within 24 hours of writing it', tags, params, body: z.strictObject({ version, body: z.string().trim().min(1).max(20_000) }), response: { 200: Saved } } },
      async (request) => records.correctNote(actorOf(request), scopeOf(request), request.params.id, request.body.version, request.body.body),
    );
    app.post(
      '/api/clients/:id/tasks',
      {
        config: write,
        schema: { summary: 'Add a task with a due date and an assignee', tags, params, body: z.strictObject({ title: z.string().trim().min(1).max(500), dueOn: isoDate, assigneeId: z.uuid() }), response: { 201: Saved } },
      },
      async (request, reply) => reply.code(201).send(await records.addTask(actorOf(request), scopeOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/tasks/:id/done',
      { config: write, schema: { summary: 'Mark a task done', tags, params, body: z.strictObject({ version }), response: { 200: Saved } } },
      async (request) => records.completeTask(actorOf(request), scopeOf(request), request.params.id, request.body.version),
    );
    app.post(
      '/api/clients/:id/attachments',
      {
        config: write,
        bodyLimit: ATTACHMENT_MAX_BYTES + 1024 * 1024,
        schema: {
          summary: 'Upload a file (PDF, JPEG or PNG, at most 10 MB) as the raw body, its name in the X-File-Name header (URL-encoded); image metadata is stripped; stored encrypted',
          tags,
          params,
          headers: z.object({ 'x-file-name': z.string().min(1).max(600) }),
          response: { 201: z.object({ id: z.string(), mediaType: z.string(), sizeBytes: z.number() }) },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const fileName = fileNameOf(request.headers['x-file-name']);
        return reply.code(201).send(await attachments.upload(actorOf(request), scopeOf(request), request.params.id, fileName, body));
      },
    );
    app.get(
      '/api/attachments/:id',
      { config: { access: { permission: 'clients.read' } }, schema: { summary: 'Download a file (audited)', tags, params, produces: ['application/pdf', 'image/jpeg', 'image/png'] } },
      async (request, reply) => {
        const file = await attachments.download(actorOf(request), scopeOf(request), request.params.id);
        return reply.type(file.mediaType).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`).send(file.content);
      },
    );
    app.get(
      '/api/notes/recent',
      {
        config: write,
        schema: {
          summary: 'The journal notes I wrote most recently (10), newest first (audited)',
          tags,
          response: { 200: z.object({ notes: z.array(z.object({ id: z.string(), body: z.string(), writtenAt: z.date(), correctedAt: z.date().nullable(), correctsId: z.string().nullable(), person: z.object({ id: z.string(), number: z.string() }) })) }) },
        },
      },
      async (request) => ({ notes: await records.recentNotes(actorOf(request), scopeOf(request)) }),
    );
    app.get(
      '/api/tasks',
      {
        config: write,
        schema: {
          summary: 'My open tasks, soonest first',
          tags,
          response: { 200: z.object({ tasks: z.array(z.object({ id: z.string(), title: z.string(), dueOn: z.string(), overdue: z.boolean(), version: z.number(), person: z.object({ id: z.string(), number: z.string() }) })) }) },
        },
      },
      async (request) => ({ tasks: await records.myTasks(actorOf(request)) }),
    );
  };
}
