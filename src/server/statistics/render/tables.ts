/**
 * The overview's numbers as open-data tables (XLSX and CSV): one per chart — the stacked chart
 * as a two-way table with its totals — and the stock of clients by category, which the
 * overview gives only in its text.
 *
 * Disclosure control (statistics.md §2): counts from 1 to T−1 are suppressed, and so are as
 * many further counts as it takes that no suppressed count can be worked out from the totals
 * (`suppressTable`). A one-way table is the two-way case with a single column: its total row
 * is published, so a lone small count is protected by suppressing the next smallest one.
 */
import { codeLabel, type Language } from '../../../domain/codes.js';
import { checkThreshold, suppressTable, type TableCell } from '../disclosure.js';
import { breakdown, type ChartSpec, type OverviewDocument } from '../overview/document.js';
import { capitalise, type Figures } from '../overview/format.js';
import { OVERVIEW_TEXTS } from '../overview/texts.js';
import { dimensionOf, RENDER_STRINGS } from './strings.js';

/** A count, a label, or null for a suppressed count. */
export type TableValue = string | number | null;

export interface OpenDataTable {
  id: string;
  title: string;
  lang: Language;
  columns: string[];
  rows: TableValue[][];
  footnotes: string[];
  /** Index in `footnotes` of the note on suppressed cells, when the table has any. */
  suppressionNote?: number;
  /** Footnotes (indices) about one row rather than the whole table, by row index. */
  rowNotes?: Record<number, number[]>;
}

const valueOf = (cell: TableCell): number | null => (cell.suppressed ? null : cell.value);

export function overviewTables(doc: OverviewDocument, figures: Figures, threshold: number): OpenDataTable[] {
  checkThreshold(threshold);
  const tables: OpenDataTable[] = [];
  for (const section of doc.sections) {
    for (const spec of section.charts) tables.push(spec.kind === 'stacked' ? twoWay(doc.lang, spec, threshold) : oneWay(doc.lang, spec, figures, threshold));
  }
  const stock = stockTable(doc, figures, threshold);
  if (stock) tables.push(stock);
  return tables;
}

function withSuppressionNote(table: OpenDataTable, threshold: number): OpenDataTable {
  if (!table.rows.some((row) => row.includes(null))) return table;
  table.footnotes.push(RENDER_STRINGS[table.lang].suppressedNote(threshold));
  table.suppressionNote = table.footnotes.length - 1;
  return table;
}

/** Categories with one count each, and their total. */
function oneWayTable(lang: Language, id: string, title: string, labels: string[], values: number[], threshold: number): OpenDataTable {
  const s = RENDER_STRINGS[lang];
  const suppressed = suppressTable({ cells: values.map((v) => [v]) }, threshold);
  return withSuppressionNote(
    {
      id,
      title,
      lang,
      columns: [dimensionOf(lang, id), s.count],
      rows: [...labels.map((label, i) => [label, valueOf(suppressed.cells[i]![0]!)]), [s.total, suppressed.columnTotals[0] ? valueOf(suppressed.columnTotals[0]) : 0]],
      footnotes: [],
    },
    threshold,
  );
}

function oneWay(lang: Language, spec: ChartSpec, figures: Figures, threshold: number): OpenDataTable {
  const labels = spec.categories.map(capitalise);
  const table = oneWayTable(lang, spec.id, spec.title, labels, spec.series[0]?.values ?? [], threshold);
  // The grouped nationalities: say how many there are and under what size.
  const otherLabel = OVERVIEW_TEXTS[lang].otherCountries;
  const otherRow = labels.indexOf(capitalise(otherLabel));
  if (spec.id === 'newClientsByNationality' && otherRow >= 0) {
    const members = figures['newClients.byNationality.other']?.members;
    table.footnotes.unshift(RENDER_STRINGS[lang].otherCountriesNote(capitalise(otherLabel), members, threshold));
    if (table.suppressionNote !== undefined) table.suppressionNote += 1;
    table.rowNotes = { [otherRow]: [0] };
  }
  return table;
}

/** Categories × series with row totals, column totals and the grand total. */
function twoWay(lang: Language, spec: ChartSpec, threshold: number): OpenDataTable {
  const s = RENDER_STRINGS[lang];
  const cells = spec.categories.map((_, i) => spec.series.map((series) => series.values[i] ?? 0));
  const t = suppressTable({ cells }, threshold);
  return withSuppressionNote(
    {
      id: spec.id,
      title: spec.title,
      lang,
      columns: [dimensionOf(lang, spec.id), ...spec.series.map((series) => capitalise(series.name)), s.total],
      rows: [
        ...spec.categories.map((category, i) => [capitalise(category), ...t.cells[i]!.map(valueOf), valueOf(t.rowTotals[i]!)]),
        [s.total, ...t.columnTotals.map(valueOf), valueOf(t.total)],
      ],
      footnotes: [],
    },
    threshold,
  );
}

function stockTable(doc: OverviewDocument, figures: Figures, threshold: number): OpenDataTable | null {
  const categories = breakdown(figures, 'stock.byCategory');
  const section = doc.sections.find((x) => x.id === 'stock');
  if (categories.length === 0 || !section) return null;
  return oneWayTable(
    doc.lang,
    'stockByCategory',
    RENDER_STRINGS[doc.lang].stockByCategory(section.heading),
    categories.map((c) => capitalise(codeLabel('clientCategory', c.code, doc.lang))),
    categories.map((c) => c.value),
    threshold,
  );
}
