import { countryName, codeLabel, type Language } from '../../../domain/codes.js';
import { capitalise, dateShort, formatNumber, formatPercent, inWords, list, wholePercent, type Figures } from './format.js';
import type { OrganisationTexts } from '../../modules/settings/overview-defaults.js';
import { OVERVIEW_TEXTS, type OverviewTexts } from './texts.js';

/** A chart with its numbers: rendered as an image and as an equivalent table for screen readers. */
export interface ChartSpec {
  id: string;
  title: string;
  kind: 'bar' | 'pie' | 'stacked';
  categories: string[];
  series: { name: string; values: number[] }[];
}

export interface Section {
  id: string;
  heading: string;
  paragraphs: string[];
  charts: ChartSpec[];
}

export interface OverviewDocument {
  lang: Language;
  title: string;
  periodLabel: string;
  introduction: string[];
  contacts: { name: string; title: string; phone: string; email: string }[];
  sections: Section[];
  threshold: number;
}

/** The organisation's own words: introduction and contacts, kept per language in the settings. */
export type { OrganisationTexts };

export interface OverviewInput {
  figures: Figures;
  year: number;
  half?: 1;
  threshold: number;
  lang: Language;
  organisation: OrganisationTexts;
}

/** Codes of a breakdown (`prefix.<code>`) with their values, largest first; `other` last. */
export function breakdown(figures: Figures, prefix: string): { code: string; value: number; share?: number; members?: number }[] {
  return Object.entries(figures)
    .filter(([id]) => id.startsWith(`${prefix}.`) && !id.slice(prefix.length + 1).includes('.'))
    .map(([id, f]) => ({ code: id.slice(prefix.length + 1), value: f.value ?? 0, ...(f.share !== undefined ? { share: f.share } : {}), ...(f.members !== undefined ? { members: f.members } : {}) }))
    .filter((e) => e.value > 0)
    .sort((a, b) => (a.code === 'other' ? 1 : b.code === 'other' ? -1 : b.value - a.value || a.code.localeCompare(b.code)));
}

/**
 * The overview as the 2025 edition has it — sections, sentences with the figures filled in,
 * charts — in one language. Every number comes from a figure id; nothing is counted here.
 */
export function buildOverview(input: OverviewInput): OverviewDocument {
  const { figures, lang } = input;
  const t: OverviewTexts = OVERVIEW_TEXTS[lang];
  const v = (id: string) => figures[id]?.value ?? 0;
  const share = (id: string) => figures[id]?.share ?? 0;
  const n = (x: number) => formatNumber(x, lang);
  const pct = (x: number) => formatPercent(x, lang);
  const ctx = { figures, lang, v, share, n, pct, words: (x: number) => inWords(x, lang), cap: capitalise, list: (xs: string[]) => list(xs, lang), year: input.year, code: (listName: Parameters<typeof codeLabel>[0], c: string) => codeLabel(listName, c, lang), country: (c: string) => countryName(c, lang), wholePercent, threshold: input.threshold };
  const refDate = input.half === 1 ? `${input.year}-06-30` : `${input.year}-12-31`;

  const genders = ['female', 'male', 'other', 'unknown'];
  const forms = breakdown(figures, 'exploitations.byForm').map((e) => e.code);
  const nationalities = breakdown(figures, 'newClients.byNationality');

  const sections: Section[] = [
    {
      id: 'applications',
      heading: t.applications.heading(input.year, input.half),
      paragraphs: t.applications.paragraphs(ctx),
      charts: [
        chart('applicationsByChannel', t.charts.applicationsByChannel, 'bar', breakdown(figures, 'applications.byChannel').map((e) => [ctx.code('applicationChannel', e.code), e.value])),
        chart('rejectionReasons', t.charts.rejectionReasons, 'pie', breakdown(figures, 'decisions.rejection.byReason').map((e) => [ctx.code('rejectionReason', e.code), e.value])),
        chart('endReasons', t.charts.endReasons, 'pie', breakdown(figures, 'clientships.ended.byReason').map((e) => [ctx.code('endReason', e.code), e.value])),
      ],
    },
    {
      id: 'newClients',
      heading: t.newClients.heading(input.year, input.half),
      paragraphs: t.newClients.paragraphs(ctx),
      charts: [
        chart('newClientsByGender', t.charts.byGender, 'pie', breakdown(figures, 'newClients.byGender').map((e) => [ctx.code('gender', e.code), e.value])),
        chart('newClientsByAge', t.charts.byAge, 'bar', breakdown(figures, 'newClients.byAgeGroup').sort((a, b) => AGE_ORDER.indexOf(a.code) - AGE_ORDER.indexOf(b.code)).map((e) => [ctx.code('ageGroup', e.code), e.value])),
        chart('newClientsByNationality', t.charts.byNationality, 'bar', nationalities.map((e) => [e.code === 'other' ? t.otherCountries : ctx.country(e.code), e.value])),
      ],
    },
    {
      id: 'forms',
      heading: t.forms.heading,
      paragraphs: t.forms.paragraphs(ctx),
      charts: [
        {
          id: 'formsByGender',
          title: t.charts.formsByGender,
          kind: 'stacked',
          categories: forms.map((f) => ctx.code('exploitationForm', f)),
          series: genders
            .filter((g) => forms.some((f) => v(`exploitations.byForm.${f}.byGender.${g}`) > 0))
            .map((g) => ({ name: ctx.code('gender', g), values: forms.map((f) => v(`exploitations.byForm.${f}.byGender.${g}`)) })),
        },
      ],
    },
    {
      id: 'inFinland',
      heading: t.inFinland.heading,
      paragraphs: t.inFinland.paragraphs(ctx),
      charts: [
        chart('industries', t.charts.industries, 'bar', breakdown(figures, 'inFinland.forcedLabour.byIndustry').map((e) => [ctx.code('industry', e.code), e.value])),
        chart('residenceStatus', t.charts.residenceStatus, 'bar', breakdown(figures, 'inFinland.byResidenceStatus').map((e) => [ctx.code('residenceStatus', e.code), e.value])),
      ],
    },
    {
      id: 'stock',
      heading: t.stock.heading(dateShort(refDate, lang)),
      paragraphs: t.stock.paragraphs(ctx, refDate),
      charts: [],
    },
  ];

  return {
    lang,
    title: t.title(input.year, input.half),
    periodLabel: t.periodLabel(input.year, input.half),
    introduction: input.organisation.introduction,
    contacts: input.organisation.contacts,
    sections,
    threshold: input.threshold,
  };
}

const AGE_ORDER = ['under_18', '18_29', '30_39', '40_49', '50_59', '60_plus'];

function chart(id: string, title: string, kind: ChartSpec['kind'], entries: (readonly [string, number])[]): ChartSpec {
  return { id, title, kind, categories: entries.map(([c]) => c), series: [{ name: title, values: entries.map(([, x]) => x) }] };
}

export type SentenceContext = {
  figures: Figures;
  lang: Language;
  v(id: string): number;
  share(id: string): number;
  n(x: number): string;
  pct(share: number): string;
  words(x: number): string;
  cap(text: string): string;
  list(items: string[]): string;
  year: number;
  code(list: Parameters<typeof codeLabel>[0], code: string): string;
  country(code: string): string;
  wholePercent(share: number): number;
  /** The release's disclosure threshold (nationalities under it are grouped). */
  threshold: number;
};
