import { describe, expect, it } from 'vitest';
import { APPLICATION_CHANNELS } from '../../../domain/codes';
import type { Figures } from '../../api/statistics';
import { breakdownRows, breakdownSpec, formGenderTable, isExplainable, meaningOf, shortHash, wholePercent } from './figures';

describe('wholePercent', () => {
  it('rounds half up from the counts, where floating point would round down', () => {
    // 57 / 200 = 0.285, which is 28.499999… in floating point.
    const figures: Figures = {
      'decisions.rejection': { value: 200 },
      'decisions.rejection.byReason.other': { value: 57, share: 57 / 200, base: 'decisions.rejection' },
    };
    expect(wholePercent(figures['decisions.rejection.byReason.other']!, figures)).toBe(29);
  });

  it('gives the overview percentages of 2025', () => {
    const figures: Figures = {
      'applications.received': { value: 467 },
      'applications.byChannel.self': { value: 94, share: 94 / 467, base: 'applications.received' },
      'applications.byChannel.wellbeing_services_county': { value: 37, share: 37 / 467, base: 'applications.received' },
    };
    expect(wholePercent(figures['applications.byChannel.self']!, figures)).toBe(20);
    expect(wholePercent(figures['applications.byChannel.wellbeing_services_county']!, figures)).toBe(8);
  });

  it('uses the share when the base is not among the figures, and has none without a share', () => {
    expect(wholePercent({ value: 1, share: 0.125, base: 'missing' }, {})).toBe(13);
    expect(wholePercent({ value: 3 }, {})).toBeNull();
    expect(wholePercent({ value: null, suppressed: true }, {})).toBeNull();
  });
});

describe('meaningOf', () => {
  it('names figures, breakdown cells and comparisons', () => {
    expect(meaningOf('applications.received')).toEqual({ kind: 'scalar', key: 'applicationsReceived', previous: false });
    expect(meaningOf('previous.applications.received')).toEqual({ kind: 'scalar', key: 'applicationsReceived', previous: true });
    expect(meaningOf('newClients.byAgeGroup.60_plus')).toMatchObject({ kind: 'breakdown', code: '60_plus', spec: { key: 'newVictimsByAgeGroup' } });
    expect(meaningOf('exploitations.byForm.begging.byGender.female')).toEqual({ kind: 'formByGender', form: 'begging', gender: 'female', previous: false });
    expect(meaningOf('exploitations.byForm.begging')).toMatchObject({ kind: 'breakdown', code: 'begging' });
    expect(meaningOf('inFinland.repeatedVictims.byGender.female')).toMatchObject({ kind: 'breakdown', spec: { key: 'inFinlandRepeatedByGender' } });
    expect(meaningOf('inFinland.byGender.male')).toMatchObject({ kind: 'breakdown', spec: { key: 'inFinlandByGender' } });
    expect(meaningOf('something.new')).toEqual({ kind: 'unknown', id: 'something.new' });
  });
});

describe('breakdownRows', () => {
  it('orders by the code list, codes it does not know after', () => {
    const figures: Figures = {
      'applications.byChannel.police': { value: 40 },
      'applications.byChannel.self': { value: 94 },
      'applications.byChannel.brand_new': { value: 1 },
      'applications.byChannel.immigration_service': { value: 120 },
    };
    const rows = breakdownRows(figures, breakdownSpec('applicationsByChannel'), APPLICATION_CHANNELS);
    expect(rows.map((r) => r.code)).toEqual(['self', 'immigration_service', 'police', 'brand_new']);
  });

  it('ranks nationalities, other countries last, and leaves out deeper ids', () => {
    const figures: Figures = {
      'newClients.byNationality.FI': { value: 18 },
      'newClients.byNationality.NP': { value: 65 },
      'newClients.byNationality.other': { value: 70, members: 37 },
      'newClients.byNationality.SO': { value: 31 },
    };
    const rows = breakdownRows(figures, breakdownSpec('newVictimsByNationality'), []);
    expect(rows.map((r) => r.code)).toEqual(['NP', 'SO', 'FI', 'other']);
    const forms = breakdownRows(
      { 'exploitations.byForm.begging': { value: 2 }, 'exploitations.byForm.begging.byGender.male': { value: 2 } },
      breakdownSpec('exploitationsByForm'),
      [],
    );
    expect(forms.map((r) => r.id)).toEqual(['exploitations.byForm.begging']);
  });
});

describe('formGenderTable', () => {
  it('finds the forms and genders present', () => {
    const table = formGenderTable(
      {
        'exploitations.byForm.sexual_exploitation': { value: 3 },
        'exploitations.byForm.forced_labour': { value: 5 },
        'exploitations.byForm.forced_labour.byGender.male': { value: 4 },
        'exploitations.byForm.forced_labour.byGender.female': { value: 1 },
        'exploitations.byForm.sexual_exploitation.byGender.female': { value: 3 },
      },
      ['forced_labour', 'sexual_exploitation'],
      ['female', 'male'],
    );
    expect(table.forms).toEqual(['forced_labour', 'sexual_exploitation']);
    expect(table.genders).toEqual(['female', 'male']);
    expect(table.cell('sexual_exploitation', 'male')).toBeUndefined();
  });
});

describe('shortHash', () => {
  it('keeps the algorithm and the first hex digits', () => {
    expect(shortHash(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab…');
    expect(shortHash('sha256:abc')).toBe('sha256:abc');
  });
});

describe('isExplainable', () => {
  it('offers the figures the server can list record by record, and not the others', () => {
    for (const id of ['applications.received', 'applications.byChannel.self', 'decisions.rejection.byReason.not_trafficking', 'clientships.ended.byReasonGroup.left_or_disappeared', 'newClients.byGender.female', 'newClients.byAgeGroup.18_29', 'newClients.byNationality.NP', 'stock.byCategory.victim', 'stock.victims.byGender.female']) {
      expect(isExplainable(id), id).toBe(true);
    }
    for (const id of ['newClients.nationalities', 'newClients.byNationality.other', 'newClients.byAgeGroup.unknown', 'inFinland.victims', 'exploitations.byForm.forced_labour', 'previous.newClients.victims', 'clientships.ended.byWhatever.x']) {
      expect(isExplainable(id), id).toBe(false);
    }
  });
});
