/**
 * Reads an exchange workbook (XLSX): the `format` sheet (optional), then one sheet per record
 * kind whose first row names the columns. Rows are read one at a time.
 *
 * exceljs's streaming reader reads the zip in file order, and when the sheets come before the
 * shared strings (as in most workbooks, its own included) it copies them to temporary files
 * first: identifying data in the clear on disk. So the zip is opened by its directory instead
 * (unzipper) and exceljs's own parsers are fed the parts in the order they need — workbook,
 * relations, shared strings, styles, then each sheet as a stream.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { onFirstUse } from '../on-first-use.js';
import { loadExcel } from '../xlsx/exceljs.js';
import { COLUMNS, EXCHANGE_FORMAT, EXCHANGE_VERSION, emptyRecords, isKind, type ColumnType, type Kind, type RawDocument } from './format.js';
import { excerpt, show, type ProblemList } from './problems.js';
import { FORMAT_SHEET, LIST_SEPARATOR } from './write-xlsx.js';

/** The parts of exceljs's streaming reader this module drives (exceljs 4.4). */
interface ReaderParts {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: SheetReader }>;
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string; Type?: string }[];
}

interface SheetReader {
  [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row>;
}

export class NotAWorkbook extends Error {}

/**
 * The text of a part, decoded across chunk boundaries: exceljs decodes each chunk on its own,
 * which breaks a letter like "ä" whose bytes straddle two chunks, but passes text through.
 */
async function* decoded(stream: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
const textStream = (stream: Readable) => Readable.from(decoded(stream));

/** Where the workbook comes from: a file (read by its directory) or bytes in memory. */
export type WorkbookSource = { path: string } | { buffer: Buffer };

function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * A copy of a string that does not point into the XML text it was cut from: V8 keeps a cut-out
 * string's whole parent alive, and the records would hold the entire sheet.
 */
const detach = (text: string) => (` ${text}`).slice(1);

/** A cell's value as the exchange format reads it. */
export function cellValue(value: ExcelJS.CellValue, type: ColumnType): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const iso = value.toISOString();
    // A date typed into a spreadsheet arrives as midnight UTC; a date and time keeps its time.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  if (typeof value === 'object') {
    if ('richText' in value) return cellValue(value.richText.map((r) => r.text).join(''), type);
    if ('formula' in value || 'sharedFormula' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null, type);
    if ('hyperlink' in value) return cellValue((value as { text?: ExcelJS.CellValue }).text ?? null, type);
    if ('error' in value) return { error: (value as { error: string }).error };
    return value;
  }
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    if (type === 'list') return value.split(LIST_SEPARATOR).map((s) => detach(s.trim())).filter((s) => s !== '');
    if (type === 'boolean') {
      const word = value.trim().toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
    }
    return detach(value);
  }
  if (typeof value === 'number') {
    if (type === 'text') return String(value);
    if (type === 'list') return [String(value)];
    return value;
  }
  return value;
}

/** unzipper, loaded when a workbook is first read. */
const loadUnzipper = onFirstUse(() => import('unzipper'));

async function openWorkbook(source: WorkbookSource) {
  const unzipper = await loadUnzipper();
  try {
    return 'path' in source ? await unzipper.Open.file(source.path) : await unzipper.Open.buffer(source.buffer);
  } catch {
    throw new NotAWorkbook('the file is not an XLSX workbook (it cannot be opened as a zip archive)');
  }
}

export interface XlsxReadOptions {
  onRows?(rows: number): void;
  /** Receives each record as it is read (then the document's lists stay empty), with where it is. */
  onRecord?(kind: Kind, value: unknown, locate: RawDocument['locate']): void;
}

export async function readXlsxDocument(source: WorkbookSource, problems: ProblemList, options: XlsxReadOptions = {}): Promise<RawDocument> {
  const directory = await openWorkbook(source);
  const part = (path: string) => directory.files.find((f) => f.path === path);
  const workbookPart = part('xl/workbook.xml');
  const relsPart = part('xl/_rels/workbook.xml.rels');
  if (!workbookPart || !relsPart) throw new NotAWorkbook('the file is not an XLSX workbook (it has no xl/workbook.xml)');

  const ExcelJS = await loadExcel();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as unknown as string, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderParts;
  await reader._parseRels(textStream(relsPart.stream()));
  await reader._parseWorkbook(textStream(workbookPart.stream()));
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(textStream(strings.stream())));
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(textStream(styles.stream()));

  const doc: RawDocument = { format: undefined, version: undefined, records: emptyRecords() };
  const rowsOf = {} as Record<Kind, number[]>;
  const lettersOf = {} as Record<Kind, Map<string, string>>;
  doc.locate = (kind, index, field) => {
    const row = rowsOf[kind]?.[index];
    if (row === undefined) return undefined;
    const letter = field === undefined ? undefined : lettersOf[kind]?.get(field);
    return letter ? `${kind}!${letter}${row}` : `${kind}!${row}:${row}`;
  };

  let rowsRead = 0;
  let sawFormat = false;
  for (const sheet of reader.model?.sheets ?? []) {
    const rel = reader.workbookRels?.find((r) => r.Id === sheet.rId);
    const target = rel?.Target.replace(/^\/?(xl\/)?/, '');
    const number = target && /^worksheets\/sheet(\d+)\.xml$/.exec(target)?.[1];
    const entry = target ? part(`xl/${target}`) : undefined;
    const name = sheet.name;
    if (!entry || !number) {
      problems.add({ path: name, code: 'unreadable_sheet', message: `sheet "${name}" cannot be read`, value: name });
      continue;
    }
    if (name !== FORMAT_SHEET && !isKind(name)) {
      problems.add({ path: name, code: 'unknown_sheet', message: `unknown sheet "${name}": the sheets are ${FORMAT_SHEET} and ${Object.keys(COLUMNS).join(', ')}`, value: name });
      continue;
    }
    const [emitted] = [...reader._parseWorksheet(decoded(entry.stream()), number)];
    if (!emitted) continue;
    const rows = emitted.value;

    if (name === FORMAT_SHEET) {
      sawFormat = true;
      for await (const row of rows) {
        const key = cellValue(row.getCell(1).value, 'text');
        const value = row.getCell(2).value;
        if (key === 'format') doc.format = cellValue(value, 'text');
        else if (key === 'version') doc.version = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : cellValue(value, 'boolean');
      }
      continue;
    }

    const kind: Kind = name;
    const columns = new Map(COLUMNS[kind].map((c) => [c.name, c]));
    let header: ({ name: string; type: ColumnType } | null)[] | null = null;
    const letters = new Map<string, string>();
    lettersOf[kind] = letters;
    rowsOf[kind] = rowsOf[kind] ?? [];
    for await (const row of rows) {
      rowsRead += 1;
      if (rowsRead % 1000 === 0) options.onRows?.(rowsRead);
      const cells: [number, ExcelJS.CellValue][] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => cells.push([col, cell.value]));
      if (cells.every(([, v]) => cellValue(v, 'text') === undefined)) continue;
      if (!header) {
        header = [];
        const named = new Set<string>();
        for (const [col, value] of cells) {
          const title = cellValue(value, 'text');
          const at = `${kind}!${columnLetter(col)}${row.number}`;
          if (typeof title !== 'string') continue;
          const column = columns.get(title.trim());
          if (!column) {
            problems.add({ path: kind, code: 'unknown_column', message: `unknown column ${show(title)}: the columns of ${kind} are ${[...columns.keys()].join(', ')}`, value: excerpt(title), cell: at });
            continue;
          }
          if (named.has(column.name)) {
            problems.add({ path: kind, code: 'duplicate_column', message: `column ${show(column.name)} appears twice`, value: column.name, cell: at });
            continue;
          }
          named.add(column.name);
          header[col] = { name: column.name, type: column.type };
          letters.set(column.name, columnLetter(col));
        }
        continue;
      }
      const record: Record<string, unknown> = {};
      for (const [col, value] of cells) {
        const column = header[col];
        if (!column) {
          const v = cellValue(value, 'text');
          if (v !== undefined) {
            problems.add({ path: `${kind}[${rowsOf[kind].length}]`, code: 'unknown_column', message: `a value in a column without a known title: ${show(v)}`, value: excerpt(v), cell: `${kind}!${columnLetter(col)}${row.number}` });
          }
          continue;
        }
        const v = cellValue(value, column.type);
        if (v !== undefined) record[column.name] = v;
      }
      rowsOf[kind].push(row.number);
      if (options.onRecord) options.onRecord(kind, record, doc.locate);
      else doc.records[kind].push(record);
    }
  }
  if (!sawFormat) {
    // A workbook kept by hand may leave the format sheet out: it is read as version 1.
    doc.format = EXCHANGE_FORMAT;
    doc.version = EXCHANGE_VERSION;
  }
  options.onRows?.(rowsRead);
  return doc;
}
