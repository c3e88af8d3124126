import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signedInOf } from '../../access/route-access.js';
import { settingVersion } from '../../http/schemas.js';
import type { LettersService } from './letters.service.js';
import { LanguageTemplatesSchema, LETTER_KINDS, LETTER_LANGUAGES, LetterTemplatesSchema, PLACEHOLDERS } from './templates.js';

const Templates = LetterTemplatesSchema.meta({ id: 'LetterTemplates' });

const Stored = z.object({
  templates: Templates,
  version: z.number().int().min(0),
  updatedAt: z.date().nullable(),
  placeholders: z.array(z.enum(PLACEHOLDERS)),
});

export function lettersRoutes(letters: LettersService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['settings'];
    const manage = { access: { permission: 'settings.manage' as const } };
    const present = (stored: Awaited<ReturnType<LettersService['read']>>) => ({ ...stored, placeholders: [...letters.placeholders] });

    app.get(
      '/api/settings/letter-templates',
      { config: manage, schema: { summary: 'The decision letter templates of every language, with the version to save over', tags, response: { 200: Stored } } },
      async () => present(await letters.read()),
    );

    app.put(
      '/api/settings/letter-templates',
      {
        config: manage,
        schema: {
          summary: 'Save the decision letter templates; refused with 409 (and the saved ones) over a newer version',
          tags,
          body: z.strictObject({ version: settingVersion, templates: Templates }),
          response: { 200: Stored },
        },
      },
      async (request) => present(await letters.update(signedInOf(request).actor, request.body)),
    );

    app.post(
      '/api/settings/letter-templates/preview',
      {
        config: manage,
        schema: {
          summary: 'A letter from made-up facts, with the saved templates or the unsaved ones of the language',
          tags,
          body: z.strictObject({ language: z.enum(LETTER_LANGUAGES), kind: z.enum(LETTER_KINDS), template: LanguageTemplatesSchema.optional() }),
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const { language, kind, template } = request.body;
        const pdf = await letters.preview(language, kind, template);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="preview-${kind}-${language}.pdf"`).send(pdf);
      },
    );
  };
}
