import { ctdcExport } from '../../statistics/international/ctdc.js';
import { computeEuTables } from '../../statistics/international/eu-tables.js';
import { renderInternational, type InternationalFormat } from '../../statistics/international/render.js';
import { LANGUAGES, type Language } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import { appendAudit } from '../../audit/audit.js';
import type { AppContext } from '../../context.js';
import { withTransaction, type Executor } from '../../db/transaction.js';
import { NotFound, ValidationFailed } from '../../http/errors.js';
import { disclosureCheck } from '../../statistics/disclosure.js';
import { buildReport, computeFigures, type FigureSet } from '../../statistics/figures.js';
import { FIRST_YEAR, periodOf } from '../../statistics/period.js';
import { getSetting, SETTINGS, type SettingValue } from '../settings/settings.js';
import { StaleVersion } from '../users/users.service.js';
import { explainFigure } from './explain.js';
import { renderLiveOverview, renderOverview, type DocumentFormat } from '../../statistics/render/document.js';

const ORGANISATION_KEY = 'overview.organisation';
export type OrganisationTexts = SettingValue<typeof ORGANISATION_KEY>;

export interface StoredOrganisationTexts {
  texts: OrganisationTexts;
  /** 0 while nothing has been saved: the defaults are shown. */
  version: number;
  updatedAt: Date | null;
}

async function loadOrganisationTexts(db: Executor, lock = false): Promise<StoredOrganisationTexts> {
  let query = db.selectFrom('appSetting').select(['value', 'version', 'updatedAt']).where('key', '=', ORGANISATION_KEY);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  const parsed = row ? SETTINGS[ORGANISATION_KEY].schema.safeParse(row.value) : null;
  return { texts: parsed?.success ? parsed.data : SETTINGS[ORGANISATION_KEY].default, version: row?.version ?? 0, updatedAt: row?.updatedAt ?? null };
}

/** Which parts changed, as `sv.introduction` or `fi.contacts`: never the texts themselves. */
function changedOrganisationParts(before: OrganisationTexts, after: OrganisationTexts): string[] {
  // Contacts as value lists: the same contact compares equal whatever the order of its keys.
  const contacts = (texts: OrganisationTexts[Language]) => JSON.stringify(texts.contacts.map((c) => [c.name, c.title, c.phone, c.email]));
  return LANGUAGES.flatMap((lang) => [
    ...(JSON.stringify(before[lang].introduction) !== JSON.stringify(after[lang].introduction) ? [`${lang}.introduction`] : []),
    ...(contacts(before[lang]) !== contacts(after[lang]) ? [`${lang}.contacts`] : []),
  ]);
}

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

    /** The overview's introduction and contacts per language, with the version to save over. */
    organisationTexts: () => loadOrganisationTexts(db),

    /**
     * Saves the organisation texts over the version the statistician read; a newer one is a
     * conflict that carries the saved texts. Releases keep their own frozen copy.
     */
    async updateOrganisationTexts(actor: Actor, input: { version: number; texts: OrganisationTexts }): Promise<StoredOrganisationTexts> {
      return withTransaction(db, async (tx) => {
        const before = await loadOrganisationTexts(tx, true);
        if (before.version !== input.version) throw new StaleVersion(before);
        const changed = changedOrganisationParts(before.texts, input.texts);
        if (changed.length === 0) return before;
        const value = JSON.stringify(SETTINGS[ORGANISATION_KEY].schema.parse(input.texts));
        const saved =
          before.version === 0
            ? await tx
                .insertInto('appSetting')
                .values({ key: ORGANISATION_KEY, value, updatedBy: actor.userId, updatedAt: now(), version: 1 })
                .onConflict((oc) => oc.column('key').doNothing())
                .returning('key')
                .executeTakeFirst()
            : await tx
                .updateTable('appSetting')
                .set({ value, updatedBy: actor.userId, updatedAt: now(), version: before.version + 1 })
                .where('key', '=', ORGANISATION_KEY)
                .where('version', '=', before.version)
                .returning('key')
                .executeTakeFirst();
        if (!saved) throw new StaleVersion(await loadOrganisationTexts(tx));
        await appendAudit(tx, actor, { action: 'statistics.organisation_texts.update', objectType: 'app_setting', objectIds: [ORGANISATION_KEY], details: { changed } }, now());
        return loadOrganisationTexts(tx);
      });
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
