import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInOf } from '../access/route-access.js';
import type { AppContext } from '../context.js';
import { isoDate } from '../modules/clients/person.schema.js';
import { createAuditService } from './audit.service.js';

const EventSchema = z.object({
  seq: z.number().int(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorKind: z.enum(['user', 'operator', 'system', 'anonymous']),
  actorRoles: z.array(z.string()),
  action: z.string(),
  objectType: z.string().nullable(),
  objectIds: z.array(z.string()),
  reason: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
  address: z.string().nullable(),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const audit = createAuditService(ctx);
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: { permission: 'audit.read' } },
        schema: {
          summary: 'The audit trail, newest first, with filters (this read is audited too)',
          tags: ['audit'],
          querystring: z.strictObject({
            from: isoDate.optional(),
            to: isoDate.optional(),
            actorId: z.uuid().optional(),
            action: z.string().regex(/^[a-z_.]+$/).max(100).optional(),
            objectId: z.string().max(100).optional(),
            before: z.coerce.number().int().min(1).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: { 200: z.object({ events: z.array(EventSchema), nextBefore: z.number().int().nullable() }) },
        },
      },
      async (request) => audit.search(signedInOf(request).actor, request.query),
    );
  };
}
