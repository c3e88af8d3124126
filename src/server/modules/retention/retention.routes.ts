import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInOf } from '../../access/route-access.js';
import type { RetentionService } from './retention.service.js';

const ReportSchema = z.object({
  on: z.string(),
  policy: z.object({ clientYears: z.number(), applicantYears: z.number() }),
  dryRun: z.boolean(),
  persons: z.array(z.string()),
  applicationSummaries: z.number(),
  decisionTexts: z.number(),
  clientRecords: z.number(),
  held: z.number(),
});

export function retentionRoutes(retention: RetentionService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['retention'];
    app.get(
      '/api/retention/policy',
      { config: { access: { permission: 'settings.manage' } }, schema: { summary: 'How long identifying data is kept', tags, response: { 200: z.object({ clientYears: z.number(), applicantYears: z.number() }) } } },
      () => retention.policy(),
    );
    app.post(
      '/api/retention/run',
      {
        config: { access: { permission: 'settings.manage' } },
        schema: { summary: 'Erase the identifying data that is due (or, with dryRun, say what would be erased); audited', tags, body: z.strictObject({ dryRun: z.boolean().default(true) }), response: { 200: ReportSchema } },
      },
      (request) => retention.run(signedInOf(request).actor, { dryRun: request.body.dryRun }),
    );
    app.put(
      '/api/persons/:id/legal-hold',
      {
        config: { access: { permission: 'retention.legal_hold' } },
        schema: {
          summary: 'Place or lift a legal hold: a held person\'s identifying data is kept past its retention time (audited with the reason)',
          tags,
          params: z.object({ id: z.uuid() }),
          body: z.strictObject({ hold: z.boolean(), reason: z.string().trim().min(10).max(500) }),
          response: { 200: z.object({ id: z.string(), number: z.string(), legalHold: z.boolean() }) },
        },
      },
      (request) => retention.setLegalHold(signedInOf(request).actor, request.params.id, request.body.hold, request.body.reason),
    );
  };
}
