/**
 * The exchange format, version 1 (exchange.md §1): the record kinds, their zod schemas, the
 * canonical form every record is brought to, and the column list of each XLSX sheet.
 *
 * A record read from a file is first checked against its schema (shape, codes, dates), then
 * brought to its canonical form: text trimmed, line ends as \n, empty optional fields left out,
 * defaults filled in, keys in column order. The export writes exactly this form, so
 * `import(export(x))` gives back `x`, and comparing canonical forms tells an unchanged record
 * from an updated one.
 */
import { z } from 'zod';
import {
  isCode,
  isCountryCode,
  isIsoDate,
  isLanguageCode,
  type CodeListName,
} from '../../domain/codes.js';

export const EXCHANGE_FORMAT = 'suoja-exchange';
export const EXCHANGE_VERSION = 1;

/** Record kinds in the order of the document (exchange.md §1). */
export const KINDS = ['persons', 'applications', 'decisions', 'clientships', 'exploitations', 'services', 'helplineContacts'] as const;
export type Kind = (typeof KINDS)[number];

/** The order in which an import writes: every kind after the kinds it refers to. */
export const WRITE_ORDER: readonly Kind[] = ['helplineContacts', 'persons', 'applications', 'clientships', 'decisions', 'exploitations', 'services'];

export const isKind = (value: string): value is Kind => (KINDS as readonly string[]).includes(value);

/** What one record of a kind is called in messages. */
export const RECORD_NAME: Record<Kind, string> = {
  persons: 'person',
  applications: 'application',
  decisions: 'decision',
  clientships: 'clientship',
  exploitations: 'exploitation',
  services: 'service',
  helplineContacts: 'helpline contact',
};

// ---------------------------------------------------------------------------------------------
// Field types. Every refinement names its problem code, so validate.ts can say what is wrong.

// C0 controls (tab, line feed and carriage return only in multi-line text), DEL, and lone
// surrogates: none survives encryption, XML (XLSX) or a terminal unchanged.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SINGLE_LINE_BAD = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE_BAD = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const problem = (code: string) => ({ params: { code } });

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !SINGLE_LINE_BAD.test(v), problem('invalid_character'));

const multiLine = (max: number) =>
  z
    .string()
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .trim()
    .max(max)
    .refine((v) => !MULTI_LINE_BAD.test(v), problem('invalid_character'));

/** An external id: unique per kind, at most 100 characters, on one line. */
export const REF_MAX = 100;
const ref = text(REF_MAX).min(1);

// Intl lookups are slow enough to matter over a million cells.
const memo = (test: (value: string) => boolean) => {
  const seen = new Map<string, boolean>();
  return (value: string) => {
    let known = seen.get(value);
    if (known === undefined) {
      known = test(value);
      if (seen.size < 10_000) seen.set(value, known);
    }
    return known;
  };
};
const knownCountry = memo(isCountryCode);
const knownLanguage = memo(isLanguageCode);

const code = (list: CodeListName) => z.string().refine((v) => isCode(list, v), problem('unknown_code'));
const country = z.string().refine(knownCountry, problem('unknown_code'));
const language = z.string().refine(knownLanguage, problem('unknown_code'));
const date = z.string().refine(isIsoDate, problem('invalid_date'));

/** `YYYY`, `YYYY-MM` or a date: when an exploitation began or ended. */
export function isPartialDate(value: string): boolean {
  if (/^\d{4}$/.test(value)) return true;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12;
  return isIsoDate(value);
}
const partialDate = z.string().refine(isPartialDate, problem('invalid_period'));

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date and time with a zone (`Z` or `+02:00`), to the millisecond at most. */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isIsoDate(m[1]!)) return false;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return false;
  return !Number.isNaN(Date.parse(value));
}
const dateTime = z.string().refine(isDateTime, problem('invalid_datetime'));

/** The one way a date and time is written: UTC, seconds, milliseconds only when there are some. */
export function canonicalDateTime(value: string | Date): string {
  const iso = (value instanceof Date ? value : new Date(value)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const letterLanguage = z.string().refine((v) => v === 'fi' || v === 'sv' || v === 'en', problem('unknown_code'));
const appealOutcome = code('appealOutcome');

// ---------------------------------------------------------------------------------------------
// The schemas of the records as a file may carry them: optional fields may be missing or null.

const opt = <T extends z.ZodType>(schema: T) => schema.nullish();

export const PersonSchema = z.strictObject({
  ref,
  givenNames: opt(text(200)),
  familyName: opt(text(200)),
  aliases: opt(z.array(text(200).refine((v) => !v.includes(';'), problem('invalid_character'))).max(20)),
  birthDate: opt(date),
  birthDateIsEstimate: opt(z.boolean()),
  gender: code('gender'),
  nationalities: z.array(country).min(1).max(5),
  languages: opt(z.array(language).max(10)),
  interpreterNeeded: opt(z.boolean()),
  municipality: opt(text(100)),
  residenceStatus: opt(code('residenceStatus')),
  phone: opt(text(50)),
  email: opt(text(320)),
  address: opt(multiLine(500)),
});

export const ApplicationSchema = z.strictObject({
  ref,
  person: ref,
  children: opt(z.array(ref).max(20)),
  receivedOn: date,
  channel: code('applicationChannel'),
  office: opt(text(100)),
  consentGiven: opt(z.boolean()),
  consentOn: opt(date),
  status: opt(code('applicationStatus')),
  statusChangedOn: opt(date),
  deadline: opt(date),
  helplineContact: opt(ref),
  summary: opt(multiLine(10_000)),
});

export const DecisionSchema = z.strictObject({
  ref,
  application: opt(ref),
  person: ref,
  kind: code('decisionKind'),
  on: date,
  category: opt(z.string().refine((v) => v === 'victim' || v === 'assists_investigation', problem('unknown_code'))),
  // Rejection reason or clientship end reason, by kind: checked in validate.ts.
  reason: opt(z.string()),
  start: opt(date),
  end: opt(date),
  expertGroupHeard: opt(z.boolean()),
  letterLanguage: opt(letterLanguage),
  appealLodgedOn: opt(date),
  appealOutcome: opt(appealOutcome),
  appealDecidedOn: opt(date),
  grounds: opt(multiLine(20_000)),
});

export const ClientshipSchema = z.strictObject({
  ref,
  person: ref,
  category: code('clientCategory'),
  parent: opt(ref),
  start: date,
  end: opt(date),
  endReason: opt(code('endReason')),
  office: text(100).min(1),
});

export const ExploitationSchema = z.strictObject({
  ref,
  person: ref,
  form: code('exploitationForm'),
  primary: z.boolean(),
  country: country.refine((v) => v !== 'XX', problem('unknown_code')),
  industry: opt(code('industry')),
  residenceStatus: opt(code('residenceStatus')),
  from: opt(partialDate),
  to: opt(partialDate),
});

export const ServiceSchema = z.strictObject({
  ref,
  person: ref,
  type: code('serviceType'),
  provider: opt(code('serviceProvider')),
  start: date,
  end: opt(date),
});

export const HelplineContactSchema = z.strictObject({
  ref,
  at: dateTime,
  channel: code('helplineChannel'),
  caller: code('helplineCaller'),
  language: opt(language),
  topic: opt(code('helplineTopic')),
  outcome: code('helplineOutcome'),
  office: opt(text(100)),
});

export const SCHEMAS = {
  persons: PersonSchema,
  applications: ApplicationSchema,
  decisions: DecisionSchema,
  clientships: ClientshipSchema,
  exploitations: ExploitationSchema,
  services: ServiceSchema,
  helplineContacts: HelplineContactSchema,
} as const;

// ---------------------------------------------------------------------------------------------
// Canonical records: what the import keeps and the export writes.

export interface PersonRecord {
  ref: string;
  givenNames?: string;
  familyName?: string;
  aliases: string[];
  birthDate?: string;
  birthDateIsEstimate: boolean;
  gender: string;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  municipality?: string;
  residenceStatus: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface ApplicationRecord {
  ref: string;
  person: string;
  children: string[];
  receivedOn: string;
  channel: string;
  office?: string;
  consentGiven?: boolean;
  consentOn?: string;
  status: string;
  statusChangedOn?: string;
  deadline?: string;
  helplineContact?: string;
  summary?: string;
}

export interface DecisionRecord {
  ref: string;
  application?: string;
  person: string;
  kind: string;
  on: string;
  category?: string;
  reason?: string;
  start?: string;
  end?: string;
  expertGroupHeard: boolean;
  letterLanguage?: string;
  appealLodgedOn?: string;
  appealOutcome?: string;
  appealDecidedOn?: string;
  grounds?: string;
}

export interface ClientshipRecord {
  ref: string;
  person: string;
  category: string;
  parent?: string;
  start: string;
  end?: string;
  endReason?: string;
  office: string;
}

export interface ExploitationRecord {
  ref: string;
  person: string;
  form: string;
  primary: boolean;
  country: string;
  industry?: string;
  residenceStatus?: string;
  from?: string;
  to?: string;
}

export interface ServiceRecord {
  ref: string;
  person: string;
  type: string;
  provider?: string;
  start: string;
  end?: string;
}

export interface HelplineContactRecord {
  ref: string;
  at: string;
  channel: string;
  caller: string;
  language?: string;
  topic?: string;
  outcome: string;
  office?: string;
}

export interface RecordOf {
  persons: PersonRecord;
  applications: ApplicationRecord;
  decisions: DecisionRecord;
  clientships: ClientshipRecord;
  exploitations: ExploitationRecord;
  services: ServiceRecord;
  helplineContacts: HelplineContactRecord;
}
export type AnyRecord = RecordOf[Kind];

/** A whole exchange document in canonical form. */
export type ExchangeDocument = { format: typeof EXCHANGE_FORMAT; version: typeof EXCHANGE_VERSION } & { [K in Kind]: RecordOf[K][] };

// ---------------------------------------------------------------------------------------------
// Columns: the keys of each record in order; the XLSX sheets have exactly these columns.

export type ColumnType = 'text' | 'boolean' | 'list';
export interface Column {
  name: string;
  type: ColumnType;
  /** Filled in when missing (the canonical form always carries it). */
  default?: unknown;
}

const col = (name: string, type: ColumnType = 'text', fallback?: unknown): Column => (fallback === undefined ? { name, type } : { name, type, default: fallback });

export const COLUMNS: Record<Kind, readonly Column[]> = {
  persons: [
    col('ref'),
    col('givenNames'),
    col('familyName'),
    col('aliases', 'list', []),
    col('birthDate'),
    col('birthDateIsEstimate', 'boolean', false),
    col('gender'),
    col('nationalities', 'list'),
    col('languages', 'list', []),
    col('interpreterNeeded', 'boolean', false),
    col('municipality'),
    col('residenceStatus', 'text', 'unknown'),
    col('phone'),
    col('email'),
    col('address'),
  ],
  applications: [
    col('ref'),
    col('person'),
    col('children', 'list', []),
    col('receivedOn'),
    col('channel'),
    col('office'),
    col('consentGiven', 'boolean'),
    col('consentOn'),
    col('status', 'text', 'received'),
    col('statusChangedOn'),
    col('deadline'),
    col('helplineContact'),
    col('summary'),
  ],
  decisions: [
    col('ref'),
    col('application'),
    col('person'),
    col('kind'),
    col('on'),
    col('category'),
    col('reason'),
    col('start'),
    col('end'),
    col('expertGroupHeard', 'boolean', false),
    col('letterLanguage'),
    col('appealLodgedOn'),
    col('appealOutcome'),
    col('appealDecidedOn'),
    col('grounds'),
  ],
  clientships: [col('ref'), col('person'), col('category'), col('parent'), col('start'), col('end'), col('endReason'), col('office')],
  exploitations: [col('ref'), col('person'), col('form'), col('primary', 'boolean'), col('country'), col('industry'), col('residenceStatus'), col('from'), col('to')],
  services: [col('ref'), col('person'), col('type'), col('provider'), col('start'), col('end')],
  helplineContacts: [col('ref'), col('at'), col('channel'), col('caller'), col('language'), col('topic'), col('outcome'), col('office')],
};

/**
 * The canonical form of a record that passed its schema (or of one read from the database):
 * keys in column order, empty optional fields left out, defaults filled in.
 */
export function canonicalRecord<K extends Kind>(kind: K, parsed: Record<string, unknown>): RecordOf[K] {
  const out: Record<string, unknown> = {};
  for (const column of COLUMNS[kind]) {
    let value = parsed[column.name];
    if (typeof value === 'string' && value === '') value = undefined;
    if (value === null || value === undefined) {
      if (column.default === undefined) continue;
      value = Array.isArray(column.default) ? [] : column.default;
    }
    if (kind === 'helplineContacts' && column.name === 'at' && typeof value === 'string') value = canonicalDateTime(value);
    // The children of an application are a set: kept in ref order.
    if (kind === 'applications' && column.name === 'children' && Array.isArray(value)) value = [...(value as string[])].sort();
    out[column.name] = value;
  }
  return out as unknown as RecordOf[K];
}

/** Compares by code unit, the same in every locale and on every database. */
export const byRef = (a: { ref: string }, b: { ref: string }) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);

/** A document brought to canonical form: records canonical and sorted by ref, every kind present. */
export function canonicalDocument(doc: Partial<Record<Kind, Record<string, unknown>[]>>): ExchangeDocument {
  const out = { format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION } as ExchangeDocument;
  for (const kind of KINDS) {
    const records = (doc[kind] ?? []).map((r) => {
      const parsed = SCHEMAS[kind].parse(r) as Record<string, unknown>;
      return canonicalRecord(kind, parsed);
    });
    (out[kind] as AnyRecord[]) = records.sort(byRef);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A document as read from a file, before its records are checked.

export interface RawDocument {
  /** The `format` and `version` members; undefined when missing. */
  format: unknown;
  version: unknown;
  records: Record<Kind, unknown[]>;
  /** The file could not be read to its end: what is missing is not reported as missing. */
  broken?: boolean;
  /** Spreadsheet cell of a record's field, when the document came from a workbook. */
  locate?(kind: Kind, index: number, field?: string): string | undefined;
}

export const emptyRecords = (): Record<Kind, unknown[]> => ({
  persons: [],
  applications: [],
  decisions: [],
  clientships: [],
  exploitations: [],
  services: [],
  helplineContacts: [],
});
