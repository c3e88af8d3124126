import { describe, expect, it } from 'vitest';
import {
  AGE_GROUPS,
  CHANNEL_GROUPS,
  CODE_LISTS,
  CODE_LIST_NAMES,
  END_REASON_GROUPS,
  INDUSTRIES,
  ISIC_SECTION,
  LANGUAGES,
  NO_RIGHT_OF_RESIDENCE_STATUSES,
  RESIDENCE_PERMIT_STATUSES,
  RESIDENCE_STATUSES,
  addMonths,
  ageGroup,
  ageOn,
  ageOnFromYearMonth,
  codeLabel,
  countryName,
  isCode,
  isCountryCode,
  isIsoDate,
  isLanguageCode,
  isMinor,
  languageName,
  mayHaveReflectionPeriod,
  reflectionPeriodProblem,
} from './codes.js';

describe('code lists', () => {
  it.each(CODE_LIST_NAMES)('%s has fi, sv and en labels for every code and no others', (name) => {
    const { codes, labels } = CODE_LISTS[name];
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(code).toMatch(/^[a-z0-9_]+$/);
      const label = (labels as Record<string, Record<string, string>>)[code];
      expect(Object.keys(label ?? {}).sort()).toEqual([...LANGUAGES].sort());
      for (const lang of LANGUAGES) expect(label?.[lang]?.trim()).toBeTruthy();
    }
  });

  it('carries the labels of domain.md', () => {
    expect(codeLabel('applicationChannel', 'police', 'sv')).toBe('polisen');
    expect(codeLabel('applicationChannel', 'immigration_service', 'fi')).toBe('Maahanmuuttovirasto');
    expect(codeLabel('applicationChannel', 'border_guard', 'sv')).toBe('Gränsbevakningsväsendet');
    expect(codeLabel('endReason', 'disappeared', 'fi')).toBe('kadonnut');
    expect(codeLabel('endReason', 'client_request', 'en')).toBe("at the client's request");
    expect(codeLabel('gender', 'unknown', 'sv')).toBe('okänt');
    expect(codeLabel('clientCategory', 'child_of_victim', 'sv')).toBe('offrets minderåriga barn');
    expect(codeLabel('exploitationForm', 'begging', 'fi')).toBe('kerjäämään pakottaminen');
    expect(codeLabel('industry', 'wild_berry_picking', 'sv')).toBe('bärplockning');
    expect(codeLabel('residenceStatus', 'finnish_citizen', 'fi')).toBe('Suomen kansalainen');
    expect(codeLabel('residenceStatus', 'eu_citizen', 'en')).toBe('EU or EEA citizen');
    expect(codeLabel('serviceType', 'legal_counselling', 'en')).toBe('legal advice and assistance');
    expect(codeLabel('rejectionReason', 'other', 'sv')).toBe('annat skäl');
  });

  it('falls back to the code itself for an unknown code', () => {
    expect(codeLabel('gender', 'nonbinary', 'fi')).toBe('nonbinary');
    expect(codeLabel('gender', 'constructor', 'fi')).toBe('constructor');
    expect(codeLabel('industry', 'toString', 'en')).toBe('toString');
  });

  it('tells codes of a list from others', () => {
    expect(isCode('gender', 'female')).toBe(true);
    expect(isCode('gender', 'Female')).toBe(false);
    expect(isCode('decisionKind', 'reflection_period')).toBe(true);
  });

  it('maps every industry to an ISIC Rev.4 section', () => {
    expect(Object.keys(ISIC_SECTION).sort()).toEqual([...INDUSTRIES].sort());
    expect(ISIC_SECTION.forestry).toBe('A');
    expect(ISIC_SECTION.restaurant).toBe('I');
    expect(ISIC_SECTION.construction).toBe('F');
    expect(ISIC_SECTION.domestic_work).toBe('T');
    for (const industry of INDUSTRIES) {
      const section = ISIC_SECTION[industry];
      if (section !== null) expect(section).toMatch(/^[A-U]$/);
    }
  });

  it('has the report groups of domain.md', () => {
    expect(CHANNEL_GROUPS.migri).toEqual(['immigration_service', 'reception_centre']);
    expect(END_REASON_GROUPS.left_or_disappeared).toEqual(['left_country', 'assisted_voluntary_return', 'disappeared']);
    expect(RESIDENCE_PERMIT_STATUSES).toHaveLength(7);
    for (const status of RESIDENCE_PERMIT_STATUSES) expect(status).toMatch(/_(permit|protection)$/);
    expect(RESIDENCE_STATUSES.filter((s) => /_(permit|protection)$/.test(s)).sort()).toEqual([...RESIDENCE_PERMIT_STATUSES].sort());
    expect(NO_RIGHT_OF_RESIDENCE_STATUSES).toEqual(['asylum_seeker', 'visa', 'no_legal_residence', 'unknown']);
  });
});

describe('countries and languages', () => {
  it('names countries in each language', () => {
    expect(countryName('NP', 'fi')).toBe('Nepal');
    expect(countryName('SO', 'sv')).toBe('Somalia');
    expect(countryName('FI', 'en')).toBe('Finland');
    expect(countryName('FI', 'fi')).toBe('Suomi');
  });

  it('names the special codes XX and ZZ', () => {
    expect(countryName('XX', 'fi')).toBe('kansalaisuudeton');
    expect(countryName('XX', 'sv')).toBe('statslös');
    expect(countryName('XX', 'en')).toBe('stateless');
    expect(countryName('ZZ', 'fi')).toBe('ei tiedossa');
    expect(countryName('ZZ', 'sv')).toBe('okänd');
    expect(countryName('ZZ', 'en')).toBe('unknown');
  });

  it('falls back to the code for unknown or malformed countries', () => {
    expect(countryName('QQ', 'en')).toBe('QQ');
    expect(countryName('', 'en')).toBe('');
    expect(countryName('N', 'en')).toBe('N');
  });

  it('recognises country codes', () => {
    expect(isCountryCode('NP')).toBe(true);
    expect(isCountryCode('FI')).toBe(true);
    expect(isCountryCode('XK')).toBe(true);
    expect(isCountryCode('XX')).toBe(true);
    expect(isCountryCode('ZZ')).toBe(true);
    expect(isCountryCode('QQ')).toBe(false);
    expect(isCountryCode('AA')).toBe(false);
    expect(isCountryCode('np')).toBe(false);
    expect(isCountryCode('NPL')).toBe(false);
    expect(isCountryCode('')).toBe(false);
    // Groupings and withdrawn codes are no one's nationality.
    expect(isCountryCode('EU')).toBe(false);
    expect(isCountryCode('UN')).toBe(false);
    expect(isCountryCode('SU')).toBe(false);
    expect(isCountryCode('YU')).toBe(false);
  });

  it('names and recognises languages', () => {
    expect(languageName('fi', 'en')).toBe('Finnish');
    expect(languageName('sv', 'fi')).toBe('ruotsi');
    expect(languageName('ti', 'sv')).toBe('tigrinja');
    expect(languageName('qq', 'en')).toBe('qq');
    expect(isLanguageCode('ne')).toBe(true);
    expect(isLanguageCode('so')).toBe(true);
    expect(isLanguageCode('qq')).toBe(false);
    expect(isLanguageCode('FI')).toBe(false);
    expect(isLanguageCode('fin')).toBe(false);
    expect(isLanguageCode('iw')).toBe(false); // withdrawn, now 'he'
  });
});

describe('dates', () => {
  it('validates YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate('2025-01-01T00:00')).toBe(false);
    expect(() => ageOn('2025-02-30', '2025-03-01')).toThrow(RangeError);
  });

  it('adds calendar months, clamped to the end of the month', () => {
    expect(addMonths('2025-01-15', 1)).toBe('2025-02-15');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-11-30', 2)).toBe('2026-01-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-10', -1)).toBe('2024-12-10');
    expect(addMonths('2025-05-05', 0)).toBe('2025-05-05');
    expect(() => addMonths('2025-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('age', () => {
  it('counts whole years on the reference date', () => {
    expect(ageOn('2007-12-31', '2025-12-30')).toBe(17);
    expect(ageOn('2007-12-31', '2025-12-31')).toBe(18);
    expect(ageOn('1990-06-15', '2025-06-14')).toBe(34);
    expect(ageOn('1990-06-15', '2025-06-15')).toBe(35);
    expect(ageOn('2025-03-01', '2025-03-01')).toBe(0);
  });

  it('counts a 29 February birthday as reached on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('is exact from year and month only at the end of a month', () => {
    expect(ageOnFromYearMonth(2007, 12, '2025-12-31')).toBe(18);
    expect(ageOnFromYearMonth(2007, 7, '2025-06-30')).toBe(17);
    expect(ageOnFromYearMonth(2007, 6, '2025-06-30')).toBe(18);
    expect(ageOnFromYearMonth(2007, 1, '2025-06-30')).toBe(18);
    expect(ageOnFromYearMonth(2007, 6, '2025-05-15')).toBeNull();
    expect(ageOnFromYearMonth(2007, 6, '2025-06-29')).toBeNull();
    expect(ageOnFromYearMonth(2008, 2, '2024-02-29')).toBe(16);
    // Born in February of a leap year: perhaps on the 29th, not yet 18 on 28 February 2026.
    expect(ageOnFromYearMonth(2008, 2, '2026-02-28')).toBeNull();
    expect(ageOnFromYearMonth(2007, 2, '2026-02-28')).toBe(19);
    expect(() => ageOnFromYearMonth(2007, 13, '2025-12-31')).toThrow(RangeError);
  });

  it('agrees with ageOn for every day of the birth month', () => {
    for (let day = 1; day <= 31; day++) {
      const birth = `2007-12-${String(day).padStart(2, '0')}`;
      expect(ageOnFromYearMonth(2007, 12, '2025-12-31')).toBe(ageOn(birth, '2025-12-31'));
      expect(ageOnFromYearMonth(2007, 12, '2025-11-30')).toBe(ageOn(birth, '2025-11-30'));
    }
  });

  it('calls under 18 a minor', () => {
    expect(isMinor(17)).toBe(true);
    expect(isMinor(18)).toBe(false);
    expect(isMinor(0)).toBe(true);
  });

  it('puts ages in the statistics age groups', () => {
    expect(ageGroup(0)).toBe('under_18');
    expect(ageGroup(17)).toBe('under_18');
    expect(ageGroup(18)).toBe('18_29');
    expect(ageGroup(29)).toBe('18_29');
    expect(ageGroup(30)).toBe('30_39');
    expect(ageGroup(39)).toBe('30_39');
    expect(ageGroup(40)).toBe('40_49');
    expect(ageGroup(49)).toBe('40_49');
    expect(ageGroup(50)).toBe('50_59');
    expect(ageGroup(59)).toBe('50_59');
    expect(ageGroup(60)).toBe('60_plus');
    expect(ageGroup(95)).toBe('60_plus');
    expect(AGE_GROUPS).toEqual(['under_18', '18_29', '30_39', '40_49', '50_59', '60_plus']);
    expect(() => ageGroup(Number.NaN)).toThrow(RangeError);
  });
});

describe('reflection period', () => {
  it('is 1 to 6 months', () => {
    expect(reflectionPeriodProblem('2025-01-15', '2025-02-15')).toBeNull();
    expect(reflectionPeriodProblem('2025-01-15', '2025-04-01')).toBeNull();
    expect(reflectionPeriodProblem('2025-01-15', '2025-07-15')).toBeNull();
    expect(reflectionPeriodProblem('2025-01-15', '2025-07-16')).toBe('too_long');
    expect(reflectionPeriodProblem('2025-01-15', '2025-02-04')).toBe('too_short');
    expect(reflectionPeriodProblem('2025-01-15', '2025-02-14')).toBe('too_short');
    expect(reflectionPeriodProblem('2025-01-15', '2025-01-15')).toBe('too_short');
    expect(reflectionPeriodProblem('2025-01-15', '2025-01-14')).toBe('end_before_start');
  });

  it('follows month-end clamping', () => {
    expect(reflectionPeriodProblem('2025-01-31', '2025-02-28')).toBeNull();
    expect(reflectionPeriodProblem('2025-01-31', '2025-02-27')).toBe('too_short');
    expect(reflectionPeriodProblem('2025-08-31', '2026-02-28')).toBeNull();
    expect(reflectionPeriodProblem('2025-08-31', '2026-03-01')).toBe('too_long');
  });

  it('rejects malformed dates', () => {
    expect(() => reflectionPeriodProblem('2025-01-15', '2025-02-30')).toThrow(RangeError);
    expect(() => reflectionPeriodProblem('15.1.2025', '2025-02-15')).toThrow(RangeError);
  });

  it('is only for a person without a right of residence', () => {
    for (const status of ['asylum_seeker', 'visa', 'no_legal_residence', 'unknown']) {
      expect(mayHaveReflectionPeriod(status)).toBe(true);
    }
    for (const status of ['finnish_citizen', 'eu_citizen', 'worker_permit', 'international_protection', 'other_permit']) {
      expect(mayHaveReflectionPeriod(status)).toBe(false);
    }
    expect(mayHaveReflectionPeriod('something_new')).toBe(false);
  });
});
