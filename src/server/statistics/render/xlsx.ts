/**
 * The open-data tables as one Excel workbook: a sheet per table with its title, a bold header
 * row, the counts as numbers, suppressed counts as "..", and the footnotes under the table.
 * ".." is the symbol official statistics in Finland use for a figure that is confidential.
 */
import type { Language } from '../../../domain/codes.js';
import { loadExcel } from '../../xlsx/exceljs.js';
import { COLOURS } from './charts.js';
import { RENDER_STRINGS } from './strings.js';
import type { OpenDataTable } from './tables.js';

export const SUPPRESSED_MARK = '..';
const HEADER_ROW = 3;

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(title: string, used: Set<string>): string {
  const clean = title.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim() || 'Table';
  const fit = (text: string, room: number) => (text.length <= room ? text : `${text.slice(0, room - 1).trimEnd()}…`);
  let name = fit(clean, 31);
  for (let n = 2; used.has(name.toLocaleLowerCase()); n++) name = `${fit(clean, 31 - ` (${n})`.length)} (${n})`;
  used.add(name.toLocaleLowerCase());
  return name;
}

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

export async function renderXlsx(tables: OpenDataTable[], lang: Language): Promise<Buffer> {
  const s = RENDER_STRINGS[lang];
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Suoja';
  // dc:language of the document properties; exceljs writes it but does not declare it.
  Object.assign(workbook, { language: lang });
  const used = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, used), {
      views: [{ state: 'frozen', ySplit: HEADER_ROW }],
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const title = sheet.getCell(1, 1);
    title.value = table.title;
    title.font = { bold: true, size: 13, color: { argb: argb(COLOURS.brand) } };

    const header = sheet.getRow(HEADER_ROW);
    header.values = table.columns;
    header.font = { bold: true };
    header.eachCell((cell, column) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(COLOURS.highlightLight) } };
      cell.border = { bottom: { style: 'medium', color: { argb: argb(COLOURS.brand) } } };
      cell.alignment = { horizontal: column === 1 ? 'left' : 'right', vertical: 'top', wrapText: true };
    });

    table.rows.forEach((values, r) => {
      const row = sheet.getRow(HEADER_ROW + 1 + r);
      values.forEach((value, c) => {
        const cell = row.getCell(c + 1);
        if (value === null) {
          cell.value = SUPPRESSED_MARK;
          cell.alignment = { horizontal: 'right' };
        } else {
          cell.value = value;
          if (typeof value === 'number') cell.numFmt = '#,##0';
        }
      });
      // The last row of every table is its total.
      if (r === table.rows.length - 1) {
        row.font = { bold: true };
        row.eachCell((cell) => (cell.border = { top: { style: 'thin', color: { argb: argb(COLOURS.brand) } } }));
      }
    });

    let line = HEADER_ROW + table.rows.length + 2;
    if (table.footnotes.length > 0) {
      sheet.getCell(line++, 1).value = s.footnotes;
      sheet.getCell(line - 1, 1).font = { bold: true, size: 9 };
    }
    table.footnotes.forEach((note, i) => {
      const cell = sheet.getCell(line++, 1);
      cell.value = i === table.suppressionNote ? `${SUPPRESSED_MARK} ${note}` : note;
      cell.font = { size: 9, color: { argb: argb(COLOURS.muted) } };
    });

    const labelWidth = Math.max(12, ...table.rows.map((row) => String(row[0] ?? '').length), String(table.columns[0] ?? '').length);
    sheet.getColumn(1).width = Math.min(48, labelWidth + 2);
    for (let c = 2; c <= table.columns.length; c++) sheet.getColumn(c).width = Math.max(12, String(table.columns[c - 1] ?? '').length + 2);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
