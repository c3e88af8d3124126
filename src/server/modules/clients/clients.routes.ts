import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInOf } from '../../access/route-access.js';
import { CLIENT_CATEGORIES } from '../../../domain/codes.js';
import type { AppContext } from '../../context.js';
import { recordVersion } from '../../http/schemas.js';
import { searchClients } from './client-search.js';
import type { ClientsService } from './clients.service.js';

/** The codes of an exploitation record as its history keeps them (an early entry may hold only some). */
const ExploitationCodesSchema = z.object({
  form: z.string().optional(),
  isPrimary: z.boolean().optional(),
  country: z.string().optional(),
  industry: z.string().nullable().optional(),
  periodFrom: z.string().nullable().optional(),
  periodTo: z.string().nullable().optional(),
  residenceStatus: z.string().nullable().optional(),
});

const ClientSchema = z
  .object({
    id: z.string(),
    number: z.string(),
    masked: z.object({ givenNames: z.string().nullable(), familyName: z.string().nullable() }),
    birthYear: z.number().int().nullable(),
    gender: z.string(),
    nationalities: z.array(z.string()),
    languages: z.array(z.string()),
    interpreterNeeded: z.boolean(),
    residenceStatus: z.string(),
    municipalityRecorded: z.boolean(),
    identityErased: z.boolean(),
    clientships: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        parentId: z.string().nullable(),
        startDate: z.string(),
        endDate: z.string().nullable(),
        endReason: z.string().nullable(),
        officeCode: z.string(),
        caseworkerId: z.string().nullable(),
        version: z.number(),
      }),
    ),
    exploitation: z.array(z.object({ id: z.string(), form: z.string(), isPrimary: z.boolean(), country: z.string(), industry: z.string().nullable(), periodFrom: z.string().nullable(), periodTo: z.string().nullable(), residenceStatus: z.string().nullable(), version: z.number() })),
    exploitationHistory: z.array(
      z.object({
        exploitationId: z.string(),
        action: z.enum(['create', 'update', 'delete']),
        at: z.date(),
        actorName: z.string().nullable(),
        before: ExploitationCodesSchema.nullable(),
        after: ExploitationCodesSchema.nullable(),
      }),
    ),
    services: z.array(z.object({ id: z.string(), type: z.string(), provider: z.string().nullable(), startDate: z.string(), endDate: z.string().nullable(), version: z.number() })),
    needs: z.array(z.object({ type: z.string(), needed: z.boolean(), assessedOn: z.string() })),
    notes: z.array(z.object({ id: z.string(), body: z.string(), authorId: z.string(), authorName: z.string(), writtenAt: z.date(), correctedAt: z.date().nullable(), correctsId: z.string().nullable(), correctable: z.boolean(), version: z.number() })),
    tasks: z.array(z.object({ id: z.string(), title: z.string(), dueOn: z.string(), assigneeId: z.string(), assigneeName: z.string(), doneAt: z.date().nullable(), version: z.number() })),
    residenceHistory: z.array(z.object({ status: z.string(), changedAt: z.date() })),
    children: z.array(z.object({ id: z.string(), number: z.string() })),
    parent: z.object({ id: z.string(), number: z.string() }).nullable(),
    decisions: z.array(z.object({ id: z.string(), kind: z.string(), status: z.string(), decidedOn: z.string().nullable(), reason: z.string().nullable(), periodStart: z.string().nullable(), periodEnd: z.string().nullable(), applicationId: z.string().nullable() })),
    attachments: z.array(z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), uploadedAt: z.date(), uploadedByName: z.string() })),
    version: z.number().int(),
  })
  .meta({ id: 'Client' });

const IdentitySchema = z
  .object({
    givenNames: z.string().nullable(),
    familyName: z.string().nullable(),
    aliases: z.array(z.string()),
    birthDate: z.string().nullable(),
    birthDateIsEstimate: z.boolean(),
    contact: z.object({ phone: z.string().optional(), email: z.string().optional(), address: z.string().optional() }).nullable(),
    municipality: z.string().nullable(),
  })
  .meta({ id: 'ClientIdentity' });

const params = z.object({ id: z.uuid() });
const scopeOf = (request: FastifyRequest) => request.scope ?? 'own';

const ClientListItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  masked: z.object({ givenNames: z.string().nullable(), familyName: z.string().nullable() }),
  birthYear: z.number().int().nullable(),
  gender: z.string(),
  nationalities: z.array(z.string()),
  identityErased: z.boolean(),
  category: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  officeCode: z.string(),
  caseworker: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export function clientsRoutes(ctx: AppContext, clients: ClientsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['clients'];

    app.get(
      '/api/clients',
      {
        config: { access: { permission: 'clients.read' } },
        schema: {
          summary: 'Find clients by number or by name (tolerant of typos, diacritics and transliteration), filtered and paged; masked, audited',
          tags,
          querystring: z.strictObject({
            q: z.string().trim().max(200).optional(),
            birthYear: z.coerce.number().int().min(1900).max(2100).optional(),
            office: z.string().trim().max(50).optional(),
            caseworkerId: z.uuid().optional(),
            status: z.enum(['active', 'ended']).optional(),
            category: z.enum(CLIENT_CATEGORIES).optional(),
            nationality: z.string().trim().toUpperCase().length(2).optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100).default(25),
          }),
          response: {
            200: z.object({
              total: z.number().describe('Matches, counted up to 1,000'),
              totalCapped: z.boolean().describe('More match than `total`: the list counts no further (narrow it with the filters)'),
              page: z.number(),
              pageSize: z.number(),
              clients: z.array(ClientListItemSchema),
            }),
          },
        },
      },
      async (request) => searchClients(ctx, signedInOf(request).actor, scopeOf(request), request.query),
    );

    app.get(
      '/api/clients/:id',
      { config: { access: { permission: 'clients.read' } }, schema: { summary: 'A client, identity masked (audited read; 404 outside one\'s scope)', tags, params, response: { 200: ClientSchema } } },
      async (request) => clients.get(signedInOf(request).actor, scopeOf(request), request.params.id),
    );

    app.post(
      '/api/clients/:id/reveal',
      { config: { access: { permission: 'clients.read' } }, schema: { summary: 'Reveal the identifying data (audited)', tags, params, response: { 200: IdentitySchema } } },
      async (request) => clients.reveal(signedInOf(request).actor, scopeOf(request), request.params.id),
    );

    app.put(
      '/api/clients/:id/assignment',
      {
        config: { access: { permission: 'clients.assign' } },
        schema: {
          summary: 'Move a client to another office or hand them to another caseworker: a team leader of the client\'s office; the children who are clients with them follow (409 when the clientship changed meanwhile)',
          tags,
          params,
          body: z.strictObject({ officeCode: z.string().trim().min(1).max(50), caseworkerId: z.uuid().nullable(), version: recordVersion }),
          response: { 200: z.object({ id: z.string(), version: z.number() }) },
        },
      },
      async (request) => clients.assign(signedInOf(request).actor, scopeOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/clients/:id/break-glass',
      {
        config: { access: { permission: 'clients.break_glass' } },
        schema: {
          summary: 'Open a client outside one\'s scope for 30 minutes, stating why (audited, alerts the team leader)',
          tags,
          params,
          body: z.strictObject({ reason: z.string().trim().min(10).max(500) }),
          response: { 201: z.object({ expiresAt: z.date() }) },
        },
      },
      async (request, reply) => reply.code(201).send(await clients.breakGlass(signedInOf(request).actor, request.params.id, request.body.reason)),
    );

    const ViewersSchema = z.object({
      client: z.object({ id: z.string(), number: z.string() }),
      events: z.array(z.object({ seq: z.number(), at: z.date(), actorId: z.string().nullable(), actorName: z.string().nullable(), actorRoles: z.array(z.string()), action: z.string(), reason: z.string().nullable(), outcome: z.string() })),
    });

    app.get(
      '/api/clients/:id/viewers',
      { config: { access: { permission: 'audit.client_viewers' } }, schema: { summary: 'Who has viewed this client', tags: ['audit'], params, response: { 200: ViewersSchema } } },
      async (request) => clients.viewers(signedInOf(request).actor, scopeOf(request), { id: request.params.id }),
    );

    app.get(
      '/api/audit/client-viewers',
      {
        config: { access: { permission: 'audit.client_viewers' } },
        schema: { summary: 'Who has viewed the client with this number (e.g. C-00318)', tags: ['audit'], querystring: z.strictObject({ number: z.string().trim().regex(/^[Cc]-\d{5,}$/) }), response: { 200: ViewersSchema } },
      },
      async (request) => clients.viewers(signedInOf(request).actor, scopeOf(request), { number: request.query.number }),
    );

    app.get(
      '/api/alerts',
      {
        config: { access: { permission: 'alerts.read' } },
        schema: {
          summary: 'Access alerts: bulk access and break-the-glass',
          tags: ['audit'],
          response: {
            200: z.object({
              alerts: z.array(z.object({ id: z.string(), kind: z.enum(['bulk_access', 'break_glass']), userId: z.string(), userName: z.string(), officeCodes: z.array(z.string()), createdAt: z.date(), details: z.unknown(), acknowledgedAt: z.date().nullable() })),
            }),
          },
        },
      },
      async (request) => ({ alerts: await clients.alerts(signedInOf(request).actor, scopeOf(request)) }),
    );
  };
}
