/**
 * The new victims of 2025, as explicit count tables: every figure of the 2025 overview that
 * concerns them (statistics.md section 3) is a sum over these rows, so the figures come out
 * exactly and are not left to chance. Only what no figure counts (names, dates, the country
 * among a row's alternatives, ages inside an age group) is drawn at random.
 *
 * Rows with `fi` records are the 141 victims exploited in Finland: every one has its primary
 * record in Finland, and the row's status is their residence status at the time. Rows with an
 * `abroad` record are the 130 exploited only abroad; their status is their residence status
 * when they applied. `extra` adds a secondary record abroad to the first persons of the row;
 * `ages` fixes the ages of its last persons.
 */

export type Gender = 'female' | 'male';
export type Form = 'forced_labour' | 'sexual_exploitation' | 'forced_marriage' | 'criminal_activities' | 'begging' | 'other';

export interface RecordSpec {
  form: Form;
  /** FI, or the countries abroad to choose from. */
  countries: readonly string[];
  industry?: string;
}

export type AgeSpec = { age: number; born2007?: true } | { group: '50_59' | '60_plus' };

export interface Row {
  n: number;
  nat: string;
  g: Gender;
  /** One status for the whole row, or [count, status] parts. */
  status: string | readonly (readonly [number, string])[];
  recs: readonly RecordSpec[];
  extra?: readonly (readonly [number, RecordSpec])[];
  ages?: readonly (readonly [number, AgeSpec])[];
}

const inFi = {
  fl: (industry: string): RecordSpec => ({ form: 'forced_labour', countries: ['FI'], industry }),
  se: { form: 'sexual_exploitation', countries: ['FI'] } as RecordSpec,
  fm: { form: 'forced_marriage', countries: ['FI'] } as RecordSpec,
  ca: { form: 'criminal_activities', countries: ['FI'] } as RecordSpec,
  other: { form: 'other', countries: ['FI'] } as RecordSpec,
};

const abroad = {
  fl: (countries: readonly string[], industry: string): RecordSpec => ({ form: 'forced_labour', countries, industry }),
  se: (...countries: string[]): RecordSpec => ({ form: 'sexual_exploitation', countries }),
  fm: (...countries: string[]): RecordSpec => ({ form: 'forced_marriage', countries }),
  ca: (...countries: string[]): RecordSpec => ({ form: 'criminal_activities', countries }),
  begging: (...countries: string[]): RecordSpec => ({ form: 'begging', countries }),
  other: (...countries: string[]): RecordSpec => ({ form: 'other', countries }),
};

const fifty = { group: '50_59' } as const;
const sixty = { group: '60_plus' } as const;

/** The 141 new victims of 2025 exploited in Finland: 86 men and 55 women, 149 records. */
export const IN_FINLAND_2025: readonly Row[] = [
  // Men in forced labour: forestry 30, agriculture 14, horticulture 8, restaurant 16, construction 10, other 2.
  { n: 25, nat: 'NP', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('forestry')], extra: [[4, abroad.fl(['QA', 'MY', 'SA', 'AE'], 'construction')]], ages: [[1, fifty]] },
  { n: 2, nat: 'NP', g: 'male', status: 'worker_permit', recs: [inFi.fl('forestry')] },
  { n: 2, nat: 'UA', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('forestry')], extra: [[1, abroad.fl(['PL'], 'agriculture')]] },
  { n: 1, nat: 'MD', g: 'male', status: 'visa', recs: [inFi.fl('forestry')] },
  { n: 5, nat: 'NP', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('agriculture')], ages: [[1, fifty]] },
  { n: 2, nat: 'NP', g: 'male', status: 'worker_permit', recs: [inFi.fl('agriculture')] },
  { n: 2, nat: 'TH', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('agriculture')] },
  { n: 2, nat: 'LK', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('agriculture')], extra: [[1, abroad.other('MY')]] },
  { n: 2, nat: 'UZ', g: 'male', status: 'no_legal_residence', recs: [inFi.fl('agriculture')] },
  { n: 1, nat: 'KG', g: 'male', status: 'asylum_seeker', recs: [inFi.fl('agriculture')] },
  { n: 4, nat: 'NP', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('horticulture')] },
  { n: 1, nat: 'TH', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('horticulture')] },
  { n: 1, nat: 'VN', g: 'male', status: 'seasonal_work_permit', recs: [inFi.fl('horticulture')], extra: [[1, abroad.fl(['RU'], 'construction')]] },
  { n: 1, nat: 'VN', g: 'male', status: 'asylum_seeker', recs: [inFi.fl('horticulture')] },
  { n: 1, nat: 'KG', g: 'male', status: 'no_legal_residence', recs: [inFi.fl('horticulture')] },
  { n: 6, nat: 'NP', g: 'male', status: 'worker_permit', recs: [inFi.fl('restaurant')], ages: [[1, fifty]] },
  { n: 4, nat: 'NP', g: 'male', status: 'family_permit', recs: [inFi.fl('restaurant')] },
  { n: 2, nat: 'BD', g: 'male', status: 'student_permit', recs: [inFi.fl('restaurant')], extra: [[1, abroad.fl(['MY'], 'manufacturing')]] },
  { n: 1, nat: 'BD', g: 'male', status: 'worker_permit', recs: [inFi.fl('restaurant')] },
  { n: 2, nat: 'IN', g: 'male', status: 'worker_permit', recs: [inFi.fl('restaurant')] },
  { n: 1, nat: 'PK', g: 'male', status: 'student_permit', recs: [inFi.fl('restaurant')] },
  { n: 2, nat: 'NP', g: 'male', status: 'worker_permit', recs: [inFi.fl('construction')] },
  { n: 1, nat: 'NP', g: 'male', status: 'student_permit', recs: [inFi.fl('construction')] },
  { n: 2, nat: 'UA', g: 'male', status: 'worker_permit', recs: [inFi.fl('construction')], ages: [[1, sixty]] },
  { n: 1, nat: 'RU', g: 'male', status: 'no_legal_residence', recs: [inFi.fl('construction')] },
  { n: 1, nat: 'TR', g: 'male', status: 'asylum_seeker', recs: [inFi.fl('construction')] },
  { n: 1, nat: 'BY', g: 'male', status: 'other_permit', recs: [inFi.fl('construction')] },
  { n: 1, nat: 'EE', g: 'male', status: 'eu_citizen', recs: [inFi.fl('construction')] },
  { n: 1, nat: 'RO', g: 'male', status: 'eu_citizen', recs: [inFi.fl('construction')] },
  { n: 1, nat: 'PK', g: 'male', status: 'no_legal_residence', recs: [inFi.fl('other')] },
  { n: 1, nat: 'NP', g: 'male', status: 'no_legal_residence', recs: [inFi.fl('other')] },
  // Men in other forms: criminal activities 3, sexual exploitation 2, other 1.
  { n: 2, nat: 'FI', g: 'male', status: 'finnish_citizen', recs: [inFi.ca] },
  { n: 1, nat: 'VN', g: 'male', status: 'no_legal_residence', recs: [inFi.ca] },
  { n: 1, nat: 'FI', g: 'male', status: 'finnish_citizen', recs: [inFi.se] },
  { n: 1, nat: 'GH', g: 'male', status: 'asylum_seeker', recs: [inFi.se] },
  { n: 1, nat: 'FI', g: 'male', status: 'finnish_citizen', recs: [inFi.other], ages: [[1, fifty]] },

  // Women in forced labour: restaurant 8, agriculture 4, horticulture 4, cleaning 4, other 1;
  // five of them were also sexually exploited in Finland.
  { n: 4, nat: 'NP', g: 'female', status: 'family_permit', recs: [inFi.fl('restaurant')], ages: [[1, fifty]] },
  { n: 2, nat: 'NP', g: 'female', status: 'seasonal_work_permit', recs: [inFi.fl('horticulture')] },
  { n: 1, nat: 'NP', g: 'female', status: 'seasonal_work_permit', recs: [inFi.fl('agriculture')] },
  { n: 1, nat: 'TH', g: 'female', status: 'seasonal_work_permit', recs: [inFi.fl('horticulture')] },
  { n: 1, nat: 'TH', g: 'female', status: 'seasonal_work_permit', recs: [inFi.fl('horticulture'), inFi.se] },
  { n: 1, nat: 'UA', g: 'female', status: 'seasonal_work_permit', recs: [inFi.fl('agriculture')] },
  { n: 1, nat: 'LK', g: 'female', status: 'seasonal_work_permit', recs: [inFi.fl('agriculture')] },
  { n: 1, nat: 'VN', g: 'female', status: 'seasonal_work_permit', recs: [inFi.fl('agriculture')] },
  { n: 1, nat: 'CN', g: 'female', status: 'worker_permit', recs: [inFi.fl('restaurant'), inFi.se] },
  { n: 1, nat: 'BD', g: 'female', status: 'family_permit', recs: [inFi.fl('restaurant')] },
  { n: 1, nat: 'PH', g: 'female', status: 'worker_permit', recs: [inFi.fl('restaurant')] },
  { n: 1, nat: 'IN', g: 'female', status: 'family_permit', recs: [inFi.fl('restaurant')] },
  { n: 1, nat: 'VN', g: 'female', status: 'worker_permit', recs: [inFi.fl('cleaning')] },
  { n: 1, nat: 'PH', g: 'female', status: 'worker_permit', recs: [inFi.fl('cleaning')], extra: [[1, abroad.fl(['AE'], 'domestic_work')]] },
  { n: 1, nat: 'KE', g: 'female', status: 'student_permit', recs: [inFi.fl('cleaning'), inFi.se] },
  { n: 1, nat: 'MN', g: 'female', status: 'no_legal_residence', recs: [inFi.fl('cleaning'), inFi.se] },
  { n: 1, nat: 'CN', g: 'female', status: 'student_permit', recs: [inFi.fl('other'), inFi.se], extra: [[1, abroad.other('CN')]] },
  // Women sexually exploited in Finland.
  { n: 6, nat: 'FI', g: 'female', status: 'finnish_citizen', recs: [inFi.se], ages: [[1, { age: 17, born2007: true }], [1, { age: 16 }], [1, { age: 15 }]] },
  { n: 1, nat: 'NG', g: 'female', status: 'asylum_seeker', recs: [inFi.se] },
  { n: 1, nat: 'RO', g: 'female', status: 'eu_citizen', recs: [inFi.se], extra: [[1, abroad.ca('SE')]] },
  { n: 1, nat: 'TH', g: 'female', status: 'visa', recs: [inFi.se] },
  { n: 1, nat: 'RU', g: 'female', status: 'no_legal_residence', recs: [inFi.se] },
  { n: 1, nat: 'CM', g: 'female', status: 'asylum_seeker', recs: [inFi.se] },
  { n: 1, nat: 'BR', g: 'female', status: 'no_legal_residence', recs: [inFi.se] },
  { n: 1, nat: 'GE', g: 'female', status: 'no_legal_residence', recs: [inFi.se] },
  { n: 1, nat: 'VN', g: 'female', status: 'no_legal_residence', recs: [inFi.se] },
  { n: 1, nat: 'CN', g: 'female', status: 'no_legal_residence', recs: [inFi.se] },
  { n: 1, nat: 'PH', g: 'female', status: 'other_permit', recs: [inFi.se] },
  { n: 1, nat: 'MM', g: 'female', status: 'asylum_seeker', recs: [inFi.se] },
  { n: 1, nat: 'TJ', g: 'female', status: 'no_legal_residence', recs: [inFi.se] },
  // Women forced into marriage in Finland.
  { n: 1, nat: 'SO', g: 'female', status: 'international_protection', recs: [inFi.fm] },
  { n: 1, nat: 'SO', g: 'female', status: 'family_permit', recs: [inFi.fm] },
  { n: 1, nat: 'IQ', g: 'female', status: 'family_permit', recs: [inFi.fm], ages: [[1, { age: 16 }]] },
  { n: 1, nat: 'IQ', g: 'female', status: 'asylum_seeker', recs: [inFi.fm] },
  { n: 1, nat: 'IQ', g: 'female', status: 'international_protection', recs: [inFi.fm] },
  { n: 1, nat: 'AF', g: 'female', status: 'international_protection', recs: [inFi.fm] },
  { n: 3, nat: 'FI', g: 'female', status: 'finnish_citizen', recs: [inFi.fm] },
  { n: 1, nat: 'TR', g: 'female', status: 'family_permit', recs: [inFi.fm] },
  // Women in other forms, and the three forced into marriage and sexually exploited.
  { n: 1, nat: 'FI', g: 'female', status: 'finnish_citizen', recs: [inFi.ca] },
  { n: 1, nat: 'NG', g: 'female', status: 'international_protection', recs: [inFi.ca] },
  { n: 1, nat: 'FI', g: 'female', status: 'finnish_citizen', recs: [inFi.other], ages: [[1, sixty]] },
  { n: 2, nat: 'FI', g: 'female', status: 'finnish_citizen', recs: [inFi.fm, inFi.se] },
  { n: 1, nat: 'SO', g: 'female', status: 'asylum_seeker', recs: [inFi.fm, inFi.se] },
];

/** The 130 new victims of 2025 exploited only abroad: 110 women and 20 men. */
export const ONLY_ABROAD_2025: readonly Row[] = [
  // Women.
  {
    n: 28,
    nat: 'SO',
    g: 'female',
    status: [
      [16, 'asylum_seeker'],
      [8, 'international_protection'],
      [4, 'family_permit'],
    ],
    recs: [abroad.fm('SO', 'SO', 'SO', 'KE', 'ET', 'YE')],
    extra: [
      [3, abroad.fl(['SA', 'YE', 'SO'], 'domestic_work')],
      [1, abroad.se('ET')],
      [1, abroad.other('SO')],
    ],
    ages: [
      [1, { age: 17, born2007: true }],
      [1, { age: 16 }],
    ],
  },
  {
    n: 4,
    nat: 'AF',
    g: 'female',
    status: [
      [2, 'asylum_seeker'],
      [2, 'international_protection'],
    ],
    recs: [abroad.fm('AF', 'AF', 'IR')],
    ages: [[1, { age: 17, born2007: true }]],
  },
  {
    n: 4,
    nat: 'IQ',
    g: 'female',
    status: [
      [2, 'asylum_seeker'],
      [1, 'international_protection'],
      [1, 'family_permit'],
    ],
    recs: [abroad.fm('IQ')],
    extra: [[1, abroad.se('TR')]],
  },
  {
    n: 3,
    nat: 'SY',
    g: 'female',
    status: [
      [2, 'international_protection'],
      [1, 'family_permit'],
    ],
    recs: [abroad.fm('SY', 'TR', 'LB')],
  },
  {
    n: 2,
    nat: 'ER',
    g: 'female',
    status: [
      [1, 'asylum_seeker'],
      [1, 'international_protection'],
    ],
    recs: [abroad.fm('ER')],
    extra: [[2, abroad.fl(['LY'], 'other')]],
  },
  { n: 1, nat: 'ER', g: 'female', status: 'asylum_seeker', recs: [abroad.se('LY')], extra: [[1, abroad.fm('ER')]] },
  {
    n: 2,
    nat: 'ET',
    g: 'female',
    status: [
      [1, 'asylum_seeker'],
      [1, 'other_permit'],
    ],
    recs: [abroad.fl(['SA', 'LB'], 'domestic_work')],
    extra: [[1, abroad.fm('ET')]],
    ages: [[1, fifty]],
  },
  {
    n: 10,
    nat: 'NG',
    g: 'female',
    status: [
      [6, 'asylum_seeker'],
      [2, 'other_permit'],
      [2, 'no_legal_residence'],
    ],
    recs: [abroad.se('IT', 'IT', 'ES', 'LY', 'FR', 'DE')],
    extra: [
      [2, abroad.fm('NG')],
      [2, abroad.ca('ES', 'IT')],
      [1, abroad.fl(['LY'], 'other')],
    ],
    ages: [[1, { age: 17, born2007: true }]],
  },
  { n: 1, nat: 'CM', g: 'female', status: 'asylum_seeker', recs: [abroad.se('MA', 'FR')], extra: [[1, abroad.fm('CM')]] },
  { n: 1, nat: 'CM', g: 'female', status: 'asylum_seeker', recs: [abroad.fm('CM')] },
  {
    n: 2,
    nat: 'KE',
    g: 'female',
    status: [
      [1, 'asylum_seeker'],
      [1, 'other_permit'],
    ],
    recs: [abroad.fl(['SA', 'QA'], 'domestic_work')],
    ages: [[1, fifty]],
  },
  { n: 1, nat: 'UG', g: 'female', status: 'asylum_seeker', recs: [abroad.fl(['SA'], 'domestic_work')] },
  { n: 1, nat: 'GH', g: 'female', status: 'asylum_seeker', recs: [abroad.fl(['LB'], 'domestic_work')] },
  { n: 1, nat: 'CI', g: 'female', status: 'asylum_seeker', recs: [abroad.se('TN', 'IT')] },
  { n: 1, nat: 'CI', g: 'female', status: 'asylum_seeker', recs: [abroad.fm('CI')] },
  { n: 1, nat: 'GN', g: 'female', status: 'asylum_seeker', recs: [abroad.fm('GN')] },
  { n: 1, nat: 'SL', g: 'female', status: 'asylum_seeker', recs: [abroad.se('IT')] },
  { n: 1, nat: 'CD', g: 'female', status: 'asylum_seeker', recs: [abroad.fm('CD')] },
  {
    n: 3,
    nat: 'TH',
    g: 'female',
    status: [
      [1, 'visa'],
      [1, 'no_legal_residence'],
      [1, 'other_permit'],
    ],
    recs: [abroad.se('DE', 'SE', 'MY')],
  },
  {
    n: 5,
    nat: 'VN',
    g: 'female',
    status: [
      [2, 'no_legal_residence'],
      [2, 'asylum_seeker'],
      [1, 'other_permit'],
    ],
    recs: [abroad.se('RU', 'DE', 'GB')],
    extra: [[1, abroad.ca('GB')]],
  },
  { n: 1, nat: 'VN', g: 'female', status: 'asylum_seeker', recs: [abroad.fl(['GB'], 'beauty')] },
  {
    n: 3,
    nat: 'CN',
    g: 'female',
    status: [
      [1, 'no_legal_residence'],
      [1, 'asylum_seeker'],
      [1, 'other_permit'],
    ],
    recs: [abroad.se('FR', 'IT', 'ES')],
  },
  {
    n: 3,
    nat: 'PH',
    g: 'female',
    status: [
      [2, 'other_permit'],
      [1, 'visa'],
    ],
    recs: [abroad.fl(['HK', 'AE', 'SA'], 'domestic_work')],
    ages: [[1, sixty]],
  },
  {
    n: 4,
    nat: 'NP',
    g: 'female',
    status: [
      [2, 'asylum_seeker'],
      [2, 'other_permit'],
    ],
    recs: [abroad.fl(['KW', 'AE'], 'domestic_work')],
    extra: [[2, abroad.fm('NP')]],
  },
  {
    n: 3,
    nat: 'LK',
    g: 'female',
    status: [
      [2, 'other_permit'],
      [1, 'asylum_seeker'],
    ],
    recs: [abroad.fl(['SA', 'KW', 'OM'], 'domestic_work')],
    extra: [[1, abroad.fm('LK')]],
    ages: [[1, fifty]],
  },
  { n: 1, nat: 'BD', g: 'female', status: 'asylum_seeker', recs: [abroad.fl(['SA'], 'domestic_work')], extra: [[1, abroad.fm('BD')]] },
  { n: 1, nat: 'ID', g: 'female', status: 'other_permit', recs: [abroad.fl(['MY'], 'domestic_work')] },
  { n: 3, nat: 'UA', g: 'female', status: 'temporary_protection', recs: [abroad.se('PL', 'DE', 'TR')] },
  {
    n: 2,
    nat: 'RU',
    g: 'female',
    status: [
      [1, 'no_legal_residence'],
      [1, 'asylum_seeker'],
    ],
    recs: [abroad.se('TR', 'AE')],
  },
  { n: 1, nat: 'UZ', g: 'female', status: 'no_legal_residence', recs: [abroad.se('TR', 'AE')], extra: [[1, abroad.ca('AE')]] },
  { n: 1, nat: 'UZ', g: 'female', status: 'asylum_seeker', recs: [abroad.fm('UZ')] },
  { n: 1, nat: 'RO', g: 'female', status: 'eu_citizen', recs: [abroad.se('DE')] },
  { n: 1, nat: 'BG', g: 'female', status: 'eu_citizen', recs: [abroad.begging('SE')] },
  {
    n: 2,
    nat: 'IR',
    g: 'female',
    status: [
      [1, 'asylum_seeker'],
      [1, 'international_protection'],
    ],
    recs: [abroad.fm('IR')],
  },
  { n: 1, nat: 'MN', g: 'female', status: 'no_legal_residence', recs: [abroad.se('KR')] },
  { n: 1, nat: 'BR', g: 'female', status: 'no_legal_residence', recs: [abroad.se('PT')] },
  { n: 1, nat: 'EE', g: 'female', status: 'eu_citizen', recs: [abroad.se('SE')] },
  { n: 1, nat: 'GE', g: 'female', status: 'visa', recs: [abroad.se('DE')] },
  { n: 1, nat: 'MM', g: 'female', status: 'asylum_seeker', recs: [abroad.fm('CN')] },
  { n: 1, nat: 'LV', g: 'female', status: 'eu_citizen', recs: [abroad.fm('IE')] },
  { n: 1, nat: 'CO', g: 'female', status: 'visa', recs: [abroad.se('ES')] },
  { n: 1, nat: 'VE', g: 'female', status: 'asylum_seeker', recs: [abroad.se('ES')] },
  { n: 1, nat: 'AL', g: 'female', status: 'asylum_seeker', recs: [abroad.se('IT', 'GB')] },
  // The one Finnish citizen exploited only abroad.
  { n: 1, nat: 'FI', g: 'female', status: 'finnish_citizen', recs: [abroad.se('ES')] },

  // Men.
  {
    n: 2,
    nat: 'AF',
    g: 'male',
    status: [
      [1, 'asylum_seeker'],
      [1, 'international_protection'],
    ],
    recs: [abroad.fl(['IR', 'TR'], 'agriculture')],
    extra: [[1, abroad.fl(['TR'], 'construction')]],
  },
  { n: 1, nat: 'AF', g: 'male', status: 'asylum_seeker', recs: [abroad.ca('IR')], extra: [[1, abroad.begging('IR')]], ages: [[1, { age: 15 }]] },
  { n: 1, nat: 'IQ', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['TR'], 'manufacturing')] },
  { n: 1, nat: 'ER', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['LY'], 'agriculture')] },
  {
    n: 2,
    nat: 'VN',
    g: 'male',
    status: [
      [1, 'asylum_seeker'],
      [1, 'no_legal_residence'],
    ],
    recs: [abroad.ca('GB')],
    ages: [[1, { age: 16 }]],
  },
  { n: 1, nat: 'CN', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['RU'], 'construction')] },
  { n: 2, nat: 'NP', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['QA', 'MY'], 'construction')] },
  { n: 1, nat: 'LK', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['MY'], 'manufacturing')] },
  { n: 1, nat: 'BD', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['MY'], 'manufacturing')] },
  { n: 2, nat: 'UA', g: 'male', status: 'temporary_protection', recs: [abroad.fl(['PL', 'CZ'], 'construction')] },
  { n: 1, nat: 'IN', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['AE'], 'construction')] },
  { n: 1, nat: 'PK', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['IR'], 'manufacturing')] },
  { n: 1, nat: 'PL', g: 'male', status: 'eu_citizen', recs: [abroad.fl(['NL'], 'agriculture')] },
  { n: 1, nat: 'DZ', g: 'male', status: 'asylum_seeker', recs: [abroad.ca('FR')] },
  { n: 1, nat: 'EG', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['IT'], 'agriculture')] },
  { n: 1, nat: 'SD', g: 'male', status: 'asylum_seeker', recs: [abroad.fl(['LY'], 'other')] },
];

/** How many of the rest of the 2025 new victims fall in each age group (271 less the fixed ages). */
export const FREE_AGE_GROUPS_2025 = { '18_29': 114, '30_39': 95, '40_49': 41 } as const;

/** The 2025 overview's application and decision counts (statistics.md section 3). */
export const APPLICATIONS_2025 = {
  byChannel: {
    immigration_service: 120,
    reception_centre: 114,
    self: 94,
    wellbeing_services_county: 37,
    police: 40,
    ngo: 35,
    labour_inspection: 12,
    legal_counsel: 8,
    health_care: 5,
    other: 2,
  },
  open: 30,
  withdrawn: 8,
  lapsed: 4,
  rejections: { no_need_for_assistance: 75, not_trafficking: 62, no_consent: 9, other: 8 },
  /** Clientships (victim and assists_investigation) ended in 2025. */
  ended: { no_longer_needs_assistance: 98, left_country: 30, assisted_voluntary_return: 9, disappeared: 22, client_request: 7, deceased: 1, other: 2 },
  /** Of those, ended by clients admitted in 2025 itself. */
  endedSameYear: { left_country: 6, disappeared: 7, assisted_voluntary_return: 3, client_request: 2, no_longer_needs_assistance: 2 },
  /** Children admitted with their parents in 2025: 22 parents with 3, 3, 2 × 6 and 1 × 14 children. */
  childrenPerParent: [3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  reflectionPeriods: { admitted: 28, open: 5, rejected: 2 },
} as const;

/** The clients on 31 December 2025. */
export const STOCK_2025 = {
  victims: 1331,
  children: 210,
  assistsInvestigation: 93,
  victimsFemale: 812,
  /** Victims in the stock admitted as minors, and of them still under 18 on 31 December. */
  admittedAsMinors: 85,
  minorsOnDec31: 10,
} as const;
