/**
 * Writes an exchange document as an XLSX workbook, streaming: a `format` sheet, then one sheet
 * per record kind with the columns of format.ts in a header row. Lists are `;`-separated text,
 * true/false are boolean cells, everything else (dates too) is text, so that a spreadsheet
 * program does not turn a date or a ref like `007` into a number.
 */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../xlsx/exceljs.js';
import { COLUMNS, EXCHANGE_FORMAT, EXCHANGE_VERSION, type AnyRecord, type Kind } from './format.js';

export const FORMAT_SHEET = 'format';
export const LIST_SEPARATOR = ';';

export interface SheetWriter {
  startKind(kind: Kind): void;
  record(kind: Kind, record: AnyRecord): void;
  endKind(kind: Kind): Promise<void>;
  end(): Promise<void>;
}

export function cellOf(type: 'text' | 'boolean' | 'list', value: unknown): string | boolean | null {
  if (value === undefined || value === null) return null;
  if (type === 'list') return (value as string[]).join(LIST_SEPARATOR);
  if (type === 'boolean') return value as boolean;
  return String(value);
}

export async function xlsxWriter(out: Writable): Promise<SheetWriter> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = 'Suoja';
  const about = workbook.addWorksheet(FORMAT_SHEET);
  about.addRow(['format', EXCHANGE_FORMAT]).commit();
  about.addRow(['version', EXCHANGE_VERSION]).commit();
  about.commit();
  let sheet: ExcelJS.Worksheet | null = null;
  return {
    startKind(kind) {
      sheet = workbook.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow(COLUMNS[kind].map((c) => c.name)).commit();
    },
    record(kind, record) {
      const values = record as unknown as Record<string, unknown>;
      sheet!.addRow(COLUMNS[kind].map((c) => cellOf(c.type, values[c.name]))).commit();
    },
    async endKind() {
      sheet!.commit();
      sheet = null;
    },
    async end() {
      await workbook.commit();
    },
  };
}
