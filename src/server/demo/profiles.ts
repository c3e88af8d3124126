/**
 * Kinds of cases for the years before 2025, whose figures the overview does not print: who the
 * victims were, where and how they were exploited, and their residence status, changing with
 * the years roughly as the assistance system's history went (construction and restaurants and
 * Thai berry pickers early on, forced marriage counted from 2015, seasonal work permits from
 * 2018, wellbeing services counties from 2023).
 */
import { EU_NATIONALITIES } from './names.js';
import type { Rng } from './random.js';
import type { Form, Gender } from './tables2025.js';

export interface PlannedRecord {
  form: Form;
  country: string;
  industry: string | null;
  primary: boolean;
}

export type ProfileId = 'fl_fi' | 'se_fi' | 'fm_fi' | 'ca_fi' | 'fm_abroad' | 'se_abroad' | 'fl_abroad' | 'domestic_abroad' | 'ca_abroad' | 'begging' | 'other';

type Weights = readonly (readonly [string, number])[];

export interface Profile {
  pFemale: number;
  /** Whether minors are among such victims (not in work-permit labour). */
  minorOk: boolean;
  nationalities(year: number): Weights;
  status(rng: Rng, year: number, nat: string, industry: string | null): string;
  records(rng: Rng, year: number, nat: string, gender: Gender): PlannedRecord[];
}

/** 0: 2006–2011, 1: 2012–2014, 2: 2015–2019, 3: 2020–2024 (and 2025 for applicants). */
export function era(year: number): 0 | 1 | 2 | 3 {
  return year <= 2011 ? 0 : year <= 2014 ? 1 : year <= 2019 ? 2 : 3;
}

const byEra = (year: number, tables: readonly [Weights, Weights, Weights, Weights]): Weights => tables[era(year)];

function statusFor(rng: Rng, year: number, nat: string, weights: Weights): string {
  if (nat === 'FI') return 'finnish_citizen';
  if (EU_NATIONALITIES.has(nat)) return 'eu_citizen';
  if (nat === 'UA' && year >= 2022 && rng.chance(0.6)) return 'temporary_protection';
  return rng.weighted(weights);
}

const REGION: Readonly<Record<string, string>> = {
  NG: 'westAfrica', GH: 'westAfrica', SL: 'westAfrica', GM: 'westAfrica', CM: 'westAfrica', CI: 'westAfrica', GN: 'westAfrica', SN: 'westAfrica', CD: 'westAfrica',
  ER: 'horn', ET: 'horn', SO: 'horn', SD: 'horn', KE: 'horn', UG: 'horn',
  IQ: 'middleEast', SY: 'middleEast', AF: 'middleEast', IR: 'middleEast', YE: 'middleEast', EG: 'middleEast', MA: 'middleEast', DZ: 'middleEast', TN: 'middleEast', TR: 'middleEast',
  NP: 'southAsia', BD: 'southAsia', IN: 'southAsia', LK: 'southAsia', PK: 'southAsia',
  VN: 'eastAsia', CN: 'eastAsia', TH: 'eastAsia', PH: 'eastAsia', ID: 'eastAsia', MM: 'eastAsia', MN: 'eastAsia',
  UA: 'eastEurope', RU: 'eastEurope', BY: 'eastEurope', MD: 'eastEurope', GE: 'eastEurope', UZ: 'eastEurope', KG: 'eastEurope', TJ: 'eastEurope', KZ: 'eastEurope', AL: 'eastEurope',
  RO: 'eu', BG: 'eu', EE: 'eu', LV: 'eu', LT: 'eu', PL: 'eu',
  BR: 'latam', CO: 'latam', VE: 'latam', DO: 'latam', AO: 'latam',
  FI: 'eu',
};

const ABROAD: Readonly<Record<string, Partial<Record<Form | 'domestic', readonly string[]>>>> = {
  westAfrica: { sexual_exploitation: ['IT', 'IT', 'ES', 'FR', 'LY', 'MA', 'DE', 'AT'], forced_labour: ['LY', 'MA', 'IT'], criminal_activities: ['ES', 'IT'], domestic: ['LB', 'SA'], begging: ['IT'], other: ['LY'] },
  horn: { sexual_exploitation: ['LY', 'SD', 'EG'], forced_labour: ['LY', 'SA', 'YE', 'SD'], forced_marriage: ['KE', 'ET'], domestic: ['SA', 'LB', 'AE'], criminal_activities: ['LY'], other: ['LY'] },
  middleEast: { forced_labour: ['IR', 'TR', 'GR', 'LY'], sexual_exploitation: ['TR', 'GR'], forced_marriage: ['IR', 'TR'], criminal_activities: ['IR', 'TR', 'FR'], begging: ['IR', 'TR'], domestic: ['IR', 'TR'], other: ['TR'] },
  southAsia: { forced_labour: ['MY', 'QA', 'SA', 'AE', 'KW'], domestic: ['SA', 'KW', 'AE', 'OM'], sexual_exploitation: ['AE', 'MY'], other: ['MY'] },
  eastAsia: { sexual_exploitation: ['DE', 'FR', 'MY', 'RU', 'KR', 'JP'], forced_labour: ['RU', 'GB', 'MY', 'KR'], criminal_activities: ['GB', 'DE'], domestic: ['HK', 'SA', 'AE', 'MY'], forced_marriage: ['CN'], other: ['MY'] },
  eastEurope: { sexual_exploitation: ['TR', 'AE', 'DE', 'PL', 'IL'], forced_labour: ['RU', 'PL', 'CZ'], criminal_activities: ['DE', 'PL'], domestic: ['TR', 'RU'], other: ['RU'] },
  eu: { sexual_exploitation: ['DE', 'NL', 'GB', 'SE', 'IT'], forced_labour: ['GB', 'NL', 'DE'], begging: ['SE', 'DK', 'NO'], criminal_activities: ['SE', 'GB'], forced_marriage: ['IE', 'CY'], domestic: ['GB'], other: ['DE'] },
  latam: { sexual_exploitation: ['ES', 'PT', 'IT'], forced_labour: ['ES', 'PT'], domestic: ['ES'], other: ['ES'] },
};

/** A country abroad where such exploitation of a person of that nationality plausibly happened. */
export function abroadCountry(rng: Rng, form: Form | 'domestic', nat: string): string {
  const region = ABROAD[REGION[nat] ?? 'middleEast'] ?? {};
  if (form === 'forced_marriage' && nat !== 'FI' && rng.chance(0.6)) return nat;
  const list = region[form] ?? region.forced_labour ?? ['DE'];
  return rng.pick(list);
}

const FL_FI_NATS: readonly [Weights, Weights, Weights, Weights] = [
  [['UA', 12], ['RU', 10], ['EE', 8], ['TH', 12], ['CN', 10], ['VN', 8], ['BD', 5], ['IN', 6], ['TR', 5], ['PL', 4], ['BG', 3], ['RO', 3], ['LT', 3]],
  [['TH', 12], ['VN', 10], ['UA', 10], ['CN', 8], ['BD', 6], ['IN', 7], ['RU', 6], ['EE', 4], ['RO', 4], ['BG', 3], ['TR', 4], ['PL', 3], ['LK', 3], ['PH', 3]],
  [['TH', 10], ['VN', 10], ['BD', 8], ['IN', 8], ['NP', 5], ['LK', 5], ['UA', 10], ['CN', 5], ['PH', 6], ['PK', 4], ['RU', 4], ['EE', 2], ['RO', 4], ['BG', 2], ['TR', 3], ['UZ', 2]],
  [['NP', 12], ['VN', 10], ['BD', 8], ['IN', 8], ['LK', 7], ['UA', 10], ['TH', 8], ['PH', 6], ['UZ', 5], ['KG', 3], ['PK', 4], ['CN', 3], ['RU', 2], ['RO', 3], ['TR', 2], ['MD', 2]],
];

const FL_FI_INDUSTRIES: readonly [Weights, Weights, Weights, Weights] = [
  [['construction', 25], ['restaurant', 20], ['cleaning', 12], ['agriculture', 12], ['wild_berry_picking', 12], ['domestic_work', 4], ['transport', 5], ['manufacturing', 5], ['other', 5]],
  [['restaurant', 25], ['construction', 20], ['cleaning', 14], ['agriculture', 12], ['wild_berry_picking', 10], ['horticulture', 6], ['transport', 4], ['manufacturing', 4], ['beauty', 2], ['other', 3]],
  [['restaurant', 28], ['construction', 15], ['cleaning', 14], ['agriculture', 12], ['horticulture', 8], ['wild_berry_picking', 8], ['transport', 4], ['beauty', 3], ['domestic_work', 3], ['other', 5]],
  [['restaurant', 26], ['agriculture', 14], ['horticulture', 11], ['construction', 12], ['cleaning', 12], ['forestry', 8], ['wild_berry_picking', 5], ['transport', 4], ['beauty', 3], ['domestic_work', 3], ['other', 2]],
];
const WOMEN_INDUSTRY: Readonly<Record<string, number>> = { cleaning: 2.5, restaurant: 1.5, domestic_work: 4, beauty: 4, horticulture: 1.5, construction: 0.1, forestry: 0.1, transport: 0.2 };
const SEASONAL = new Set(['agriculture', 'horticulture', 'forestry', 'wild_berry_picking']);

function secondaryAbroad(rng: Rng, nat: string, forms: readonly (readonly [Form | 'domestic', number])[]): PlannedRecord {
  const form = rng.weighted(forms);
  if (form === 'domestic') return { form: 'forced_labour', country: abroadCountry(rng, 'domestic', nat), industry: 'domestic_work', primary: false };
  const industry = form === 'forced_labour' ? rng.pick(['construction', 'agriculture', 'manufacturing', 'other']) : null;
  return { form, country: abroadCountry(rng, form, nat), industry, primary: false };
}

const GENERIC_STATUS: Weights = [['visa', 25], ['no_legal_residence', 30], ['asylum_seeker', 20], ['other_permit', 10], ['family_permit', 5], ['student_permit', 5], ['worker_permit', 5]];

export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  fl_fi: {
    pFemale: 0.3,
    minorOk: false,
    nationalities: (y) => byEra(y, FL_FI_NATS),
    status(rng, year, nat, industry) {
      if (industry && SEASONAL.has(industry)) {
        return statusFor(rng, year, nat, year >= 2018 ? [['seasonal_work_permit', 55], ['visa', 20], ['worker_permit', 10], ['no_legal_residence', 10], ['asylum_seeker', 5]] : [['visa', 45], ['worker_permit', 30], ['no_legal_residence', 20], ['asylum_seeker', 5]]);
      }
      return statusFor(rng, year, nat, [['worker_permit', 45], ['student_permit', 12], ['family_permit', 12], ['no_legal_residence', 15], ['asylum_seeker', 8], ['other_permit', 5], ['visa', 3]]);
    },
    records(rng, year, nat, gender) {
      const weights = byEra(year, FL_FI_INDUSTRIES).map(([industry, w]) => {
        let weight = w * (gender === 'female' ? (WOMEN_INDUSTRY[industry] ?? 1) : 1);
        if (nat === 'TH' && industry === 'wild_berry_picking') weight *= 6;
        if (nat === 'VN' && industry === 'beauty') weight *= 3;
        return [industry, weight] as const;
      });
      const industry = rng.weighted(weights);
      const records: PlannedRecord[] = [{ form: 'forced_labour', country: 'FI', industry, primary: true }];
      if (rng.chance(0.1)) {
        records.push(gender === 'female' && rng.chance(0.5) ? { form: 'sexual_exploitation', country: 'FI', industry: null, primary: false } : secondaryAbroad(rng, nat, [['forced_labour', 1]]));
      }
      return records;
    },
  },
  se_fi: {
    pFemale: 0.93,
    minorOk: true,
    nationalities: (y) =>
      byEra(y, [
        [['RU', 22], ['EE', 15], ['NG', 8], ['FI', 8], ['RO', 8], ['TH', 8], ['CN', 6], ['BG', 5], ['LT', 4], ['LV', 3], ['UA', 6]],
        [['RU', 14], ['EE', 8], ['NG', 12], ['FI', 12], ['RO', 10], ['TH', 8], ['CN', 6], ['BG', 5], ['UA', 5], ['BR', 3], ['LT', 3]],
        [['NG', 14], ['FI', 15], ['RO', 10], ['TH', 8], ['RU', 8], ['CN', 6], ['BG', 5], ['VN', 5], ['BR', 4], ['UA', 5], ['CM', 3], ['CO', 2]],
        [['FI', 20], ['NG', 10], ['RO', 8], ['TH', 8], ['RU', 6], ['VN', 5], ['CN', 5], ['BR', 4], ['CO', 4], ['UA', 5], ['GE', 3], ['MN', 3], ['VE', 2]],
      ]),
    status: (rng, year, nat) => statusFor(rng, year, nat, GENERIC_STATUS),
    records(rng, _year, nat) {
      const records: PlannedRecord[] = [{ form: 'sexual_exploitation', country: 'FI', industry: null, primary: true }];
      if (rng.chance(0.15)) {
        const kind = rng.weighted([['abroad', 6], ['ca', 2], ['other', 2]] as const);
        records.push(kind === 'abroad' ? secondaryAbroad(rng, nat, [['sexual_exploitation', 1]]) : { form: kind === 'ca' ? 'criminal_activities' : 'other', country: 'FI', industry: null, primary: false });
      }
      return records;
    },
  },
  fm_fi: {
    pFemale: 0.93,
    minorOk: true,
    nationalities: () => [['FI', 25], ['SO', 20], ['IQ', 15], ['AF', 12], ['SY', 8], ['TR', 6], ['PK', 4], ['MA', 4], ['BD', 3], ['IN', 3]],
    status: (rng, year, nat) => statusFor(rng, year, nat, [['family_permit', 40], ['international_protection', 35], ['asylum_seeker', 15], ['other_permit', 10]]),
    records(rng, _year, nat) {
      const records: PlannedRecord[] = [{ form: 'forced_marriage', country: 'FI', industry: null, primary: true }];
      if (rng.chance(0.12)) records.push(rng.chance(0.5) ? { form: 'sexual_exploitation', country: 'FI', industry: null, primary: false } : secondaryAbroad(rng, nat, [['forced_marriage', 1]]));
      return records;
    },
  },
  ca_fi: {
    pFemale: 0.4,
    minorOk: true,
    nationalities: () => [['FI', 35], ['VN', 15], ['RO', 10], ['NG', 8], ['EE', 6], ['LT', 6], ['UA', 5], ['RU', 5], ['AL', 4], ['MA', 4]],
    status: (rng, year, nat) => statusFor(rng, year, nat, [['no_legal_residence', 40], ['asylum_seeker', 30], ['visa', 15], ['other_permit', 15]]),
    records(rng, _year, nat) {
      const records: PlannedRecord[] = [{ form: 'criminal_activities', country: 'FI', industry: null, primary: true }];
      if (rng.chance(0.1)) records.push(secondaryAbroad(rng, nat, [['criminal_activities', 1]]));
      return records;
    },
  },
  fm_abroad: {
    pFemale: 0.92,
    minorOk: true,
    nationalities: () => [['SO', 30], ['AF', 20], ['IQ', 18], ['SY', 10], ['ER', 6], ['IR', 6], ['TR', 3], ['ET', 3], ['PK', 2], ['BD', 2]],
    status: (rng, year, nat) => statusFor(rng, year, nat, [['asylum_seeker', 55], ['international_protection', 30], ['family_permit', 15]]),
    records(rng, _year, nat) {
      const records: PlannedRecord[] = [{ form: 'forced_marriage', country: abroadCountry(rng, 'forced_marriage', nat), industry: null, primary: true }];
      if (rng.chance(0.15)) records.push(secondaryAbroad(rng, nat, [['domestic', 3], ['sexual_exploitation', 1]]));
      return records;
    },
  },
  se_abroad: {
    pFemale: 0.95,
    minorOk: true,
    nationalities: (y) => [['NG', 35], ['CM', 6], ['CI', 4], ['GH', 4], ['SL', 3], ['ER', 4], ['ET', 3], ['RU', 5], ['UA', y >= 2022 ? 8 : 5], ['RO', 3], ['CN', 5], ['TH', 5], ['VN', 4], ['AL', 3], ['BR', 3], ['GN', 2], ['CD', 2]],
    status: (rng, year, nat) => statusFor(rng, year, nat, [['asylum_seeker', 55], ['international_protection', 15], ['other_permit', 15], ['no_legal_residence', 10], ['visa', 5]]),
    records(rng, _year, nat) {
      const records: PlannedRecord[] = [{ form: 'sexual_exploitation', country: abroadCountry(rng, 'sexual_exploitation', nat), industry: null, primary: true }];
      if (rng.chance(0.2)) records.push(secondaryAbroad(rng, nat, [['forced_labour', 3], ['criminal_activities', 1], ['forced_marriage', 1]]));
      return records;
    },
  },
  fl_abroad: {
    pFemale: 0.25,
    minorOk: true,
    nationalities: () => [['AF', 12], ['IQ', 8], ['PK', 6], ['BD', 8], ['NP', 6], ['LK', 4], ['ER', 8], ['ET', 4], ['VN', 6], ['UA', 5], ['IN', 5], ['SD', 4], ['SO', 4], ['SY', 4]],
    status: (rng, year, nat) => statusFor(rng, year, nat, [['asylum_seeker', 60], ['international_protection', 25], ['other_permit', 10], ['no_legal_residence', 5]]),
    records(rng, _year, nat) {
      const industry = rng.weighted([['construction', 30], ['agriculture', 25], ['manufacturing', 15], ['domestic_work', 5], ['other', 25]] as const);
      const records: PlannedRecord[] = [{ form: 'forced_labour', country: abroadCountry(rng, industry === 'domestic_work' ? 'domestic' : 'forced_labour', nat), industry, primary: true }];
      if (rng.chance(0.12)) records.push(secondaryAbroad(rng, nat, [['criminal_activities', 1], ['sexual_exploitation', 1], ['begging', 1]]));
      return records;
    },
  },
  domestic_abroad: {
    pFemale: 0.92,
    minorOk: true,
    nationalities: () => [['PH', 20], ['LK', 10], ['ET', 10], ['KE', 8], ['UG', 6], ['ID', 6], ['IN', 5], ['NP', 5], ['BD', 3]],
    status: (rng, year, nat) => statusFor(rng, year, nat, [['other_permit', 40], ['asylum_seeker', 35], ['visa', 15], ['worker_permit', 10]]),
    records(rng, _year, nat) {
      const records: PlannedRecord[] = [{ form: 'forced_labour', country: abroadCountry(rng, 'domestic', nat), industry: 'domestic_work', primary: true }];
      if (rng.chance(0.1)) records.push(secondaryAbroad(rng, nat, [['sexual_exploitation', 1], ['forced_marriage', 1]]));
      return records;
    },
  },
  ca_abroad: {
    pFemale: 0.45,
    minorOk: true,
    nationalities: () => [['VN', 30], ['AF', 15], ['NG', 15], ['RO', 10], ['AL', 10], ['MA', 10], ['DZ', 10]],
    status: (rng, year, nat) => statusFor(rng, year, nat, [['asylum_seeker', 50], ['no_legal_residence', 30], ['international_protection', 20]]),
    records: (rng, _year, nat) => [{ form: 'criminal_activities', country: abroadCountry(rng, 'criminal_activities', nat), industry: null, primary: true }],
  },
  begging: {
    pFemale: 0.5,
    minorOk: true,
    nationalities: () => [['RO', 60], ['BG', 40]],
    status: (rng, year, nat) => statusFor(rng, year, nat, GENERIC_STATUS),
    records: (rng, _year, nat) => [{ form: 'begging', country: rng.chance(0.5) ? 'FI' : abroadCountry(rng, 'begging', nat), industry: null, primary: true }],
  },
  other: {
    pFemale: 0.6,
    minorOk: true,
    nationalities: () => [['FI', 10], ['RU', 5], ['NG', 5], ['VN', 5], ['IQ', 5], ['SO', 5], ['TH', 5], ['UA', 5], ['CN', 3], ['KE', 3]],
    status: (rng, year, nat) => statusFor(rng, year, nat, GENERIC_STATUS),
    records: (rng, _year, nat) => [{ form: 'other', country: nat === 'FI' || rng.chance(0.5) ? 'FI' : abroadCountry(rng, 'other', nat), industry: null, primary: true }],
  },
};

/** How the year's new victims divide among the kinds of cases. */
export function profileWeights(year: number): readonly (readonly [ProfileId, number])[] {
  const fm = year >= 2015;
  switch (era(year)) {
    case 0:
      return [['fl_fi', 38], ['se_fi', 28], ['se_abroad', 14], ['fl_abroad', 10], ['domestic_abroad', 3], ['ca_fi', 3], ['begging', 3], ['other', 1]];
    case 1:
      return [['fl_fi', 38], ['se_fi', 20], ['se_abroad', 16], ['fl_abroad', 12], ['domestic_abroad', 4], ['ca_fi', 4], ['ca_abroad', 2], ['begging', 2], ['other', 2]];
    case 2:
      return [['fl_fi', 30], ['se_fi', 12], ['se_abroad', 17], ['fl_abroad', 12], ['fm_abroad', fm ? 12 : 0], ['fm_fi', fm ? 4 : 0], ['domestic_abroad', 4], ['ca_fi', 3], ['ca_abroad', 3], ['begging', 1], ['other', 2]];
    default:
      return [['fl_fi', 27], ['se_fi', 12], ['se_abroad', 14], ['fl_abroad', 9], ['fm_abroad', 17], ['fm_fi', 7], ['domestic_abroad', 4], ['ca_fi', 4], ['ca_abroad', 3], ['begging', 1], ['other', 2]];
  }
}

/** Nationalities of persons who assist in a criminal investigation. */
export const ASSISTS_INVESTIGATION_NATS: Weights = [['FI', 15], ['NP', 8], ['VN', 8], ['TH', 8], ['RU', 8], ['EE', 5], ['RO', 8], ['NG', 8], ['UA', 8], ['CN', 5], ['BD', 5], ['IN', 5], ['IQ', 5], ['SO', 4]];
export const ASSISTS_INVESTIGATION_STATUS: Weights = [['worker_permit', 25], ['asylum_seeker', 25], ['no_legal_residence', 20], ['international_protection', 10], ['family_permit', 10], ['other_permit', 10]];
export { statusFor };
