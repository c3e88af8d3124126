import type { Language } from '../../../domain/codes.js';
import type { Executor } from '../../db/transaction.js';
import { getSetting } from '../../modules/settings/settings.js';
import type { OrganisationTexts } from '../../modules/settings/overview-defaults.js';
import { buildReport, type FigureSet, type OverviewReport } from '../figures.js';
import { buildOverview } from '../overview/document.js';
import type { Period } from '../period.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderPdf } from './pdf.js';
import { overviewTables } from './tables.js';
import { renderXlsx } from './xlsx.js';

export const DOCUMENT_FORMATS = ['json', 'pdf', 'html', 'xlsx', 'csv'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * One overview in one language and format, from figures already computed (live or frozen in a
 * release): the same path for `suoja report`, previews and published releases.
 */
export async function renderOverview(
  report: Pick<OverviewReport, 'period' | 'threshold' | 'dataHash'> & { figures: FigureSet },
  lang: Language,
  format: DocumentFormat,
  organisation: Record<Language, OrganisationTexts>,
): Promise<RenderedDocument> {
  const { year, half } = report.period;
  const base = `suoja-overview-${year}${half ? '-h1' : ''}-${lang}`;
  if (format === 'json') {
    return { body: Buffer.from(`${JSON.stringify({ report: 'overview', ...report }, null, 2)}\n`), contentType: CONTENT_TYPES.json, fileName: `${base}.json` };
  }
  const doc = buildOverview({ figures: report.figures, year, ...(half ? { half } : {}), threshold: report.threshold, lang, organisation: organisation[lang] });
  if (format === 'html') return { body: Buffer.from(await renderHtml(doc)), contentType: CONTENT_TYPES.html, fileName: `${base}.html` };
  if (format === 'pdf') return { body: await renderPdf(doc), contentType: CONTENT_TYPES.pdf, fileName: `${base}.pdf` };
  const tables = overviewTables(doc, report.figures, report.threshold);
  if (format === 'xlsx') return { body: await renderXlsx(tables, lang), contentType: CONTENT_TYPES.xlsx, fileName: `${base}.xlsx` };
  // One file with every table, each under its title, separated by a blank line.
  const csv = tables.map((t) => `${t.title}\n${renderCsv(t).replace(/^\uFEFF/, '')}`).join('\n');
  return { body: Buffer.from(`\uFEFF${csv}`), contentType: CONTENT_TYPES.csv, fileName: `${base}.csv` };
}

/** The live overview of a period, rendered. */
export async function renderLiveOverview(db: Executor, period: Period, threshold: number, lang: Language, format: DocumentFormat): Promise<RenderedDocument> {
  const report = await buildReport(db, period, threshold);
  return renderOverview(report, lang, format, await getSetting(db, 'overview.organisation'));
}
