/**
 * Reading the figure catalogue (statistics.md §1) for display: what a figure id means, the
 * cells of a breakdown, and shares as the overview prints them. Pure: no i18n, no React.
 */
import type { CodeListName } from '../../../domain/codes';
import type { Figure, Figures } from '../../api/statistics';

/** Figures with a name of their own, by id; the value is the key of the name in the locales. */
export const SCALAR_FIGURES = {
  'applications.received': 'applicationsReceived',
  'applications.byChannelGroup.migri': 'applicationsMigri',
  'decisions.admission': 'admissions',
  'decisions.rejection': 'rejections',
  'reflectionPeriods.granted': 'reflectionPeriods',
  'clientships.ended': 'ended',
  'clientships.ended.byReasonGroup.left_or_disappeared': 'endedLeftOrDisappeared',
  'newClients.victims': 'newVictims',
  'newClients.children': 'newChildren',
  'newClients.minors': 'newMinors',
  'newClients.nationalities': 'newNationalities',
  'newClients.finnish.exploitedOnlyAbroad': 'finnishOnlyAbroad',
  'exploitations.total': 'exploitations',
  'inFinland.victims': 'inFinlandVictims',
  'inFinland.nationalities': 'inFinlandNationalities',
  'inFinland.exploitations': 'inFinlandExploitations',
  'inFinland.repeatedVictims': 'inFinlandRepeated',
  'inFinland.forcedLabour.victims': 'inFinlandForcedLabour',
  'inFinland.byResidenceStatusGroup.residence_permit': 'inFinlandResidencePermit',
  'stock.clients': 'stockClients',
  'stock.victims.minors': 'stockMinors',
  'stock.victims.admittedAsMinors': 'stockAdmittedAsMinors',
} as const;
export type ScalarKey = (typeof SCALAR_FIGURES)[keyof typeof SCALAR_FIGURES];

/** What the categories of a breakdown are: a code list of the domain, or countries. */
export type CategoryKind = CodeListName | 'country';

export interface BreakdownSpec {
  /** Figures `<prefix>.<code>`. */
  prefix: string;
  /** Key of the breakdown's name in the locales. */
  key: BreakdownKey;
  category: CategoryKind;
  /** The figure the shares are of. */
  base: string;
  /** Largest first (nationalities, industries); otherwise in the order of the code list. */
  ranked?: boolean;
}

export const BREAKDOWN_KEYS = [
  'applicationsByChannel',
  'rejectionsByReason',
  'endedByReason',
  'newVictimsByGender',
  'newVictimsByAgeGroup',
  'newVictimsByNationality',
  'exploitationsByForm',
  'inFinlandByGender',
  'inFinlandByNationality',
  'inFinlandByForm',
  'inFinlandByIndustry',
  'inFinlandRepeatedByGender',
  'inFinlandByResidenceStatus',
  'stockByCategory',
  'stockVictimsByGender',
] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];

/** Every breakdown of the catalogue; longer prefixes first, so that the most specific one matches. */
export const BREAKDOWNS: readonly BreakdownSpec[] = [
  { prefix: 'applications.byChannel', key: 'applicationsByChannel', category: 'applicationChannel', base: 'applications.received' },
  { prefix: 'decisions.rejection.byReason', key: 'rejectionsByReason', category: 'rejectionReason', base: 'decisions.rejection' },
  { prefix: 'clientships.ended.byReason', key: 'endedByReason', category: 'endReason', base: 'clientships.ended' },
  { prefix: 'newClients.byGender', key: 'newVictimsByGender', category: 'gender', base: 'newClients.victims' },
  { prefix: 'newClients.byAgeGroup', key: 'newVictimsByAgeGroup', category: 'ageGroup', base: 'newClients.victims' },
  { prefix: 'newClients.byNationality', key: 'newVictimsByNationality', category: 'country', base: 'newClients.victims', ranked: true },
  { prefix: 'exploitations.byForm', key: 'exploitationsByForm', category: 'exploitationForm', base: 'exploitations.total' },
  { prefix: 'inFinland.byGender', key: 'inFinlandByGender', category: 'gender', base: 'inFinland.victims' },
  { prefix: 'inFinland.byNationality', key: 'inFinlandByNationality', category: 'country', base: 'inFinland.victims', ranked: true },
  { prefix: 'inFinland.byForm', key: 'inFinlandByForm', category: 'exploitationForm', base: 'inFinland.exploitations' },
  { prefix: 'inFinland.forcedLabour.byIndustry', key: 'inFinlandByIndustry', category: 'industry', base: 'inFinland.byForm.forced_labour', ranked: true },
  { prefix: 'inFinland.repeatedVictims.byGender', key: 'inFinlandRepeatedByGender', category: 'gender', base: 'inFinland.repeatedVictims' },
  { prefix: 'inFinland.byResidenceStatus', key: 'inFinlandByResidenceStatus', category: 'residenceStatus', base: 'inFinland.victims' },
  { prefix: 'stock.byCategory', key: 'stockByCategory', category: 'clientCategory', base: 'stock.clients' },
  { prefix: 'stock.victims.byGender', key: 'stockVictimsByGender', category: 'gender', base: 'stock.byCategory.victim' },
];

export function breakdownSpec(key: BreakdownKey): BreakdownSpec {
  const spec = BREAKDOWNS.find((b) => b.key === key);
  if (!spec) throw new Error(`No breakdown ${key}`);
  return spec;
}

const FORM_BY_GENDER = /^exploitations\.byForm\.([^.]+)\.byGender\.([^.]+)$/;
const PREVIOUS = 'previous.';

/** What a figure id means, for naming it in the UI. */
export type FigureMeaning =
  | { kind: 'scalar'; key: ScalarKey; previous: boolean }
  | { kind: 'breakdown'; spec: BreakdownSpec; code: string; previous: boolean }
  | { kind: 'formByGender'; form: string; gender: string; previous: boolean }
  | { kind: 'unknown'; id: string };

function isScalarId(id: string): id is keyof typeof SCALAR_FIGURES {
  return Object.hasOwn(SCALAR_FIGURES, id);
}

export function meaningOf(id: string): FigureMeaning {
  const previous = id.startsWith(PREVIOUS);
  const rest = previous ? id.slice(PREVIOUS.length) : id;
  if (isScalarId(rest)) return { kind: 'scalar', key: SCALAR_FIGURES[rest], previous };
  const formByGender = FORM_BY_GENDER.exec(rest);
  if (formByGender?.[1] && formByGender[2]) return { kind: 'formByGender', form: formByGender[1], gender: formByGender[2], previous };
  for (const spec of BREAKDOWNS) {
    const head = `${spec.prefix}.`;
    if (!rest.startsWith(head)) continue;
    const code = rest.slice(head.length);
    if (code && !code.includes('.')) return { kind: 'breakdown', spec, code, previous };
  }
  return { kind: 'unknown', id };
}

/** The codes of a breakdown present in the figures (cells exist only when non-zero). */
export function codesOf(figures: Figures, prefix: string): string[] {
  const head = `${prefix}.`;
  return Object.keys(figures)
    .filter((id) => id.startsWith(head) && !id.slice(head.length).includes('.'))
    .map((id) => id.slice(head.length));
}

export interface BreakdownRow {
  code: string;
  id: string;
  figure: Figure;
}

/**
 * The cells of a breakdown in display order: ranked ones largest first (ties by code), others in
 * the order of their code list with codes it does not know after; a grouped `other` always last.
 */
export function breakdownRows(figures: Figures, spec: BreakdownSpec, listOrder: readonly string[]): BreakdownRow[] {
  const position = (code: string) => {
    const index = listOrder.indexOf(code);
    return index === -1 ? listOrder.length : index;
  };
  const rows = codesOf(figures, spec.prefix).map((code) => {
    const id = `${spec.prefix}.${code}`;
    return { code, id, figure: figures[id] ?? { value: null } };
  });
  const last = (code: string) => (spec.category === 'country' && code === 'other') || code === 'unknown';
  return rows.sort((a, b) => {
    if (last(a.code) !== last(b.code)) return last(a.code) ? 1 : -1;
    if (spec.ranked) {
      const difference = (b.figure.value ?? -1) - (a.figure.value ?? -1);
      if (difference !== 0) return difference;
    } else {
      const difference = position(a.code) - position(b.code);
      if (difference !== 0) return difference;
    }
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/**
 * A share in whole percent, rounded half up as the overview prints it. From the counts when the
 * base is known (exact), else from the share.
 */
export function wholePercent(figure: Figure, figures: Figures): number | null {
  if (figure.value === null || figure.share === undefined) return null;
  const base = figure.base === undefined ? undefined : figures[figure.base]?.value;
  if (typeof base === 'number' && base > 0 && Number.isInteger(base) && Number.isInteger(figure.value)) {
    return Math.floor((200 * figure.value + base) / (2 * base));
  }
  return Math.floor(figure.share * 100 + 0.5 + 1e-9);
}

/** The cells of the chart of forms by gender: forms as rows, genders as columns. */
export interface FormGenderTable {
  forms: string[];
  genders: string[];
  cell: (form: string, gender: string) => Figure | undefined;
}

export function formGenderTable(figures: Figures, formOrder: readonly string[], genderOrder: readonly string[]): FormGenderTable {
  const forms = new Set<string>();
  const genders = new Set<string>();
  for (const id of Object.keys(figures)) {
    const match = FORM_BY_GENDER.exec(id);
    if (match?.[1] && match[2]) {
      forms.add(match[1]);
      genders.add(match[2]);
    }
  }
  for (const code of codesOf(figures, 'exploitations.byForm')) forms.add(code);
  const ordered = (codes: Set<string>, order: readonly string[]) =>
    [...codes].sort((a, b) => {
      const pa = order.indexOf(a) === -1 ? order.length : order.indexOf(a);
      const pb = order.indexOf(b) === -1 ? order.length : order.indexOf(b);
      return pa - pb || (a < b ? -1 : a > b ? 1 : 0);
    });
  return {
    forms: ordered(forms, formOrder),
    genders: ordered(genders, genderOrder),
    cell: (form, gender) => figures[`exploitations.byForm.${form}.byGender.${gender}`],
  };
}

/** The main figures offered for the trend across years. */
export const TREND_FIGURES = [
  'applications.received',
  'decisions.admission',
  'decisions.rejection',
  'reflectionPeriods.granted',
  'clientships.ended',
  'newClients.victims',
  'newClients.children',
  'newClients.minors',
  'newClients.nationalities',
  'exploitations.total',
  'inFinland.victims',
  'inFinland.forcedLabour.victims',
  'stock.clients',
] as const;

/** The key figures of the dashboard's cards. */
export const KEY_FIGURES = [
  'applications.received',
  'decisions.admission',
  'decisions.rejection',
  'clientships.ended',
  'newClients.victims',
  'newClients.children',
  'stock.clients',
] as const;

/** The first year with records; the select offers every year from it to the current one. */
export const FIRST_YEAR = 2006;

/** "sha256:0123456789ab…" → "sha256:01234567…" for tables; the full hash goes in a tooltip. */
export function shortHash(hash: string, length = 12): string {
  const [algorithm, hex] = hash.includes(':') ? hash.split(':', 2) : ['', hash];
  if (!hex || hex.length <= length) return hash;
  return `${algorithm ? `${algorithm}:` : ''}${hex.slice(0, length)}…`;
}

const EXPLAINABLE_IDS: ReadonlySet<string> = new Set([
  'applications.received',
  'decisions.admission',
  'decisions.rejection',
  'reflectionPeriods.granted',
  'clientships.ended',
  'clientships.ended.byReasonGroup.left_or_disappeared',
  'newClients.victims',
  'newClients.children',
  'newClients.minors',
  'stock.clients',
]);
const EXPLAINABLE_PATTERNS: readonly RegExp[] = [
  /^applications\.byChannel\.[a-z_]+$/,
  /^decisions\.rejection\.byReason\.[a-z_]+$/,
  /^clientships\.ended\.byReason\.[a-z_]+$/,
  /^newClients\.byGender\.[a-z_]+$/,
  /^newClients\.byAgeGroup\.(under_18|18_29|30_39|40_49|50_59|60_plus)$/,
  // A named nationality; the grouped `other` is a mix of small groups and is not listed.
  /^newClients\.byNationality\.[A-Z]{2}$/,
  /^stock\.byCategory\.[a-z_]+$/,
  /^stock\.victims\.byGender\.[a-z_]+$/,
];

/** Whether the server can list the records behind a figure (GET /api/statistics/explain). */
export function isExplainable(id: string): boolean {
  return EXPLAINABLE_IDS.has(id) || EXPLAINABLE_PATTERNS.some((pattern) => pattern.test(id));
}
