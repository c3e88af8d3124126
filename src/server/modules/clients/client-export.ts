import { stringify } from 'csv-stringify/sync';
import { codeLabel, countryName, type Language } from '../../../domain/codes.js';
import type { Actor } from '../../access/actor.js';
import type { Scope } from '../../access/permissions.js';
import { appendAudit } from '../../audit/audit.js';
import { officeDate } from '../../clock.js';
import type { AppContext } from '../../context.js';
import { withTransaction } from '../../db/transaction.js';
import { ValidationFailed } from '../../http/errors.js';
import { loadExcel } from '../../xlsx/exceljs.js';
import { matchClients, presentListItem, type ClientFilters } from './client-search.js';

/** Rows in one export, at most: a larger list is narrowed with the filters first. */
export const CLIENT_EXPORT_MAX_ROWS = 5000;

export type ExportFormat = 'csv' | 'xlsx';

const COLUMNS = ['number', 'givenNames', 'familyName', 'birthYear', 'gender', 'nationalities', 'category', 'office', 'caseworker', 'startDate', 'endDate'] as const;
type Column = (typeof COLUMNS)[number];

const HEADERS: Record<Language, Record<Column, string> & { sheet: string }> = {
  fi: {
    sheet: 'Asiakkaat',
    number: 'Asiakasnumero',
    givenNames: 'Etunimet (peitetty)',
    familyName: 'Sukunimi (peitetty)',
    birthYear: 'Syntymävuosi',
    gender: 'Sukupuoli',
    nationalities: 'Kansalaisuudet',
    category: 'Asiakasryhmä',
    office: 'Toimipiste',
    caseworker: 'Vastuutyöntekijä',
    startDate: 'Asiakkuus alkoi',
    endDate: 'Asiakkuus päättyi',
  },
  sv: {
    sheet: 'Klienter',
    number: 'Klientnummer',
    givenNames: 'Förnamn (maskerade)',
    familyName: 'Efternamn (maskerat)',
    birthYear: 'Födelseår',
    gender: 'Kön',
    nationalities: 'Medborgarskap',
    category: 'Klientkategori',
    office: 'Verksamhetsställe',
    caseworker: 'Ansvarig handläggare',
    startDate: 'Klientskapet började',
    endDate: 'Klientskapet upphörde',
  },
  en: {
    sheet: 'Clients',
    number: 'Client number',
    givenNames: 'Given names (masked)',
    familyName: 'Family name (masked)',
    birthYear: 'Birth year',
    gender: 'Gender',
    nationalities: 'Nationalities',
    category: 'Client category',
    office: 'Office',
    caseworker: 'Responsible caseworker',
    startDate: 'Clientship started',
    endDate: 'Clientship ended',
  },
};

type Cell = string | number | null;

/**
 * The client list as a file for those who may export it (`clients.export`): the same filters
 * and scope as the list on screen, names masked, codes named in the chosen language. Every
 * export is audited with the ids it contains.
 */
export async function exportClients(ctx: AppContext, actor: Actor, scope: Scope, filters: ClientFilters, format: ExportFormat, language: Language) {
  const { db } = ctx.database;
  const matched = await matchClients(ctx, actor, scope, filters, { offset: 0, limit: CLIENT_EXPORT_MAX_ROWS + 1 }, CLIENT_EXPORT_MAX_ROWS);
  if (matched.totalCapped || matched.total > CLIENT_EXPORT_MAX_ROWS) {
    throw new ValidationFailed([{ field: 'request', code: 'export_too_large', params: { count: matched.totalCapped ? `${CLIENT_EXPORT_MAX_ROWS}+` : matched.total, max: CLIENT_EXPORT_MAX_ROWS } }]);
  }
  const clients = matched.rows.map((r) => presentListItem(ctx, r));
  const offices = new Map((await db.selectFrom('office').select(['code', 'nameFi', 'nameSv', 'nameEn']).execute()).map((o) => [o.code, { fi: o.nameFi, sv: o.nameSv, en: o.nameEn }[language]]));
  const header = HEADERS[language];
  const rows: Cell[][] = clients.map((c) => [
    c.number,
    c.masked.givenNames,
    c.masked.familyName,
    c.birthYear,
    codeLabel('gender', c.gender, language),
    c.nationalities.map((n) => countryName(n, language)).join(', '),
    codeLabel('clientCategory', c.category, language),
    offices.get(c.officeCode) ?? c.officeCode,
    c.caseworker?.name ?? null,
    c.startDate,
    c.endDate,
  ]);

  const now = ctx.clock.now();
  await withTransaction(db, (tx) =>
    appendAudit(
      tx,
      actor,
      {
        action: 'client.export',
        objectType: 'person',
        objectIds: clients.map((c) => c.id),
        // Which filters were used, never what was typed: a name searched for is identifying.
        details: {
          count: clients.length,
          format,
          byName: matched.byName,
          byNumber: matched.byNumber,
          filters: Object.fromEntries(Object.entries({ office: filters.office, caseworkerId: filters.caseworkerId, status: filters.status, category: filters.category, nationality: filters.nationality, birthYear: filters.birthYear }).filter(([, v]) => v !== undefined && v !== '')),
        },
      },
      now,
    ),
  );

  const fileBase = `clients-${officeDate(now)}`;
  const columns = COLUMNS.map((c) => header[c]);
  if (format === 'csv') {
    // Semicolons and a byte order mark: Excel with Finnish or Swedish settings opens it as it is.
    const body = stringify([columns, ...rows.map((r) => r.map((v) => (v === null ? '' : v)))], { bom: true, delimiter: ';', record_delimiter: 'windows' });
    return { body: Buffer.from(body, 'utf8'), mediaType: 'text/csv; charset=utf-8', fileName: `${fileBase}.csv`, count: clients.length };
  }
  return { body: await toXlsx(header.sheet, columns, rows, language), mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: `${fileBase}.xlsx`, count: clients.length };
}

async function toXlsx(sheetName: string, columns: string[], rows: Cell[][], language: Language): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Suoja';
  Object.assign(workbook, { language });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((name) => ({ header: name, width: Math.max(12, name.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  const dateColumns = [COLUMNS.indexOf('startDate'), COLUMNS.indexOf('endDate')];
  for (const values of rows) {
    const row = sheet.addRow(values.map((v, i) => (dateColumns.includes(i) && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v)));
    for (const i of dateColumns) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
