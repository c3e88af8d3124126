import { describe, expect, it } from 'vitest';
import { defaultLetterLanguage, emptyProposal, proposalPayload, type ProposalValues, validateProposal } from './proposal';

const noPermit = { residenceStatus: 'no_legal_residence', consentGiven: true };
const proposal = (values: Partial<ProposalValues>): ProposalValues => ({
  ...emptyProposal(['sv']),
  grounds: 'Heard the applicant; the account is consistent.',
  ...values,
});

describe('the proposal form', () => {
  it('takes the letter language from the first of the person\'s languages a letter is written in', () => {
    expect(defaultLetterLanguage(['uk', 'sv', 'fi'])).toBe('sv');
    expect(defaultLetterLanguage(['vi'])).toBe('');
  });

  it('needs a kind, grounds and a letter language', () => {
    expect(validateProposal({ ...emptyProposal([]) }, noPermit)).toEqual({ kind: 'required', grounds: 'required', letterLanguage: 'required' });
  });

  it('needs the reason of a rejection or a termination, from its own list', () => {
    expect(validateProposal(proposal({ kind: 'rejection' }), noPermit)).toEqual({ reason: 'required' });
    expect(validateProposal(proposal({ kind: 'rejection', reason: 'left_country' }), noPermit)).toEqual({ reason: 'required' });
    expect(validateProposal(proposal({ kind: 'rejection', reason: 'not_trafficking' }), noPermit)).toEqual({});
    expect(validateProposal(proposal({ kind: 'termination', reason: 'left_country' }), noPermit)).toEqual({});
  });

  it('needs recorded consent for an admission', () => {
    expect(validateProposal(proposal({ kind: 'admission' }), { ...noPermit, consentGiven: null })).toEqual({ kind: 'consent_required' });
    expect(validateProposal(proposal({ kind: 'admission' }), { ...noPermit, consentGiven: false })).toEqual({ kind: 'consent_required' });
    expect(validateProposal(proposal({ kind: 'admission' }), noPermit)).toEqual({});
  });

  it('grants a reflection period of one to six months, only without a right of residence', () => {
    const period = (periodStart: string, periodEnd: string) => proposal({ kind: 'reflection_period', periodStart, periodEnd });
    expect(validateProposal(period('16.3.2026', '16.10.2026'), noPermit)).toEqual({ periodEnd: 'reflection_too_long' });
    expect(validateProposal(period('16.3.2026', '15.4.2026'), noPermit)).toEqual({ periodEnd: 'reflection_too_short' });
    expect(validateProposal(period('16.3.2026', '1.3.2026'), noPermit)).toEqual({ periodEnd: 'reflection_end_before_start' });
    expect(validateProposal(period('16.3.2026', '16.9.2026'), noPermit)).toEqual({});
    expect(validateProposal(period('', '32.1.2026'), noPermit)).toEqual({ periodStart: 'required', periodEnd: 'invalid_date' });
    expect(validateProposal(period('16.3.2026', '16.5.2026'), { ...noPermit, residenceStatus: 'worker_permit' })).toEqual({ kind: 'reflection_needs_no_residence_right' });
    expect(validateProposal(proposal({ kind: 'extension', periodStart: '16.3.2026', periodEnd: '16.5.2026' }), { ...noPermit, residenceStatus: 'unknown' })).toEqual({});
  });

  it('sends only the fields the kind uses', () => {
    const values = proposal({ kind: 'admission', category: 'assists_investigation', reason: 'other', periodStart: '1.1.2026', expertGroupHeard: true });
    expect(proposalPayload(values, { applicationId: 'a1', personId: 'p1' })).toEqual({
      kind: 'admission',
      applicationId: 'a1',
      personId: null,
      reason: null,
      grounds: 'Heard the applicant; the account is consistent.',
      expertGroupHeard: true,
      category: 'assists_investigation',
      periodStart: null,
      periodEnd: null,
      letterLanguage: 'sv',
    });
    const period = proposalPayload(proposal({ kind: 'reflection_period', periodStart: '16.3.2026', periodEnd: '16.9.2026', reason: 'other' }), { applicationId: null, personId: 'p1' });
    expect(period).toMatchObject({ personId: 'p1', reason: null, category: null, periodStart: '2026-03-16', periodEnd: '2026-09-16' });
  });
});
