import { api } from './client';

/** The languages a release and its documents come in. */
export const DOCUMENT_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** The formats of the overview's documents, in the order the UI offers them. */
export const DOCUMENT_FORMATS = ['pdf', 'html', 'xlsx', 'csv', 'json'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export function isDocumentLanguage(value: string): value is DocumentLanguage {
  return (DOCUMENT_LANGUAGES as readonly string[]).includes(value);
}

/** A figure of the catalogue (statistics.md §1). */
export interface Figure {
  value: number | null;
  /** value / the value of `base`, exact; absent when the base is 0. */
  share?: number;
  /** The id of the figure the share is of. */
  base?: string;
  /** For a grouped `other`: how many categories it holds. */
  members?: number;
  suppressed?: true;
}

export type Figures = Record<string, Figure>;

export interface SmallCount {
  id: string;
  value: number;
}

export interface Period {
  year: number;
  /** 1 for 1 January – 30 June; absent for the whole year. */
  half?: 1;
}

export interface PeriodQuery extends Period {
  threshold: number;
}

export interface Overview {
  report: 'overview';
  period: { year: number; half?: 1; from: string; to: string };
  threshold: number;
  dataHash: string;
  figures: Figures;
  smallCounts: SmallCount[];
}

export interface PublishRequest extends PeriodQuery {
  languages: DocumentLanguage[];
  confirmedSmallCounts: string[];
}

export interface Published {
  id: string;
  publishedAt: string;
  dataHash: string;
}

export interface Release {
  id: string;
  year: number;
  half: number | null;
  threshold: number;
  languages: string[];
  dataHash: string;
  publishedAt: string;
  publishedByName: string;
}

export interface Comparison {
  releaseHash: string;
  currentHash: string;
  sameData: boolean;
  changedFigures: string[];
}

export interface TrendYear {
  year: number;
  values: Record<string, number | null>;
}

export const statisticsQueryKey = ['statistics'] as const;
export const releasesQueryKey = ['statistics', 'releases'] as const;

function periodParams(query: PeriodQuery): Record<string, number | undefined> {
  return { year: query.year, half: query.half, threshold: query.threshold };
}

/** The figures of a period, their data hash and the counts below the threshold. */
export function fetchOverview(query: PeriodQuery, signal?: AbortSignal) {
  return api<Overview>('/api/statistics/overview', {
    query: periodParams(query),
    ...(signal ? { signal } : {}),
  });
}

export function publishRelease(request: PublishRequest) {
  return api<Published>('/api/statistics/releases', {
    method: 'POST',
    body: {
      year: request.year,
      ...(request.half ? { half: request.half } : {}),
      threshold: request.threshold,
      languages: request.languages,
      confirmedSmallCounts: request.confirmedSmallCounts,
    },
  });
}

export async function fetchReleases(): Promise<Release[]> {
  const body = await api<{ releases: Release[] }>('/api/statistics/releases');
  return body.releases;
}

/** Whether the data behind a release still hashes the same, and which figures differ now. */
export function compareRelease(id: string) {
  return api<Comparison>(`/api/statistics/releases/${encodeURIComponent(id)}/compare`);
}

/** Each figure in every whole year from 2006 to `until`. */
export async function fetchTrend(ids: readonly string[], until: number, threshold: number, signal?: AbortSignal) {
  const body = await api<{ years: TrendYear[] }>('/api/statistics/trend', {
    query: { ids: ids.join(','), until, threshold },
    ...(signal ? { signal } : {}),
  });
  return body.years;
}

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return `${path}?${params.toString()}`;
}

/** A document of the live figures of a period, for checking before publishing. */
export function previewDocumentUrl(query: PeriodQuery, lang: DocumentLanguage, format: DocumentFormat): string {
  return withQuery('/api/statistics/overview/document', { ...periodParams(query), lang, format });
}

/** A document of a published release, from its frozen figures. */
export function releaseDocumentUrl(id: string, lang: string, format: DocumentFormat): string {
  return withQuery(`/api/statistics/releases/${encodeURIComponent(id)}/document`, { lang, format });
}

/** The records behind a figure, by their pseudonymous references and non-identifying facts. */
export interface Explanation {
  figure: string;
  count: number;
  records: { ref: string; facts: Record<string, string | number | null> }[];
}

/** Lists the records behind a figure; the server records every look in the audit trail. */
export function explainFigure(figure: string, period: Period, signal?: AbortSignal) {
  return api<Explanation>('/api/statistics/explain', {
    query: { figure, year: period.year, half: period.half },
    ...(signal ? { signal } : {}),
  });
}

/** The international reports: the EU data-collection tables and CTDC microdata. */
export const INTERNATIONAL_STANDARDS = ['eu', 'ctdc'] as const;
export type InternationalStandard = (typeof INTERNATIONAL_STANDARDS)[number];
export const INTERNATIONAL_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type InternationalFormat = (typeof INTERNATIONAL_FORMATS)[number];
/** CTDC's practice: every combination of values is shared by at least this many victims. */
export const CTDC_K = 11;

export function internationalUrl(standard: InternationalStandard, year: number, format: InternationalFormat, threshold?: number): string {
  return withQuery(`/api/statistics/international/${standard}`, { year, format, threshold: standard === 'eu' ? threshold : undefined });
}

export interface Contact {
  name: string;
  title: string;
  phone: string;
  email: string;
}

export interface LanguageTexts {
  introduction: string[];
  contacts: Contact[];
}

export type OrganisationTexts = Record<DocumentLanguage, LanguageTexts>;

export interface StoredOrganisationTexts {
  texts: OrganisationTexts;
  /** 0 while nothing has been saved and the defaults are shown. */
  version: number;
  updatedAt: string | null;
}

export const organisationTextsQueryKey = ['statistics', 'organisation-texts'] as const;
const ORGANISATION_TEXTS_URL = '/api/statistics/organisation-texts';

export function fetchOrganisationTexts(): Promise<StoredOrganisationTexts> {
  return api<StoredOrganisationTexts>(ORGANISATION_TEXTS_URL);
}

export function saveOrganisationTexts(version: number, texts: OrganisationTexts): Promise<StoredOrganisationTexts> {
  return api<StoredOrganisationTexts>(ORGANISATION_TEXTS_URL, { method: 'PUT', body: { version, texts } });
}

/** The saved texts sent with a 409 conflict. */
export function organisationConflictCurrent(value: unknown): StoredOrganisationTexts | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!('version' in value) || typeof value.version !== 'number') return null;
  if (!('texts' in value) || typeof value.texts !== 'object' || value.texts === null) return null;
  return value as StoredOrganisationTexts;
}
