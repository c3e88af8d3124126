import { ApiError, api, type ErrorBody } from './client';
import { currentLanguage } from '../app/i18n';

export const LETTER_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

export const LETTER_KINDS = ['admission', 'rejection', 'reflection_period', 'extension', 'termination'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LABEL_KEYS = [
  'document',
  'date',
  'client',
  'clientNumber',
  'birthDate',
  'applicationNumber',
  'receivedOn',
  'children',
  'grounds',
  'expertGroup',
  'expertGroupHeard',
  'expertGroupNotHeard',
  'decidedBy',
  'signedElectronically',
  'appeal',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

export interface KindTemplate {
  title: string;
  paragraphs: string[];
}

export interface LanguageTemplates {
  letterhead: string[];
  labels: Record<LabelKey, string>;
  closing: string[];
  appeal: string[];
  kinds: Record<LetterKind, KindTemplate>;
}

export type LetterTemplates = Record<LetterLanguage, LanguageTemplates>;

export interface StoredTemplates {
  templates: LetterTemplates;
  version: number;
  updatedAt: string | null;
  /** The placeholders the server accepts, e.g. `clientName` for `{{clientName}}`. */
  placeholders: string[];
}

export const letterTemplatesQueryKey = ['settings', 'letter-templates'] as const;
const URL = '/api/settings/letter-templates';

export function fetchLetterTemplates(): Promise<StoredTemplates> {
  return api<StoredTemplates>(URL);
}

export function saveLetterTemplates(version: number, templates: LetterTemplates): Promise<StoredTemplates> {
  return api<StoredTemplates>(URL, { method: 'PUT', body: { version, templates } });
}

/** The saved templates sent with a 409 conflict. */
export function conflictCurrent(value: unknown): Omit<StoredTemplates, 'placeholders'> | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!('version' in value) || typeof value.version !== 'number') return null;
  if (!('templates' in value) || typeof value.templates !== 'object' || value.templates === null) return null;
  return value as Omit<StoredTemplates, 'placeholders'>;
}

/** A letter from made-up facts, as a PDF; with `template`, from the unsaved texts of the language. */
export async function previewLetter(language: LetterLanguage, kind: LetterKind, template?: LanguageTemplates): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`${URL}/preview`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/pdf, application/json', 'Accept-Language': currentLanguage(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ language, kind, ...(template ? { template } : {}) }),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(response.status, body && typeof body === 'object' && 'error' in body ? body : null);
  }
  return response.blob();
}
