import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CLIENT_CATEGORIES } from '../../../domain/codes.js';
import { signedInOf } from '../../access/route-access.js';
import type { AppContext } from '../../context.js';
import { languageFromHeader, LANGUAGES } from '../../i18n/index.js';
import { CLIENT_EXPORT_MAX_ROWS, exportClients } from './client-export.js';

/** The client list as CSV or XLSX: the filters of `GET /api/clients`, without paging. */
export function clientExportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/clients/export',
      {
        config: { access: { permission: 'clients.export' } },
        schema: {
          summary: `Export the client list (same filters as GET /api/clients, at most ${CLIENT_EXPORT_MAX_ROWS} rows) as CSV or XLSX; names masked; audited`,
          tags: ['clients'],
          querystring: z.strictObject({
            format: z.enum(['csv', 'xlsx']).default('csv'),
            /** The language of the headers and code names; the browser's otherwise. */
            lang: z.enum(LANGUAGES).optional(),
            q: z.string().trim().max(200).optional(),
            birthYear: z.coerce.number().int().min(1900).max(2100).optional(),
            office: z.string().trim().max(50).optional(),
            caseworkerId: z.uuid().optional(),
            status: z.enum(['active', 'ended']).optional(),
            category: z.enum(CLIENT_CATEGORIES).optional(),
            nationality: z.string().trim().toUpperCase().length(2).optional(),
          }),
          produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const { format, lang, ...filters } = request.query;
        const language = lang ?? languageFromHeader(request.headers['accept-language']);
        const file = await exportClients(ctx, signedInOf(request).actor, request.scope ?? 'own', filters, format, language);
        return reply
          .type(file.mediaType)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('x-row-count', String(file.count))
          .send(file.body);
      },
    );
  };
}
