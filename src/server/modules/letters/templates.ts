/**
 * The decision letter's template model. The texts themselves are the organisation setting
 * `letters.templates` (seeded by a migration, edited by an administrator): one set per letter
 * language, each with its shared parts and one title and body per decision kind.
 *
 * Any text may hold `{{placeholders}}` from PLACEHOLDERS. A paragraph whose placeholder has no
 * value for the decision at hand (e.g. `{{children}}` when there are none) is left out of the
 * letter, so one template serves decisions with and without the optional facts.
 */
import { z } from 'zod';
import { codeLabel, DECISION_KIND_LABELS, DECISION_KINDS, type DecisionKind } from '../../../domain/codes.js';
import { AppError, type FieldProblem } from '../../http/errors.js';

export const LETTER_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type LetterLanguage = (typeof LETTER_LANGUAGES)[number];

export const LETTER_KINDS = DECISION_KINDS;
export type LetterKind = DecisionKind;

export const PLACEHOLDERS = [
  'clientName',
  'clientNumber',
  'birthDate',
  'applicationNumber',
  'receivedOn',
  'decidedOn',
  'decidedBy',
  'kind',
  'reason',
  'category',
  'periodStart',
  'periodEnd',
  'children',
  'office',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The fixed words of the letter around the texts, per language. */
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

export const LIMITS = {
  line: 200,
  label: 1000,
  title: 300,
  paragraph: 4000,
  paragraphs: 30,
  letterheadLines: 10,
} as const;

const paragraphs = z.array(z.string().trim().min(1).max(LIMITS.paragraph)).max(LIMITS.paragraphs);

export const KindTemplateSchema = z.strictObject({
  title: z.string().trim().max(LIMITS.title),
  paragraphs,
});

export const LanguageTemplatesSchema = z.strictObject({
  /** The organisation's name and address, one line each; the first line is set in bold. */
  letterhead: z.array(z.string().trim().min(1).max(LIMITS.line)).max(LIMITS.letterheadLines),
  labels: z.strictObject(Object.fromEntries(LABEL_KEYS.map((k) => [k, z.string().trim().max(LIMITS.label)])) as Record<LabelKey, z.ZodString>),
  /** Paragraphs after the decision maker, e.g. whom to contact. */
  closing: paragraphs,
  /** The appeal instructions. */
  appeal: paragraphs,
  kinds: z.strictObject(Object.fromEntries(LETTER_KINDS.map((k) => [k, KindTemplateSchema])) as Record<LetterKind, typeof KindTemplateSchema>),
});

export const LetterTemplatesSchema = z.strictObject(
  Object.fromEntries(LETTER_LANGUAGES.map((l) => [l, LanguageTemplatesSchema])) as Record<LetterLanguage, typeof LanguageTemplatesSchema>,
);

export type KindTemplate = z.infer<typeof KindTemplateSchema>;
export type LanguageTemplates = z.infer<typeof LanguageTemplatesSchema>;
export type LetterTemplates = z.infer<typeof LetterTemplatesSchema>;

/** One language's shared parts with one kind's title and body: what a letter is rendered from. */
export type LetterTemplate = Omit<LanguageTemplates, 'kinds'> & KindTemplate;

export function blankLanguageTemplates(): LanguageTemplates {
  return {
    letterhead: [],
    labels: Object.fromEntries(LABEL_KEYS.map((k) => [k, ''])) as Record<LabelKey, string>,
    closing: [],
    appeal: [],
    kinds: Object.fromEntries(LETTER_KINDS.map((k): [LetterKind, KindTemplate] => [k, { title: '', paragraphs: [] }])) as Record<LetterKind, KindTemplate>,
  };
}

/** The code default: the structure without texts. The texts come from the setting. */
export function blankTemplates(): LetterTemplates {
  return { fi: blankLanguageTemplates(), sv: blankLanguageTemplates(), en: blankLanguageTemplates() };
}

// `{{ name }}` with optional spaces; anything else between double braces is malformed.
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** The problems of one text: unknown placeholders and unbalanced braces. */
export function textProblems(text: string, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!isPlaceholder(name)) problems.push({ field, code: 'unknown_placeholder', params: { placeholder: `{{${name}}}`, allowed: PLACEHOLDERS.join(', ') } });
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push({ field, code: 'malformed_placeholder', params: { example: '{{clientName}}' } });
  return problems;
}

function walk(value: unknown, path: string[], visit: (text: string, path: string[]) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, String(i)], visit));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

/** Every placeholder problem in a set of templates, each naming its field under `prefix`. */
export function templateProblems(templates: LetterTemplates | LanguageTemplates, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  walk(templates, prefix ? [prefix] : [], (text, path) => problems.push(...textProblems(text, path.join('.'))));
  return problems;
}

export class LetterTemplateMissing extends AppError {
  constructor(language: LetterLanguage, kind: LetterKind) {
    super(409, 'letter_template_missing', { language, kind });
  }
}

/**
 * The template of one language and kind, or LetterTemplateMissing when it cannot make a
 * letter: no title, no body, no letterhead or no appeal instructions.
 */
export function letterTemplate(templates: LetterTemplates, language: LetterLanguage, kind: LetterKind): LetterTemplate {
  const shared = templates[language];
  const own = shared?.kinds[kind];
  if (!shared || !own || !own.title.trim() || own.paragraphs.length === 0 || shared.letterhead.length === 0 || shared.appeal.length === 0) {
    throw new LetterTemplateMissing(language, kind);
  }
  const { kinds: _kinds, ...parts } = shared;
  return { ...parts, title: own.title, paragraphs: own.paragraphs };
}

// ---- Dates and values -------------------------------------------------------------------------

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An ISO date as the letter's language writes it: 1.2.2026 (fi, sv) or 1 February 2026 (en). */
export function formatLetterDate(iso: string, language: LetterLanguage): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return language === 'en' ? `${day} ${EN_MONTHS[month - 1]} ${year}` : `${day}.${month}.${year}`;
}

export interface PlaceholderFacts {
  language: LetterLanguage;
  kind: LetterKind;
  decidedOn: string;
  decidedBy: string;
  client: { name: string; number: string; birthDate: string | null };
  applicationNumber: string | null;
  receivedOn: string | null;
  reason: string | null;
  category: 'victim' | 'assists_investigation' | null;
  children: { name: string; number: string }[];
  periodStart: string | null;
  periodEnd: string | null;
  officeName: string | null;
}

export type PlaceholderValues = Record<Placeholder, string | null>;

/** The value of every placeholder for one letter; null where the decision has none. */
export function placeholderValues(f: PlaceholderFacts): PlaceholderValues {
  const date = (iso: string | null) => (iso ? formatLetterDate(iso, f.language) : null);
  const reasonList = f.kind === 'rejection' ? 'rejectionReason' : f.kind === 'termination' ? 'endReason' : null;
  return {
    clientName: f.client.name,
    clientNumber: f.client.number,
    birthDate: date(f.client.birthDate),
    applicationNumber: f.applicationNumber,
    receivedOn: date(f.receivedOn),
    decidedOn: date(f.decidedOn),
    decidedBy: f.decidedBy,
    kind: DECISION_KIND_LABELS[f.kind][f.language],
    reason: f.reason && reasonList ? codeLabel(reasonList, f.reason, f.language) : null,
    category: f.category ? codeLabel('clientCategory', f.category, f.language) : null,
    periodStart: date(f.periodStart),
    periodEnd: date(f.periodEnd),
    children: f.children.length > 0 ? f.children.map((c) => `${c.name} (${c.number})`).join(', ') : null,
    office: f.officeName,
  };
}

/**
 * The text with its placeholders filled in; null when a placeholder in it has no value and
 * `dropIfMissing` is set (the paragraph is then left out), otherwise the missing value is empty.
 */
export function fillText(text: string, values: PlaceholderValues, dropIfMissing: boolean): string | null {
  let missing = false;
  const filled = text.replace(PLACEHOLDER, (_all, name: string) => {
    const value = isPlaceholder(name) ? values[name] : null;
    if (value === null || value === '') missing = true;
    return value ?? '';
  });
  return missing && dropIfMissing ? null : filled;
}
