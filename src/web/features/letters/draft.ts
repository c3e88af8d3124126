import {
  LABEL_KEYS,
  LETTER_KINDS,
  LETTER_LANGUAGES,
  type LabelKey,
  type LanguageTemplates,
  type LetterKind,
  type LetterLanguage,
  type LetterTemplates,
} from '../../api/letters';

/**
 * The templates as the page edits them: a block of text per field, paragraphs separated by a
 * blank line and letterhead lines by a line break. What the user types stays exactly as typed
 * until it is saved or previewed.
 */
export interface DraftLanguage {
  letterhead: string;
  appeal: string;
  closing: string;
  labels: Record<LabelKey, string>;
  kinds: Record<LetterKind, { title: string; body: string }>;
}
export type Draft = Record<LetterLanguage, DraftLanguage>;

/**
 * A field of the draft, e.g. `fi.kinds.admission.title`, `sv.appeal`, `en.labels.date`:
 * where a message belongs and which field to show and focus for it.
 */
export type FieldKey = string;

const paragraphsOf = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

const linesOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

export function toDraftLanguage(t: LanguageTemplates): DraftLanguage {
  return {
    letterhead: t.letterhead.join('\n'),
    appeal: t.appeal.join('\n\n'),
    closing: t.closing.join('\n\n'),
    labels: { ...t.labels },
    kinds: Object.fromEntries(
      LETTER_KINDS.map((k) => [k, { title: t.kinds[k].title, body: t.kinds[k].paragraphs.join('\n\n') }]),
    ) as DraftLanguage['kinds'],
  };
}

export function toDraft(templates: LetterTemplates): Draft {
  return Object.fromEntries(LETTER_LANGUAGES.map((l) => [l, toDraftLanguage(templates[l])])) as Draft;
}

export function fromDraftLanguage(d: DraftLanguage): LanguageTemplates {
  return {
    letterhead: linesOf(d.letterhead),
    appeal: paragraphsOf(d.appeal),
    closing: paragraphsOf(d.closing),
    labels: Object.fromEntries(LABEL_KEYS.map((k) => [k, d.labels[k].trim()])) as LanguageTemplates['labels'],
    kinds: Object.fromEntries(
      LETTER_KINDS.map((k) => [k, { title: d.kinds[k].title.trim(), paragraphs: paragraphsOf(d.kinds[k].body) }]),
    ) as LanguageTemplates['kinds'],
  };
}

export function fromDraft(draft: Draft): LetterTemplates {
  return Object.fromEntries(LETTER_LANGUAGES.map((l) => [l, fromDraftLanguage(draft[l])])) as LetterTemplates;
}

/** Every field of one language, with its text. */
export function fieldsOf(language: LetterLanguage, d: DraftLanguage): [FieldKey, string][] {
  return [
    ...LETTER_KINDS.flatMap((k): [FieldKey, string][] => [
      [`${language}.kinds.${k}.title`, d.kinds[k].title],
      [`${language}.kinds.${k}.body`, d.kinds[k].body],
    ]),
    [`${language}.letterhead`, d.letterhead],
    [`${language}.appeal`, d.appeal],
    [`${language}.closing`, d.closing],
    ...LABEL_KEYS.map((k): [FieldKey, string] => [`${language}.labels.${k}`, d.labels[k]]),
  ];
}

export type PlaceholderProblem = { kind: 'unknown'; placeholder: string } | { kind: 'malformed' };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The first problem of a text's placeholders, checked against the list the server sent. */
export function placeholderProblem(text: string, allowed: readonly string[]): PlaceholderProblem | null {
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!allowed.includes(name)) return { kind: 'unknown', placeholder: `{{${name}}}` };
  }
  const rest = text.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}') ? { kind: 'malformed' } : null;
}

/**
 * The draft field a server message names: `templates.fi.kinds.admission.paragraphs.2` (a save)
 * or `template.appeal.0` (a preview of `language`); null for a field the page does not show.
 */
export function fieldOfServerPath(path: string, language: LetterLanguage): FieldKey | null {
  const [root, ...segments] = path.split('.');
  if (root !== 'templates' && root !== 'template') return null;
  const lang = root === 'templates' ? segments.shift() : language;
  if (!lang || !(LETTER_LANGUAGES as readonly string[]).includes(lang)) return null;
  const [part, name, leaf] = segments;
  if (part === 'letterhead' || part === 'appeal' || part === 'closing') return `${lang}.${part}`;
  if (part === 'labels' && name && (LABEL_KEYS as readonly string[]).includes(name)) return `${lang}.labels.${name}`;
  if (part === 'kinds' && name && (LETTER_KINDS as readonly string[]).includes(name)) {
    return `${lang}.kinds.${name}.${leaf === 'title' ? 'title' : 'body'}`;
  }
  return null;
}

export interface FieldPlace {
  language: LetterLanguage;
  kind: LetterKind | null;
  /** `title`, `body`, `letterhead`, `appeal`, `closing` or `labels.<key>`. */
  part: string;
}

export function placeOf(key: FieldKey): FieldPlace {
  const [language, first, second, third] = key.split('.') as [LetterLanguage, string, string?, string?];
  if (first === 'kinds') return { language, kind: second as LetterKind, part: third ?? 'body' };
  if (first === 'labels') return { language, kind: null, part: `labels.${second}` };
  return { language, kind: null, part: first };
}

/** The element id of a field on the page. */
export const fieldId = (key: FieldKey) => `letters-${key.replace(/\./g, '-')}`;
