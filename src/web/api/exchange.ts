import { currentLanguage } from '../app/i18n';
import { ApiError, type ErrorBody } from './client';
import { ndjsonReader } from './ndjson';

export const EXCHANGE_KINDS = ['persons', 'applications', 'decisions', 'clientships', 'exploitations', 'services', 'helplineContacts'] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface KindCounts {
  inFile: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportProblem {
  /** e.g. `applications[12].channel`; empty for the file as a whole. */
  path: string;
  code: string;
  /** English, for the command line; the page translates `code`. */
  message: string;
  value?: unknown;
  /** For a workbook: sheet and cell, e.g. `applications!E14`. */
  cell?: string;
  params?: Record<string, string | number>;
}

export interface ImportReport {
  format: 'json' | 'xlsx';
  dryRun: boolean;
  imported: boolean;
  counts: Record<ExchangeKind, KindCounts>;
  /** The first problems (at most 1,000); `problemCount` counts them all. */
  problems: ImportProblem[];
  problemCount: number;
}

/** Where an import is: sending the file (the browser's count), then the server's steps. */
export type ImportPhase = 'sending' | 'reading' | 'checking' | 'writing';

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  /** 0 when not known. */
  total: number;
}

export type ImportOutcome = { type: 'report'; report: ImportReport } | { type: 'refused'; message: string; report: ImportReport };

type ServerEvent =
  | { type: 'progress'; phase: Exclude<ImportPhase, 'sending'>; done: number; total: number }
  | ImportOutcome
  | { type: 'failed'; message: string; correlationId: string };

/** The content type of an exchange file: a workbook by its type or name, anything else JSON. */
export function contentTypeOf(file: File): string {
  return file.type === XLSX_TYPE || file.name.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'application/json';
}

/**
 * Sends an exchange file to be checked (`dryRun`) or imported, reporting progress as it goes:
 * the upload by the browser's count, then the server's steps from its newline-delimited answer.
 * Resolves with the report or the refusal (with every problem); rejects with ApiError otherwise.
 * XMLHttpRequest rather than fetch: only it tells how much of the upload has been sent.
 */
export function runImport(file: File, dryRun: boolean, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const reader = ndjsonReader<ServerEvent>();
    let outcome: ImportOutcome | null = null;
    let failure: ApiError | null = null;
    const take = (final: boolean) => {
      if (xhr.status !== 200) return;
      let events: ServerEvent[];
      try {
        events = reader.push(xhr.responseText, final);
      } catch {
        failure = new ApiError(xhr.status, null);
        return;
      }
      for (const event of events) {
        if (event.type === 'progress') onProgress({ phase: event.phase, done: event.done, total: event.total });
        else if (event.type === 'failed') failure = new ApiError(500, { error: { code: 'internal', message: event.message, correlationId: event.correlationId } });
        else outcome = event;
      }
    };
    xhr.open('POST', `/api/exchange/import/stream?dryRun=${String(dryRun)}`);
    xhr.setRequestHeader('Accept', 'application/x-ndjson, application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.setRequestHeader('Content-Type', contentTypeOf(file));
    xhr.upload.onprogress = (event) => onProgress({ phase: 'sending', done: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onprogress = () => take(false);
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      if (xhr.status !== 200) {
        let body: ErrorBody | null = null;
        try {
          const parsed = JSON.parse(xhr.responseText) as unknown;
          if (parsed && typeof parsed === 'object' && 'error' in parsed) body = parsed as ErrorBody;
        } catch {
          // not the server's error answer
        }
        reject(new ApiError(xhr.status, body));
        return;
      }
      take(true);
      if (failure) reject(failure);
      else if (outcome) resolve(outcome);
      else reject(new ApiError(0, null));
    };
    onProgress({ phase: 'sending', done: 0, total: file.size });
    xhr.send(file);
  });
}
