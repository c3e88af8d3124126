/**
 * The few fixed words of the rendered overview (labels of the layout, not of the statistics):
 * the sentences themselves come from the document model.
 */
import type { Language } from '../../../domain/codes.js';
import { formatNumber, inWords } from '../overview/format.js';
import { OVERVIEW_TEXTS } from '../overview/texts.js';

export interface RenderStrings {
  /** The kind of publication, over the title. */
  publication: string;
  moreInformation: string;
  phone: string;
  email: string;
  /** "Figur 1." */
  figure(n: number): string;
  /** What a chart is, for one who cannot see it (the PDF's alternative text): its caption, and where its numbers are. */
  figureAlt(caption: string): string;
  count: string;
  share: string;
  total: string;
  /** The name of a chart's categories, by chart id; `category` when the chart is not listed. */
  dimensions: Record<string, string>;
  category: string;
  /** The stock of clients by category, a table without a chart. */
  stockByCategory(stockHeading: string): string;
  page: string;
  /** The disclosure rule as the footer states it: nationalities under T are grouped. */
  groupingNote(threshold: number, otherCountries: string): string;
  /** With T = 0 nothing is protected: the document is for internal use only. */
  internalNote: string;
  /** Open-data tables: what a suppressed cell means. */
  suppressedNote(threshold: number): string;
  /** Open-data tables: what the grouped row of nationalities holds. */
  otherCountriesNote(label: string, members: number | undefined, threshold: number): string;
  footnoteColumn: string;
  footnotes: string;
  noData: string;
}

const sv: RenderStrings = {
  publication: 'Statistisk översikt',
  moreInformation: 'Ytterligare information',
  phone: 'Tfn',
  email: 'E-post',
  figure: (n) => `Figur ${n}.`,
  figureAlt: (caption) => `${caption} Diagrammets siffror finns i tabellen efter det.`,
  count: 'Antal',
  share: 'Andel',
  total: 'Totalt',
  dimensions: {
    applicationsByChannel: 'Sökande',
    rejectionReasons: 'Orsak',
    endReasons: 'Orsak',
    newClientsByGender: 'Kön',
    newClientsByAge: 'Åldersgrupp',
    newClientsByNationality: 'Nationalitet',
    formsByGender: 'Form av utnyttjande',
    industries: 'Bransch',
    residenceStatus: 'Uppehållsstatus',
    stockByCategory: 'Kategori',
  },
  category: 'Kategori',
  stockByCategory: (heading) => `${heading} enligt kategori`,
  page: 'Sida',
  groupingNote: (t, other) => `Nationaliteter med färre än ${inWords(t, 'sv')} personer redovisas som ${other}, så att ingen enskild person kan identifieras.`,
  internalNote: 'Intern version: uppgifterna har inte skyddats (tröskelvärde 0). Får inte publiceras.',
  suppressedNote: (t) => `Uppgiften har skyddats för att enskilda personer inte ska kunna identifieras: antal från 1 till ${formatNumber(t - 1, 'sv')} samt antal som de skulle kunna räknas ut ur.`,
  otherCountriesNote: (label, members, t) =>
    `${label}: ${members !== undefined ? `${formatNumber(members, 'sv')} nationaliteter` : 'nationaliteter'} med färre än ${formatNumber(t, 'sv')} personer var.`,
  footnoteColumn: 'Fotnot',
  footnotes: 'Fotnoter',
  noData: 'Inga uppgifter',
};

const fi: RenderStrings = {
  publication: 'Tilastokatsaus',
  moreInformation: 'Lisätietoja',
  phone: 'Puh.',
  email: 'Sähköposti',
  figure: (n) => `Kuvio ${n}.`,
  figureAlt: (caption) => `${caption} Kuvion luvut ovat sen jälkeisessä taulukossa.`,
  count: 'Lukumäärä',
  share: 'Osuus',
  total: 'Yhteensä',
  dimensions: {
    applicationsByChannel: 'Hakija',
    rejectionReasons: 'Syy',
    endReasons: 'Syy',
    newClientsByGender: 'Sukupuoli',
    newClientsByAge: 'Ikäryhmä',
    newClientsByNationality: 'Kansalaisuus',
    formsByGender: 'Hyväksikäytön muoto',
    industries: 'Toimiala',
    residenceStatus: 'Oleskeluasema',
    stockByCategory: 'Asiakasryhmä',
  },
  category: 'Luokka',
  stockByCategory: (heading) => `${heading} asiakasryhmän mukaan`,
  page: 'Sivu',
  groupingNote: (t, other) => `Kansalaisuudet, joita on alle ${inWords(t, 'fi')} henkilöä, esitetään ryhmässä ${other}, jotta yksittäistä henkilöä ei voi tunnistaa.`,
  internalNote: 'Sisäinen versio: tietoja ei ole suojattu (kynnysarvo 0). Ei julkaistavaksi.',
  suppressedNote: (t) => `Tieto on salattu yksittäisten henkilöiden suojaamiseksi: lukumäärät 1–${formatNumber(t - 1, 'fi')} sekä lukumäärät, joista ne voisi päätellä.`,
  otherCountriesNote: (label, members, t) =>
    `${label}: ${members !== undefined ? `${formatNumber(members, 'fi')} kansalaisuutta` : 'kansalaisuudet'}, joita kutakin on alle ${formatNumber(t, 'fi')} henkilöä.`,
  footnoteColumn: 'Alaviite',
  footnotes: 'Alaviitteet',
  noData: 'Ei tietoja',
};

const en: RenderStrings = {
  publication: 'Statistical overview',
  moreInformation: 'Further information',
  phone: 'Tel.',
  email: 'Email',
  figure: (n) => `Figure ${n}.`,
  figureAlt: (caption) => `${caption} The chart's numbers are in the table that follows it.`,
  count: 'Number',
  share: 'Share',
  total: 'Total',
  dimensions: {
    applicationsByChannel: 'Applicant',
    rejectionReasons: 'Reason',
    endReasons: 'Reason',
    newClientsByGender: 'Gender',
    newClientsByAge: 'Age group',
    newClientsByNationality: 'Nationality',
    formsByGender: 'Form of exploitation',
    industries: 'Industry',
    residenceStatus: 'Residence status',
    stockByCategory: 'Category',
  },
  category: 'Category',
  stockByCategory: (heading) => `${heading}, by category`,
  page: 'Page',
  groupingNote: (t, other) => `Nationalities with fewer than ${inWords(t, 'en')} persons are shown as ${other}, so that no individual can be identified.`,
  internalNote: 'Internal version: disclosure control is off (threshold 0). Not for publication.',
  suppressedNote: (t) => `Suppressed to protect individuals: counts from 1 to ${formatNumber(t - 1, 'en')}, and counts from which they could be worked out.`,
  otherCountriesNote: (label, members, t) =>
    `${label}: ${members !== undefined ? `${formatNumber(members, 'en')} nationalities` : 'nationalities'} with fewer than ${formatNumber(t, 'en')} persons each.`,
  footnoteColumn: 'Footnote',
  footnotes: 'Footnotes',
  noData: 'No data',
};

export const RENDER_STRINGS: Record<Language, RenderStrings> = { sv, fi, en };

/** The note at the end of the document: the grouping rule, or that nothing is protected. */
export function disclosureNote(lang: Language, threshold: number): string {
  const s = RENDER_STRINGS[lang];
  return threshold === 0 ? s.internalNote : s.groupingNote(threshold, OVERVIEW_TEXTS[lang].otherCountries);
}

export function dimensionOf(lang: Language, chartId: string): string {
  const s = RENDER_STRINGS[lang];
  return Object.hasOwn(s.dimensions, chartId) ? s.dimensions[chartId]! : s.category;
}
