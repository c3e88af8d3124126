import { describe, expect, it } from 'vitest';
import { RESIDENCE_STATUSES } from '../../../domain/codes';
import { serviceOrganiser } from './organiser';

describe('the organiser of services', () => {
  it('is the wellbeing services county for a municipal resident', () => {
    expect(serviceOrganiser('finnish_citizen', true)).toEqual({ organiser: 'wellbeing_services_county', basis: 'municipal_resident' });
    expect(serviceOrganiser('eu_citizen', true)).toEqual({ organiser: 'wellbeing_services_county', basis: 'municipal_resident' });
    expect(serviceOrganiser('worker_permit', true).organiser).toBe('wellbeing_services_county');
    expect(serviceOrganiser('international_protection', true).organiser).toBe('wellbeing_services_county');
  });

  it('is the reception centre for a person with a right of residence but no municipality of residence', () => {
    expect(serviceOrganiser('seasonal_work_permit', false)).toEqual({ organiser: 'reception_centre', basis: 'no_municipality' });
    expect(serviceOrganiser('finnish_citizen', false).organiser).toBe('reception_centre');
  });

  it('is the reception centre for a person without a right of residence, whatever municipality is recorded', () => {
    for (const status of ['asylum_seeker', 'visa', 'no_legal_residence']) {
      expect(serviceOrganiser(status, true)).toEqual({ organiser: 'reception_centre', basis: 'no_right_of_residence' });
    }
    expect(serviceOrganiser('unknown', true)).toEqual({ organiser: 'reception_centre', basis: 'status_unknown' });
  });

  it('answers for every residence status', () => {
    for (const status of RESIDENCE_STATUSES) {
      expect(['wellbeing_services_county', 'reception_centre']).toContain(serviceOrganiser(status, true).organiser);
    }
  });
});
