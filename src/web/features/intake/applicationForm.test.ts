import { describe, expect, it } from 'vitest';
import type { HelplineContact } from '../../api/intake';
import {
  applicationFromContact,
  applicationPayload,
  type ApplicationValues,
  emptyApplication,
  emptyChild,
  similarQueryOf,
  EMPTY_PERSON,
  mergeEdits,
  validateApplication,
} from './applicationForm';

const TODAY = '2026-03-16';

function contact(values: Partial<HelplineContact>): HelplineContact {
  return {
    id: 'c1',
    at: new Date(2026, 2, 14, 23, 30).toISOString(),
    channel: 'phone',
    caller: 'possible_victim',
    language: 'uk',
    topic: null,
    outcome: 'advice_given',
    officeCode: null,
    applicationNumber: null,
    ...values,
  };
}

describe('starting an application from a helpline contact', () => {
  const base = emptyApplication(TODAY, 'helsinki');

  it('is received on the day of the contact, from the victim, in the caller\'s language', () => {
    const values = applicationFromContact(contact({}), base);
    expect(values).toMatchObject({ receivedOn: '14.3.2026', channel: 'self', helplineContactId: 'c1', officeCode: 'helsinki' });
    expect(values.person.languages).toEqual(['uk']);
  });

  it('leaves the channel to choose when someone else called, and takes the contact\'s office', () => {
    const values = applicationFromContact(contact({ caller: 'professional', language: null, officeCode: 'tampere' }), base);
    expect(values).toMatchObject({ channel: '', officeCode: 'tampere' });
    expect(values.person.languages).toEqual([]);
  });
});

describe('the new application form', () => {
  const valid: ApplicationValues = {
    ...emptyApplication(TODAY, 'helsinki'),
    channel: 'police',
    person: { ...EMPTY_PERSON, givenNames: ' Mai ', familyName: 'Tran', birthDate: '2.7.1994', nationalities: ['VN'] },
    consent: 'yes',
    consentOn: '10.3.2026',
  };

  it('accepts a complete application and sends dates as ISO dates', () => {
    expect(validateApplication(valid, TODAY)).toEqual({});
    expect(applicationPayload({ ...valid, caseworkerId: 'u1' }, true)).toMatchObject({
      receivedOn: TODAY,
      channel: 'police',
      personId: null,
      person: { givenNames: 'Mai', familyName: 'Tran', birthDate: '1994-07-02', nationalities: ['VN'], gender: 'unknown' },
      consentGiven: true,
      consentOn: '2026-03-10',
      caseworkerId: 'u1',
      deadline: null,
      newChildren: [],
    });
  });

  it('does not assign a caseworker for a user who may not', () => {
    expect(applicationPayload({ ...valid, caseworkerId: 'u1' }, false).caseworkerId).toBeNull();
  });

  it('records an unknown nationality rather than none', () => {
    expect(applicationPayload({ ...valid, person: { ...valid.person, nationalities: [] } }, true).person?.nationalities).toEqual(['ZZ']);
  });

  it('sends the chosen existing person instead of a new one', () => {
    const existing = { id: 'p9', number: 'C-00009', masked: { givenNames: 'M••', familyName: 'T•••' }, birthYear: 1994, gender: 'female', nationalities: ['VN'], score: 90, matches: ['name' as const] };
    expect(applicationPayload({ ...valid, existingPerson: existing }, true)).toMatchObject({ personId: 'p9', person: null });
  });

  it('catches what the server would refuse', () => {
    const values: ApplicationValues = {
      ...valid,
      receivedOn: '17.3.2026',
      channel: '',
      consent: 'yes',
      consentOn: '',
      officeCode: '',
      deadline: '1.3.2026',
      person: { ...valid.person, birthDate: '31.2.1990' },
    };
    expect(validateApplication(values, TODAY)).toEqual({
      receivedOn: 'in_future',
      channel: 'required',
      'person.birthDate': 'invalid_date',
      consentOn: 'required',
      officeCode: 'required',
      deadline: 'before_received',
    });
  });

  it('needs the children applying with the victim to be minors on the day of receipt', () => {
    const values: ApplicationValues = {
      ...valid,
      receivedOn: '10.3.2026',
      children: [
        { ...emptyChild('a'), birthDate: '11.3.2008' },
        { ...emptyChild('b'), birthDate: '10.3.2008' },
      ],
    };
    expect(validateApplication(values, TODAY)).toEqual({ 'children.1.birthDate': 'child_not_minor' });
  });
});

describe('looking for existing persons', () => {
  it('waits for a name or a birth date with a nationality', () => {
    expect(similarQueryOf({ ...EMPTY_PERSON, givenNames: 'O' })).toBeNull();
    expect(similarQueryOf({ ...EMPTY_PERSON, birthDate: '4.5.1990' })).toBeNull();
    expect(similarQueryOf({ ...EMPTY_PERSON, birthDate: '4.5.1990', nationalities: ['ZZ'] })).toBeNull();
    expect(similarQueryOf({ ...EMPTY_PERSON, birthDate: '4.5.1990', nationalities: ['UA'] })).toEqual({ givenNames: null, familyName: null, birthDate: '1990-05-04', nationalities: ['UA'], excludeIds: [] });
    expect(similarQueryOf({ ...EMPTY_PERSON, familyName: ' Kovalenko ' }, ['p1'])).toEqual({ givenNames: null, familyName: 'Kovalenko', birthDate: null, nationalities: [], excludeIds: ['p1'] });
  });
});

describe('a refused save over someone else\'s change', () => {
  const start = {
    ...emptyApplication(TODAY, 'helsinki'),
    channel: 'police',
    deadline: '16.4.2026',
    person: { ...EMPTY_PERSON, nationalities: ['VN'] },
  };
  const { existingPerson: _e, children: _c, helplineContactId: _h, ...startEdit } = start;

  it('keeps what the user changed and takes the saved values for the rest', () => {
    const typed = { ...startEdit, summary: 'Passport taken.', person: { ...startEdit.person, residenceStatus: 'visa' } };
    const saved = { ...startEdit, deadline: '30.4.2026', summary: '', person: { ...startEdit.person, nationalities: ['VN', 'KH'], residenceStatus: 'asylum_seeker' } };
    expect(mergeEdits(startEdit, typed, saved)).toEqual({
      ...startEdit,
      deadline: '30.4.2026',
      summary: 'Passport taken.',
      person: { ...startEdit.person, nationalities: ['VN', 'KH'], residenceStatus: 'visa' },
    });
  });
});
