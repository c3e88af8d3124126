import { useTranslation } from 'react-i18next';
import { CODE_LISTS, codeLabel, countryName, isCode, languageName } from '../../../domain/codes';
import type { Figures } from '../../api/statistics';
import { currentLanguage } from '../../app/i18n';
import { type CategoryKind, meaningOf } from './figures';

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

/** Code-list order of a category, for sorting breakdowns; countries have none. */
export function orderOf(kind: CategoryKind): readonly string[] {
  return kind === 'country' ? [] : CODE_LISTS[kind].codes;
}

/** Names and numbers of the statistics in the language being read; re-renders when it changes. */
export function useStatisticsLabels() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const locale = LOCALES[language];
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const longDate = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });

  const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase(language) + text.slice(1);

  /** A category of a breakdown; a grouped `other` of countries says how many nationalities it holds. */
  const category = (kind: CategoryKind, code: string, members?: number): string => {
    if (kind === 'country') {
      if (code === 'other') {
        return members === undefined
          ? t('statistics.otherCountries')
          : t('statistics.otherCountriesCount', { count: members });
      }
      return countryName(code, language);
    }
    if (code === 'unknown' && !isCode(kind, code)) return t('statistics.unknownCategory');
    return codeLabel(kind, code, language);
  };

  /** The name of any figure of the catalogue; the id itself for a figure this UI does not know. */
  const figure = (id: string, figures?: Figures): string => {
    const meaning = meaningOf(id);
    let name: string;
    switch (meaning.kind) {
      case 'unknown':
        return id;
      case 'scalar':
        name = t(`statistics.figureNames.${meaning.key}`);
        break;
      case 'breakdown':
        name = t('statistics.figureLabel.breakdown', {
          breakdown: t(`statistics.breakdowns.names.${meaning.spec.key}`),
          category: category(meaning.spec.category, meaning.code, figures?.[id]?.members),
        });
        break;
      case 'formByGender':
        name = t('statistics.figureLabel.formByGender', {
          form: category('exploitationForm', meaning.form),
          gender: category('gender', meaning.gender),
        });
        break;
    }
    return meaning.previous ? t('statistics.figureLabel.previous', { figure: name }) : name;
  };

  const period = (year: number, half?: number | null): string =>
    half === 1 ? t('statistics.period.firstHalf', { year }) : String(year);

  return {
    capitalise,
    category,
    figure,
    period,
    /** A language of the documents, named in the language being read. */
    language: (code: string) => capitalise(languageName(code, language)),
    number: (value: number | null): string => (value === null ? t('statistics.suppressed') : integer.format(value)),
    change: (value: number): string => signed.format(value),
    percent: (whole: number | null): string => (whole === null ? '–' : percent.format(whole / 100)),
    /** 'YYYY-MM-DD' as a long date, e.g. "31 December 2025". */
    date: (iso: string): string => {
      const date = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? iso : longDate.format(date);
    },
  };
}

export type StatisticsLabels = ReturnType<typeof useStatisticsLabels>;
