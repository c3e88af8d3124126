import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInOf } from '../../access/route-access.js';
import { LANGUAGES } from '../../i18n/index.js';
import { renderSubjectAccessPdf } from './subject-access.pdf.js';
import type { SubjectAccessService } from './subject-access.service.js';

export function subjectAccessRoutes(subjectAccess: SubjectAccessService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/subject-access',
      {
        config: { access: { permission: 'subject_access.export' } },
        schema: {
          summary: 'Everything held about one person and their minor children, as JSON or PDF (GDPR art. 15; audited with the request reference)',
          tags: ['audit'],
          querystring: z.strictObject({
            number: z.string().trim().regex(/^[Cc]-\d{5,}$/),
            reference: z.string().trim().min(3).max(200),
            format: z.enum(['json', 'pdf']).default('json'),
            lang: z.enum(LANGUAGES).default('fi'),
          }),
        },
      },
      async (request, reply) => {
        const { number, reference, format, lang } = request.query;
        const data = await subjectAccess.export(signedInOf(request).actor, number, reference);
        const name = `subject-access-${data.subject.number}`;
        if (format === 'pdf') {
          const pdf = await renderSubjectAccessPdf(data, lang, reference);
          return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
        }
        return reply.type('application/json').header('content-disposition', `attachment; filename="${name}.json"`).send(JSON.stringify({ reference, ...data }, null, 2));
      },
    );
  };
}
