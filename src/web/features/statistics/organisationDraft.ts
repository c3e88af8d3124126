/**
 * The overview's organisation texts as the page edits them: every paragraph and contact has a
 * key of its own, so that a field keeps its identity (and its message) when others are added,
 * removed or moved. Pure: no React, no i18n.
 */
import { LANGUAGES } from '../../../domain/codes';
import type { Contact, DocumentLanguage, LanguageTexts, OrganisationTexts } from '../../api/statistics';

const DOCUMENT_LANGUAGES: readonly DocumentLanguage[] = LANGUAGES;

/** The server's limits (statistics routes); checked here first so that the form can say which field. */
export const LIMITS = {
  paragraphs: 20,
  paragraph: 4000,
  contacts: 10,
  name: 200,
  title: 200,
  phone: 50,
  email: 320,
} as const;

export const CONTACT_PARTS = ['name', 'title', 'phone', 'email'] as const;
export type ContactPart = (typeof CONTACT_PARTS)[number];

export interface DraftParagraph {
  key: string;
  text: string;
}

export interface DraftContact extends Contact {
  key: string;
}

export interface DraftLanguage {
  introduction: DraftParagraph[];
  contacts: DraftContact[];
}

export type Draft = Record<DocumentLanguage, DraftLanguage>;

let keys = 0;
export function newKey(): string {
  keys += 1;
  return `i${keys}`;
}

export function toDraft(texts: OrganisationTexts): Draft {
  return Object.fromEntries(
    DOCUMENT_LANGUAGES.map((language) => [
      language,
      {
        introduction: texts[language].introduction.map((text) => ({ key: newKey(), text })),
        contacts: texts[language].contacts.map((contact) => ({ key: newKey(), ...contact })),
      },
    ]),
  ) as Draft;
}

function fromDraftLanguage(draft: DraftLanguage): LanguageTexts {
  return {
    introduction: draft.introduction.map((p) => p.text.trim()),
    contacts: draft.contacts.map((c) => ({ name: c.name.trim(), title: c.title.trim(), phone: c.phone.trim(), email: c.email.trim() })),
  };
}

export function fromDraft(draft: Draft): OrganisationTexts {
  return Object.fromEntries(DOCUMENT_LANGUAGES.map((language) => [language, fromDraftLanguage(draft[language])])) as OrganisationTexts;
}

/** A field of the draft: a paragraph's text or a part of a contact, in one language. */
export interface FieldRef {
  language: DocumentLanguage;
  item: string;
  part: 'text' | ContactPart;
}

export function fieldId(ref: FieldRef): string {
  return `organisation-${ref.language}-${ref.item}-${ref.part}`;
}

/** Where a field is now: its number among the paragraphs or contacts (from 1), or null once removed. */
export function placeOf(draft: Draft, ref: FieldRef): { kind: 'paragraph' | 'contact'; number: number } | null {
  const texts = draft[ref.language];
  if (ref.part === 'text') {
    const index = texts.introduction.findIndex((p) => p.key === ref.item);
    return index === -1 ? null : { kind: 'paragraph', number: index + 1 };
  }
  const index = texts.contacts.findIndex((c) => c.key === ref.item);
  return index === -1 ? null : { kind: 'contact', number: index + 1 };
}

export type ProblemCode = 'paragraphRequired' | 'nameRequired' | 'tooLong' | 'email';

export interface Problem {
  ref: FieldRef;
  code: ProblemCode;
  max?: number;
}

// Deliberately loose: the address only has to look like one; the server has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the server would refuse, field by field, in the order of the page. */
export function checkDraft(draft: Draft): Problem[] {
  const problems: Problem[] = [];
  for (const language of DOCUMENT_LANGUAGES) {
    for (const paragraph of draft[language].introduction) {
      const ref: FieldRef = { language, item: paragraph.key, part: 'text' };
      const text = paragraph.text.trim();
      if (text === '') problems.push({ ref, code: 'paragraphRequired' });
      else if (text.length > LIMITS.paragraph) problems.push({ ref, code: 'tooLong', max: LIMITS.paragraph });
    }
    for (const contact of draft[language].contacts) {
      for (const part of CONTACT_PARTS) {
        const ref: FieldRef = { language, item: contact.key, part };
        const value = contact[part].trim();
        if (part === 'name' && value === '') problems.push({ ref, code: 'nameRequired' });
        else if (value.length > LIMITS[part]) problems.push({ ref, code: 'tooLong', max: LIMITS[part] });
        else if (part === 'email' && value !== '' && !EMAIL.test(value)) problems.push({ ref, code: 'email' });
      }
    }
  }
  return problems;
}

const PARAGRAPH_PATH = /^texts\.(fi|sv|en)\.introduction\.(\d+)$/;
const CONTACT_PATH = /^texts\.(fi|sv|en)\.contacts\.(\d+)\.(name|title|phone|email)$/;

/** The field a server message names by its path (e.g. `texts.sv.contacts.1.email`) in the draft that was sent. */
export function refOfServerPath(path: string, sent: Draft): FieldRef | null {
  const paragraph = PARAGRAPH_PATH.exec(path);
  if (paragraph) {
    const language = paragraph[1] as DocumentLanguage;
    const item = sent[language].introduction[Number(paragraph[2])];
    return item ? { language, item: item.key, part: 'text' } : null;
  }
  const contact = CONTACT_PATH.exec(path);
  if (contact) {
    const language = contact[1] as DocumentLanguage;
    const item = sent[language].contacts[Number(contact[2])];
    return item ? { language, item: item.key, part: contact[3] as ContactPart } : null;
  }
  return null;
}

/** The server's message without the field name it starts with: the page names the field itself. */
export function messageWithoutField(message: string): string {
  const at = message.indexOf(': ');
  const rest = at === -1 ? message : message.slice(at + 2);
  return rest.charAt(0).toLocaleUpperCase() + rest.slice(1);
}

/** The list with the item at `index` moved by `by` places (−1 up, +1 down). */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(target, 0, item as T);
  return next;
}
