import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../app/i18n';

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

/** Date and time formatting in the language being read; re-renders when it changes. */
export function useFormat() {
  useTranslation();
  const locale = LOCALES[currentLanguage()];
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const dateTimeSeconds = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short' });
  const valid = (iso: string) => !Number.isNaN(new Date(iso).getTime());
  return {
    dateTime: (iso: string) => (valid(iso) ? dateTime.format(new Date(iso)) : iso),
    dateTimeSeconds: (iso: string) => (valid(iso) ? dateTimeSeconds.format(new Date(iso)) : iso),
    date: (iso: string) => (valid(iso) ? date.format(new Date(iso)) : iso),
  };
}
