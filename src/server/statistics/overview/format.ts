import type { Language } from '../../../domain/codes.js';

/** A figure as the catalogue gives it. */
export interface FigureValue {
  value: number | null;
  share?: number;
  members?: number;
  suppressed?: true;
}
export type Figures = Record<string, FigureValue>;

const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "1 634" in Finnish and Swedish, "1,634" in English. */
export function formatNumber(n: number, lang: Language): string {
  return new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 }).format(n);
}

/** Whole percent, rounded half up (shares are exact fractions in the data). */
export function wholePercent(share: number): number {
  return Math.floor(share * 100 + 0.5 + 1e-9);
}

/** "61 %" in Finnish and Swedish (no-break space), "61%" in English. */
export function formatPercent(share: number, lang: Language): string {
  const p = formatNumber(wholePercent(share), lang);
  return lang === 'en' ? `${p}%` : `${p}\u00a0%`;
}

const WORDS: Record<Language, string[]> = {
  sv: ['noll', 'en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'],
  fi: ['nolla', 'yksi', 'kaksi', 'kolme', 'neljä', 'viisi', 'kuusi', 'seitsemän', 'kahdeksan', 'yhdeksän', 'kymmenen', 'yksitoista', 'kaksitoista'],
  en: ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
};

/** Small counts written out in words, as the publication's style has them ("Tre klienter"). */
export function inWords(n: number, lang: Language): string {
  return n >= 0 && n < WORDS[lang].length ? WORDS[lang][n]! : formatNumber(n, lang);
}

export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** "a, b and c" in the language's own way. */
export function list(items: string[], lang: Language): string {
  return new Intl.ListFormat(LOCALE[lang], { style: 'long', type: 'conjunction' }).format(items);
}

export function dateLong(isoDate: string, lang: Language): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** "31.12.2025" (fi, sv) or "31 December 2025" (en), as used in headings. */
export function dateShort(isoDate: string, lang: Language): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return lang === 'en' ? dateLong(isoDate, lang) : `${d}.${m}.${y}`;
}
