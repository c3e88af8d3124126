import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseIsReachable } from '../../db/connect.js';
import type { AppContext } from '../../context.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'error']),
    database: z.object({ status: z.enum(['ok', 'error']), kind: z.enum(['pglite', 'postgres']) }),
    version: z.string(),
  })
  .meta({ id: 'Health' });

export function healthRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Service and database status',
          tags: ['platform'],
          response: { 200: HealthSchema, 503: HealthSchema },
        },
      },
      async (_request, reply) => {
        const ok = await databaseIsReachable(ctx.database.db);
        const body = {
          status: ok ? ('ok' as const) : ('error' as const),
          database: { status: ok ? ('ok' as const) : ('error' as const), kind: ctx.database.kind },
          version: ctx.version,
        };
        return reply.code(ok ? 200 : 503).send(body);
      },
    );
  };
}
