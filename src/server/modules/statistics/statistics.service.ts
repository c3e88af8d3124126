import { ctdcExport } from '../../statistics/international/ctdc.js';
import { computeEuTables } from '../../statistics/international/eu-tables.js';
import { renderInternational, type InternationalFormat } from '../../statistics/international/render.js';
import type { Language } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { NotFound, ValidationFailed } from '../../http/errors.js';
import { disclosureCheck } from '../../statistics/disclosure.js';
import { buildReport, computeFigures, type FigureSet } from '../../statistics/figures.js';
import { FIRST_YEAR, periodOf } from '../../statistics/period.js';
import { getSetting } from '../settings/settings.js';
import { explainFigure } from './explain.js';
import { renderLiveOverview, renderOverview, type DocumentFormat } from '../../statistics/render/document.js';

export interface PeriodQuery {
  year: number;
  half?: 1;
  threshold: number;
}

/** Producing, checking and publishing the overview; every figure comes from the catalogue. */
export function createStatisticsService(ctx: AppContext) {
  const { db } = ctx.database;
  const now = () => ctx.clock.now();

  return {
    /** The figures of a period with the disclosure check: every published count below T. */
    async preview(q: PeriodQuery) {
      const report = await buildReport(db, periodOf(q.year, q.half), q.threshold);
      return { ...report, smallCounts: disclosureCheck(report.figures, q.threshold) };
    },

    /**
     * Freezes a release: figures, threshold, languages, data hash and the organisation texts as
     * they are now. Every count below the threshold must have been confirmed by the statistician.
     */
    async publish(actor: Actor, q: PeriodQuery & { languages: Language[]; confirmedSmallCounts: string[] }) {
      if (q.threshold < 1) throw new ValidationFailed([{ field: 'threshold', code: 'threshold_internal_only' }]);
      const report = await buildReport(db, periodOf(q.year, q.half), q.threshold);
      const small = disclosureCheck(report.figures, q.threshold).map((s) => s.id);
      const unconfirmed = small.filter((id) => !q.confirmedSmallCounts.includes(id));
      if (unconfirmed.length > 0) throw new ValidationFailed([{ field: 'confirmedSmallCounts', code: 'small_counts_unconfirmed', params: { ids: unconfirmed.join(', ') } }]);
      const organisation = await getSetting(db, 'overview.organisation');
      return withTransaction(db, async (tx) => {
        const row = await tx
          .insertInto('statisticsRelease')
          .values({
            year: q.year,
            half: q.half ?? null,
            threshold: q.threshold,
            languages: [...new Set(q.languages)],
            dataHash: report.dataHash,
            figures: JSON.stringify(report.figures),
            organisation: JSON.stringify(organisation),
            confirmedSmallCounts: small,
            publishedAt: now(),
            publishedBy: actor.userId!,
          })
          .returning(['id', 'publishedAt'])
          .executeTakeFirstOrThrow();
        await appendAudit(tx, actor, { action: 'statistics.publish', objectType: 'statistics_release', objectIds: [row.id], details: { year: q.year, half: q.half ?? null, threshold: q.threshold, dataHash: report.dataHash } }, now());
        return { id: row.id, publishedAt: row.publishedAt, dataHash: report.dataHash };
      });
    },

    async releases() {
      return db
        .selectFrom('statisticsRelease as r')
        .innerJoin('staffUser as u', 'u.id', 'r.publishedBy')
        .select(['r.id', 'r.year', 'r.half', 'r.threshold', 'r.languages', 'r.dataHash', 'r.publishedAt', 'u.name as publishedByName'])
        .orderBy('r.year', 'desc')
        .orderBy('r.publishedAt', 'desc')
        .execute();
    },

    async release(id: string) {
      const row = await db.selectFrom('statisticsRelease').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new NotFound();
      return { ...row, figures: row.figures as FigureSet };
    },

    /** Does the data behind a release still hash the same? (It differs after corrections or erasure.) */
    async compareWithData(id: string) {
      const release = await this.release(id);
      const current = await buildReport(db, periodOf(release.year, release.half === 1 ? 1 : undefined), release.threshold);
      const changed = Object.keys({ ...release.figures, ...current.figures }).filter((k) => (release.figures[k]?.value ?? null) !== (current.figures[k]?.value ?? null));
      return { releaseHash: release.dataHash, currentHash: current.dataHash, sameData: release.dataHash === current.dataHash, changedFigures: changed.sort() };
    },

    /** "Explain this figure": the pseudonymous references of the records behind it; audited. */
    async explain(actor: Actor, figure: string, q: { year: number; half?: 1 }) {
      const records = await explainFigure(db, figure, periodOf(q.year, q.half));
      if (!records) throw new ValidationFailed([{ field: 'figure', code: 'not_explainable' }]);
      await withTransaction(db, (tx) =>
        appendAudit(tx, actor, { action: 'statistics.explain', objectType: 'person', objectIds: [...new Set(records.map((r) => r.personId))], details: { figure, year: q.year, half: q.half ?? null } }, now()),
      );
      return { figure, count: records.length, records: records.map(({ ref, facts }) => ({ ref, facts })) };
    },

    /** A preview or a release as a document; every download is in the audit trail. */
    async document(actor: Actor, source: { period: PeriodQuery } | { releaseId: string }, lang: Language, format: DocumentFormat) {
      let rendered;
      if ('releaseId' in source) {
        const r = await this.release(source.releaseId);
        const period = periodOf(r.year, r.half === 1 ? 1 : undefined);
        rendered = await renderOverview(
          { period: { year: r.year, ...(r.half === 1 ? { half: 1 as const } : {}), from: period.from, to: period.to }, threshold: r.threshold, dataHash: r.dataHash, figures: r.figures },
          lang,
          format,
          r.organisation as Awaited<ReturnType<typeof getSetting<'overview.organisation'>>>,
        );
      } else {
        rendered = await renderLiveOverview(db, periodOf(source.period.year, source.period.half), source.period.threshold, lang, format);
      }
      await withTransaction(db, (tx) =>
        appendAudit(tx, actor, { action: 'statistics.export', objectType: 'statistics_release', objectIds: 'releaseId' in source ? [source.releaseId] : [], details: { lang, format, ...('period' in source ? source.period : {}) } }, now()),
      );
      return rendered;
    },

    /** The EU data-collection tables or CTDC microdata of a year, for international reporting (audited). */
    async international(actor: Actor, standard: 'eu' | 'ctdc', year: number, format: InternationalFormat, options: { threshold: number; k: number }) {
      const period = periodOf(year);
      const data = standard === 'eu' ? await computeEuTables(db, period, options.threshold) : await ctdcExport(db, period, options.k);
      const rendered = await renderInternational(data, format);
      await withTransaction(db, (tx) =>
        appendAudit(tx, actor, { action: 'statistics.international_export', details: { standard, year, format, ...(standard === 'eu' ? { threshold: options.threshold } : { k: options.k }) } }, now()),
      );
      return { ...rendered, fileName: `${standard === 'eu' ? 'eu-thb-tables' : 'ctdc-microdata'}-${year}.${rendered.extension}` };
    },

    /** One figure's value in every year from the first to `until`: the dashboard's trend lines. */
    async trend(ids: string[], until: number, threshold: number) {
      const years: { year: number; values: Record<string, number | null> }[] = [];
      for (let year = FIRST_YEAR; year <= until; year++) {
        const figures = await computeFigures(db, periodOf(year), { threshold });
        years.push({ year, values: Object.fromEntries(ids.map((id) => [id, figures[id]?.value ?? 0])) });
      }
      return years;
    },
  };
}

export type StatisticsService = ReturnType<typeof createStatisticsService>;
