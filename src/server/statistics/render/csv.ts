/**
 * One open-data table as CSV for spreadsheets and programs.
 *
 * - UTF-8 with a byte order mark, so that Excel reads å ä ö right; CRLF line ends (RFC 4180).
 * - Semicolon as the delimiter by default: Excel with Finnish or Swedish regional settings
 *   splits on semicolons (the decimal separator there is the comma). `delimiter: ','` gives
 *   the RFC 4180 default.
 * - The first line is the header; counts are plain integers without thousands separators.
 * - A suppressed count is an empty cell, so that a count column stays numeric; a last column
 *   holds the footnotes of each row: the suppression note on every row with an empty count,
 *   a note about one row on that row, and notes about the whole table on the first row.
 */
import { stringify } from 'csv-stringify/sync';
import { RENDER_STRINGS } from './strings.js';
import type { OpenDataTable } from './tables.js';

export interface CsvOptions {
  delimiter?: ';' | ',';
}

export function renderCsv(table: OpenDataTable, options: CsvOptions = {}): string {
  const rowNoted = new Set(Object.values(table.rowNotes ?? {}).flat());
  const tableNotes = table.footnotes.map((_, i) => i).filter((i) => i !== table.suppressionNote && !rowNoted.has(i));
  const withNotes = table.footnotes.length > 0;
  const records = table.rows.map((row, r) => {
    const cells = row.map((v) => (v === null ? '' : v));
    if (!withNotes) return cells;
    const notes = [
      ...(r === 0 ? tableNotes : []),
      ...(table.rowNotes?.[r] ?? []),
      ...(table.suppressionNote !== undefined && row.includes(null) ? [table.suppressionNote] : []),
    ];
    return [...cells, notes.map((i) => table.footnotes[i]).join(' ')];
  });
  const header = withNotes ? [...table.columns, RENDER_STRINGS[table.lang].footnoteColumn] : table.columns;
  return stringify([header, ...records], { bom: true, delimiter: options.delimiter ?? ';', record_delimiter: 'windows' });
}
