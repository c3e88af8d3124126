import { useTranslation } from 'react-i18next';
import { type CodeListName, type Language, codeLabel, countryName, languageName } from '../../../domain/codes';
import type { MaskedName } from '../../api/clients';
import type { Office } from '../../api/users';
import { currentLanguage } from '../../app/i18n';
import type { ValueLabels } from './personForm';

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

function capitalise(text: string, language: Language): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

/** Names of codes, persons, offices, dates and sizes on the client pages, in the language being read. */
export function useClientLabels() {
  const { t } = useTranslation('clients');
  const language = currentLanguage();
  const locale = LOCALES[language];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  const code = (list: CodeListName, value: string) => capitalise(codeLabel(list, value, language), language);
  const countries = (codes: readonly string[]) => codes.map((c) => capitalise(countryName(c, language), language)).join(', ');
  const languages = (codes: readonly string[]) => codes.map((c) => capitalise(languageName(c, language), language)).join(', ');
  const masked = (name: MaskedName): string => [name.givenNames, name.familyName].filter(Boolean).join(' ') || t('common.noName');
  /** A calendar date, 'YYYY-MM-DD', in the language's short format. */
  const date = (iso: string | null | undefined): string => {
    if (!iso) return '–';
    const value = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(value.getTime()) ? iso : dateFormat.format(value);
  };
  const dateTime = (iso: string | null | undefined): string => {
    if (!iso) return '–';
    const value = new Date(iso);
    return Number.isNaN(value.getTime()) ? iso : dateTimeFormat.format(value);
  };
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));

  const valueLabels: ValueLabels = {
    code: (list, value) => code(list, value),
    countries,
    languages,
    date: (iso) => date(iso),
    yesNo,
    none: '–',
  };

  return {
    language,
    code,
    country: (c: string) => capitalise(countryName(c, language), language),
    countries,
    languageName: (c: string) => capitalise(languageName(c, language), language),
    languages,
    masked,
    /** A person as lists show them: number and masked name. */
    person: (person: { number: string; masked: MaskedName }) => `${person.number} ${masked(person.masked)}`,
    office: (value: string | null, offices: readonly Office[] | undefined): string =>
      value === null ? '–' : (offices?.find((office) => office.code === value)?.name[language] ?? value),
    date,
    dateTime,
    yesNo,
    /** A file size in kB or MB. */
    size: (bytes: number): string =>
      bytes >= 1024 * 1024 ? t('common.megabytes', { size: number.format(bytes / 1024 / 1024) }) : t('common.kilobytes', { size: number.format(Math.max(0.1, bytes / 1024)) }),
    valueLabels,
  };
}

export type ClientLabels = ReturnType<typeof useClientLabels>;
