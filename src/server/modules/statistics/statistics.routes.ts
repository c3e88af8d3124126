import { CTDC_MIN_K } from '../../statistics/international/ctdc.js';
import { INTERNATIONAL_FORMATS } from '../../statistics/international/render.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES } from '../../../domain/codes.js';
import { signedInOf } from '../../access/route-access.js';
import { settingVersion } from '../../http/schemas.js';
import { DOCUMENT_FORMATS } from '../../statistics/render/document.js';
import type { StatisticsService } from './statistics.service.js';

const FigureSchema = z.object({ value: z.number().nullable(), share: z.number().optional(), base: z.string().optional(), members: z.number().optional(), suppressed: z.literal(true).optional() });
const FiguresSchema = z.record(z.string(), FigureSchema);
const periodQuery = {
  year: z.coerce.number().int().min(2006).max(2100),
  half: z.coerce.number().int().pipe(z.literal(1)).optional(),
  threshold: z.coerce.number().int().min(0).max(100).default(5),
};

const contactField = (max: number) => z.string().trim().max(max);
const OrganisationLanguage = z.strictObject({
  introduction: z.array(z.string().trim().min(1).max(4000)).max(20),
  contacts: z
    .array(
      z.strictObject({
        name: contactField(200).min(1),
        title: contactField(200),
        phone: contactField(50),
        email: contactField(320).refine((v) => v === '' || z.email().safeParse(v).success, { params: { code: 'invalid_email' } }),
      }),
    )
    .max(10),
});
const OrganisationTexts = z.strictObject(Object.fromEntries(LANGUAGES.map((lang) => [lang, OrganisationLanguage])) as Record<(typeof LANGUAGES)[number], typeof OrganisationLanguage>).meta({ id: 'OrganisationTexts' });
const StoredOrganisationTexts = z.object({ texts: OrganisationTexts, version: z.number().int().min(0), updatedAt: z.date().nullable() });

export function statisticsRoutes(statistics: StatisticsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['statistics'];
    const read = { access: { permission: 'statistics.read' as const } };

    app.get(
      '/api/statistics/overview',
      {
        config: read,
        schema: {
          summary: 'The figures of a year or half-year, their data hash, and the disclosure check (counts below the threshold)',
          tags,
          querystring: z.strictObject(periodQuery),
          response: {
            200: z.object({
              report: z.literal('overview'),
              period: z.object({ year: z.number(), half: z.literal(1).optional(), from: z.string(), to: z.string() }),
              threshold: z.number(),
              dataHash: z.string(),
              figures: FiguresSchema,
              smallCounts: z.array(z.object({ id: z.string(), value: z.number() })),
            }),
          },
        },
      },
      async (request) => statistics.preview(request.query),
    );

    app.post(
      '/api/statistics/releases',
      {
        config: { access: { permission: 'statistics.publish' } },
        schema: {
          summary: 'Publish a frozen release of the overview',
          tags,
          body: z.strictObject({ ...periodQuery, threshold: z.number().int().min(0).max(100), languages: z.array(z.enum(LANGUAGES)).min(1), confirmedSmallCounts: z.array(z.string().max(200)).max(1000).default([]) }),
          response: { 201: z.object({ id: z.string(), publishedAt: z.date(), dataHash: z.string() }) },
        },
      },
      async (request, reply) => reply.code(201).send(await statistics.publish(signedInOf(request).actor, request.body)),
    );

    app.get(
      '/api/statistics/releases',
      {
        config: read,
        schema: {
          summary: 'Published releases',
          tags,
          response: { 200: z.object({ releases: z.array(z.object({ id: z.string(), year: z.number(), half: z.number().nullable(), threshold: z.number(), languages: z.array(z.string()), dataHash: z.string(), publishedAt: z.date(), publishedByName: z.string() })) }) },
        },
      },
      async () => ({ releases: await statistics.releases() }),
    );

    app.get(
      '/api/statistics/releases/:id',
      {
        config: read,
        schema: {
          summary: 'A published release with its frozen figures',
          tags,
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ id: z.string(), year: z.number(), half: z.number().nullable(), threshold: z.number(), languages: z.array(z.string()), dataHash: z.string(), figures: FiguresSchema, confirmedSmallCounts: z.array(z.string()), publishedAt: z.date() }) },
        },
      },
      async (request) => statistics.release(request.params.id),
    );

    app.get(
      '/api/statistics/releases/:id/compare',
      {
        config: read,
        schema: {
          summary: 'Compare a release with the data as it is now',
          tags,
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ releaseHash: z.string(), currentHash: z.string(), sameData: z.boolean(), changedFigures: z.array(z.string()) }) },
        },
      },
      async (request) => statistics.compareWithData(request.params.id),
    );

    const documentQuery = { lang: z.enum(LANGUAGES).default('fi'), format: z.enum(DOCUMENT_FORMATS) };
    app.get(
      '/api/statistics/overview/document',
      { config: read, schema: { summary: 'The overview of a period as PDF, HTML, XLSX, CSV or JSON (audited)', tags, querystring: z.strictObject({ ...periodQuery, ...documentQuery }) } },
      async (request, reply) => {
        const { lang, format, ...period } = request.query;
        const doc = await statistics.document(signedInOf(request).actor, { period }, lang, format);
        return reply.type(doc.contentType).header('content-disposition', `attachment; filename="${doc.fileName}"`).send(doc.body);
      },
    );

    app.get(
      '/api/statistics/international/:standard',
      {
        config: read,
        schema: {
          summary: 'International reporting: EU data-collection tables (threshold, suppression) or CTDC microdata (k-anonymised, k ≥ 11), as JSON, CSV or XLSX (audited)',
          tags,
          params: z.object({ standard: z.enum(['eu', 'ctdc']) }),
          querystring: z.strictObject({
            year: periodQuery.year,
            format: z.enum(INTERNATIONAL_FORMATS).default('csv'),
            threshold: z.coerce.number().int().min(1).max(100).default(5),
            k: z.coerce.number().int().min(CTDC_MIN_K).max(1000).default(CTDC_MIN_K),
          }),
        },
      },
      async (request, reply) => {
        const { year, format, threshold, k } = request.query;
        const doc = await statistics.international(signedInOf(request).actor, request.params.standard, year, format, { threshold, k });
        return reply.type(doc.type).header('content-disposition', `attachment; filename="${doc.fileName}"`).send(doc.body);
      },
    );

    app.get(
      '/api/statistics/releases/:id/document',
      { config: read, schema: { summary: 'A published release as PDF, HTML, XLSX, CSV or JSON (audited)', tags, params: z.object({ id: z.uuid() }), querystring: z.strictObject(documentQuery) } },
      async (request, reply) => {
        const doc = await statistics.document(signedInOf(request).actor, { releaseId: request.params.id }, request.query.lang, request.query.format);
        return reply.type(doc.contentType).header('content-disposition', `attachment; filename="${doc.fileName}"`).send(doc.body);
      },
    );

    app.get(
      '/api/statistics/explain',
      {
        config: read,
        schema: {
          summary: 'Explain a figure: the pseudonymous references of the records behind it (no identifying data)',
          tags,
          querystring: z.strictObject({ figure: z.string().min(1).max(200), year: periodQuery.year, half: periodQuery.half }),
          response: { 200: z.object({ figure: z.string(), count: z.number(), records: z.array(z.object({ ref: z.string(), facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) })) }) },
        },
      },
      async (request) => statistics.explain(signedInOf(request).actor, request.query.figure, request.query),
    );

    app.get(
      '/api/statistics/organisation-texts',
      {
        config: read,
        schema: { summary: "The overview's introduction and contacts per language, with the version to save over", tags, response: { 200: StoredOrganisationTexts } },
      },
      async () => statistics.organisationTexts(),
    );

    app.put(
      '/api/statistics/organisation-texts',
      {
        config: { access: { permission: 'statistics.publish' } },
        schema: {
          summary: "Save the overview's introduction and contacts; refused with 409 (and the saved texts) over a newer version (audited)",
          tags,
          body: z.strictObject({ version: settingVersion, texts: OrganisationTexts }),
          response: { 200: StoredOrganisationTexts },
        },
      },
      async (request) => statistics.updateOrganisationTexts(signedInOf(request).actor, request.body),
    );

    app.get(
      '/api/statistics/trend',
      {
        config: read,
        schema: {
          summary: 'Figures across the years, for the dashboard',
          tags,
          querystring: z.strictObject({ ids: z.string().min(1).max(2000), until: z.coerce.number().int().min(2006).max(2100), threshold: periodQuery.threshold }),
          response: { 200: z.object({ years: z.array(z.object({ year: z.number(), values: z.record(z.string(), z.number().nullable()) })) }) },
        },
      },
      async (request) => ({ years: await statistics.trend(request.query.ids.split(',').slice(0, 20), request.query.until, request.query.threshold) }),
    );
  };
}
