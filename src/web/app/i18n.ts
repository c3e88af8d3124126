import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enClients from '../locales/en/clients.json';
import en from '../locales/en/common.json';
import enExchange from '../locales/en/exchange.json';
import enIntake from '../locales/en/intake.json';
import enLetters from '../locales/en/letters.json';
import fiClients from '../locales/fi/clients.json';
import fi from '../locales/fi/common.json';
import fiExchange from '../locales/fi/exchange.json';
import fiIntake from '../locales/fi/intake.json';
import fiLetters from '../locales/fi/letters.json';
import svClients from '../locales/sv/clients.json';
import sv from '../locales/sv/common.json';
import svExchange from '../locales/sv/exchange.json';
import svIntake from '../locales/sv/intake.json';
import svLetters from '../locales/sv/letters.json';

export const SUPPORTED_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'fi';
export const LANGUAGE_STORAGE_KEY = 'suoja.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: { common: typeof fi; intake: typeof fiIntake; letters: typeof fiLetters; clients: typeof fiClients; exchange: typeof fiExchange };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be unavailable, e.g. when blocked by browser privacy settings.
    return undefined;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is acceptable; the switch still works.
  }
}

function browserLanguage(): Language | undefined {
  const primary = navigator.language.split('-')[0]?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}

export function detectInitialLanguage(): Language {
  return readStoredLanguage() ?? browserLanguage() ?? DEFAULT_LANGUAGE;
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
}

export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

const initialLanguage = detectInitialLanguage();
document.documentElement.lang = initialLanguage;

i18n.on('languageChanged', (language) => {
  if (isLanguage(language)) {
    document.documentElement.lang = language;
  }
});

void i18n.use(initReactI18next).init({
  resources: {
    fi: { common: fi, intake: fiIntake, letters: fiLetters, clients: fiClients, exchange: fiExchange },
    sv: { common: sv, intake: svIntake, letters: svLetters, clients: svClients, exchange: svExchange },
    en: { common: en, intake: enIntake, letters: enLetters, clients: enClients, exchange: enExchange },
  },
  lng: initialLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: SUPPORTED_LANGUAGES,
  ns: ['common', 'intake', 'letters', 'clients', 'exchange'],
  defaultNS: 'common',
  // Resources are bundled, so initialise synchronously and render without suspending.
  initAsync: false,
  interpolation: {
    // React escapes rendered strings.
    escapeValue: false,
  },
  react: {
    useSuspense: false,
  },
});

export default i18n;
