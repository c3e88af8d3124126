import { describe, expect, it } from 'vitest';
import { applicationFieldOf } from './applicationForm';
import { proposalFieldOf } from './proposal';
import { placeFieldMessages } from './serverErrors';

describe('placing the server messages on the form', () => {
  it('puts each message next to the field it names, nested paths included', () => {
    const placed = placeFieldMessages(
      [
        { field: 'receivedOn', code: 'in_future', message: 'Received on: the date cannot be in the future.' },
        { field: 'newChildren.1.birthDate', code: 'child_not_minor', message: 'Birth date: under 18.' },
        { field: 'person.nationalities.0', code: 'invalid_choice', message: 'Nationalities: not allowed.' },
        { field: 'consentGiven', code: 'required', message: 'Consent: required.' },
        { field: 'helplineContactId', code: 'contact_has_application', message: 'Contact: already started.' },
      ],
      applicationFieldOf,
    );
    expect(placed.byField).toEqual({
      receivedOn: 'Received on: the date cannot be in the future.',
      'children.1.birthDate': 'Birth date: under 18.',
      'person.nationalities': 'Nationalities: not allowed.',
      consent: 'Consent: required.',
    });
    expect(placed.other).toEqual(['Contact: already started.']);
  });

  it('keeps the first message of a field', () => {
    const placed = placeFieldMessages(
      [
        { field: 'periodEnd', code: 'reflection_too_long', message: 'first' },
        { field: 'periodEnd', code: 'required', message: 'second' },
      ],
      proposalFieldOf,
    );
    expect(placed.byField).toEqual({ periodEnd: 'first' });
  });

  it('puts rules about the person or the application on the kind of a proposal', () => {
    expect(proposalFieldOf('residenceStatus')).toBe('kind');
    expect(proposalFieldOf('consentGiven')).toBe('kind');
    expect(proposalFieldOf('reason')).toBe('reason');
  });
});
