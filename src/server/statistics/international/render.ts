import { stringify } from 'csv-stringify/sync';
import { loadExcel } from '../../xlsx/exceljs.js';
import { CTDC_COLUMNS, type CtdcExport } from './ctdc.js';
import type { EuTables } from './eu-tables.js';

/**
 * International exports are read by programs of other organisations: English codes, comma
 * delimiters (RFC 4180), no byte order mark. CTDC marks a missing or suppressed value -99 and
 * flags as 1/0; Eurostat marks a confidential cell with ':' in its tables.
 */
export const INTERNATIONAL_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type InternationalFormat = (typeof INTERNATIONAL_FORMATS)[number];

const CTDC_MISSING = '-99';
const EU_CONFIDENTIAL = ':';

function ctdcValue(value: string | number | boolean | null): string | number {
  if (value === null) return CTDC_MISSING;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function euLines(tables: EuTables): (string | number)[][] {
  const lines: (string | number)[][] = [['table', 'sex', 'category', 'value']];
  for (const t of tables.tables) {
    const cell = (c: { value: number | null }) => (c.value === null ? EU_CONFIDENTIAL : c.value);
    t.rows.forEach((sex, i) => {
      t.columns.forEach((column, j) => lines.push([t.id, sex, column, cell(t.table.cells[i]![j]!)]));
      lines.push([t.id, sex, 'total', cell(t.table.rowTotals[i]!)]);
    });
    t.columns.forEach((column, j) => lines.push([t.id, 'total', column, cell(t.table.columnTotals[j]!)]));
    lines.push([t.id, 'total', 'total', cell(t.table.total)]);
  }
  return lines;
}

export function ctdcCsv(data: CtdcExport): string {
  return stringify([[...CTDC_COLUMNS], ...data.records.map((r) => CTDC_COLUMNS.map((c) => ctdcValue(r[c])))]);
}

export function euTablesCsv(tables: EuTables): string {
  return stringify(euLines(tables));
}

export async function ctdcXlsx(data: CtdcExport): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('ctdc');
  sheet.addRow([...CTDC_COLUMNS]);
  for (const r of data.records) sheet.addRow(CTDC_COLUMNS.map((c) => ctdcValue(r[c])));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function euTablesXlsx(tables: EuTables): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  for (const t of tables.tables) {
    const sheet = workbook.addWorksheet(t.id);
    const cell = (c: { value: number | null }) => (c.value === null ? EU_CONFIDENTIAL : c.value);
    sheet.addRow(['sex', ...t.columns, 'total']);
    t.rows.forEach((sex, i) => sheet.addRow([sex, ...t.table.cells[i]!.map(cell), cell(t.table.rowTotals[i]!)]));
    sheet.addRow(['total', ...t.table.columnTotals.map(cell), cell(t.table.total)]);
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The export in the format asked for, with its media type and file name. */
export async function renderInternational(data: EuTables | CtdcExport, format: InternationalFormat): Promise<{ body: Buffer; type: string; extension: string }> {
  if (format === 'json') return { body: Buffer.from(`${JSON.stringify(data, null, 2)}\n`), type: 'application/json', extension: 'json' };
  if (format === 'csv') return { body: Buffer.from(data.standard === 'ctdc' ? ctdcCsv(data) : euTablesCsv(data)), type: 'text/csv; charset=utf-8', extension: 'csv' };
  return {
    body: data.standard === 'ctdc' ? await ctdcXlsx(data) : await euTablesXlsx(data),
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  };
}
