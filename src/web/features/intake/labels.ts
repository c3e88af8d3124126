import { useTranslation } from 'react-i18next';
import {
  type CodeListName,
  type Language,
  codeLabel,
  countryName,
  isCountryCode,
  isLanguageCode,
  languageName,
} from '../../../domain/codes';
import type { MaskedName } from '../../api/intake';
import type { Office } from '../../api/users';
import { currentLanguage } from '../../app/i18n';

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface Option {
  code: string;
  label: string;
}

function capitalise(text: string, language: Language): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

function allPairs(upper: boolean): string[] {
  const pairs: string[] = [];
  for (const a of LETTERS) for (const b of LETTERS) pairs.push(upper ? a + b : (a + b).toLowerCase());
  return pairs;
}

let countryCodes: string[] | undefined;
let languageCodes: string[] | undefined;
const optionCache = new Map<string, Option[]>();

function sortedOptions(kind: 'country' | 'language', language: Language): Option[] {
  const key = `${kind}:${language}`;
  const cached = optionCache.get(key);
  if (cached) return cached;
  let codes: string[];
  if (kind === 'country') codes = countryCodes ??= allPairs(true).filter(isCountryCode);
  else codes = languageCodes ??= allPairs(false).filter(isLanguageCode);
  const name = kind === 'country' ? countryName : languageName;
  const options = codes
    .map((code) => ({ code, label: capitalise(name(code, language), language) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  optionCache.set(key, options);
  return options;
}

/** Every nationality (ISO 3166-1 alpha-2, with stateless and unknown), named and sorted in the language being read. */
export function countryOptions(language: Language): Option[] {
  return sortedOptions('country', language);
}

/** Every ISO 639-1 language, named and sorted in the language being read. */
export function languageOptions(language: Language): Option[] {
  return sortedOptions('language', language);
}

/** Names of codes, persons, offices and dates of the intake pages in the language being read. */
export function useIntakeLabels() {
  const { t } = useTranslation('intake');
  const language = currentLanguage();
  const locale = LOCALES[language];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const masked = (name: MaskedName): string =>
    [name.givenNames, name.familyName].filter(Boolean).join(' ') || t('person.noName');

  return {
    language,
    code: (list: CodeListName, code: string) => capitalise(codeLabel(list, code, language), language),
    country: (code: string) => capitalise(countryName(code, language), language),
    countries: (codes: readonly string[]) => codes.map((code) => capitalise(countryName(code, language), language)).join(', '),
    languageName: (code: string) => capitalise(languageName(code, language), language),
    languages: (codes: readonly string[]) => codes.map((code) => capitalise(languageName(code, language), language)).join(', '),
    masked,
    /** A person as lists show them: number and masked name. */
    person: (person: { number: string; masked: MaskedName }) => `${person.number} ${masked(person.masked)}`,
    office: (code: string | null, offices: readonly Office[] | undefined): string =>
      code === null ? '–' : (offices?.find((office) => office.code === code)?.name[language] ?? code),
    /** A calendar date, 'YYYY-MM-DD', in the language's short format. */
    date: (iso: string | null | undefined): string => {
      if (!iso) return '–';
      const value = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(value.getTime()) ? iso : date.format(value);
    },
    dateTime: (iso: string | null | undefined): string => {
      if (!iso) return '–';
      const value = new Date(iso);
      return Number.isNaN(value.getTime()) ? iso : dateTime.format(value);
    },
    yesNo: (value: boolean) => (value ? t('answers.yes') : t('answers.no')),
  };
}

export type IntakeLabels = ReturnType<typeof useIntakeLabels>;
