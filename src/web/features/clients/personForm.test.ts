import { describe, expect, it } from 'vitest';
import { conflictRows, keepMine } from './changes';
import { currentValues, editableFields, formatPersonValue, personChange, personKey, personValues, type ValueLabels } from './personForm';

const client = { gender: 'female', nationalities: ['UA'], languages: ['uk'], interpreterNeeded: true, residenceStatus: 'visa' };
const identity = { givenNames: 'Olena', familyName: 'Kovalenko', aliases: ['Lena'], birthDate: '1990-05-04', birthDateIsEstimate: false, contact: { phone: '+358 40 1' }, municipality: null };
const labels: ValueLabels = {
  code: (list, code) => `${list}:${code}`,
  countries: (codes) => codes.join(' + '),
  languages: (codes) => codes.join(' + '),
  date: (iso) => `date ${iso}`,
  yesNo: (value) => (value ? 'yes' : 'no'),
  none: '–',
};

describe('the person form', () => {
  it('sends only what was changed, as the API takes it', () => {
    const base = personValues(client, identity);
    const values = { ...base, birthDate: '4.6.1990', aliases: 'Lena\n  Helena \n', contact: { ...base.contact, email: ' olena@example.org ' }, residenceStatus: 'asylum_seeker' };
    expect(personChange(base, values, editableFields(true))).toEqual({
      change: { aliases: ['Lena', 'Helena'], birthDate: '1990-06-04', contact: { phone: '+358 40 1', email: 'olena@example.org' }, residenceStatus: 'asylum_seeker' },
      problems: {},
    });
    // Typed differently, saved the same: not a change.
    expect(personChange(base, { ...base, birthDate: '04.05.1990', givenNames: ' Olena ' }, editableFields(true)).change).toEqual({});
  });

  it('finds what cannot be sent', () => {
    const base = personValues(client, identity);
    const { problems } = personChange(base, { ...base, birthDate: '31.2.1990', nationalities: [], contact: { ...base.contact, email: 'not an address' } }, editableFields(true));
    expect(problems).toEqual({ birthDate: 'invalid_date', nationalities: 'required', contact: 'invalid_email' });
  });

  it('leaves identity alone until it is revealed', () => {
    const base = personValues(client, null);
    expect(base.givenNames).toBe('');
    expect(personChange(base, { ...base, givenNames: 'Typed anyway', languages: ['uk', 'ru'] }, editableFields(false)).change).toEqual({ languages: ['uk', 'ru'] });
  });

  it('formats each field for the table of a conflict', () => {
    const values = personValues(client, identity);
    expect(formatPersonValue('residenceStatus', values, labels)).toBe('residenceStatus:visa');
    expect(formatPersonValue('nationalities', values, labels)).toBe('UA');
    expect(formatPersonValue('languages', { ...values, languages: ['uk', 'ru'] }, labels)).toBe('uk + ru');
    expect(formatPersonValue('birthDate', values, labels)).toBe('date 1990-05-04');
    expect(formatPersonValue('interpreterNeeded', values, labels)).toBe('yes');
    expect(formatPersonValue('municipality', values, labels)).toBe('–');
    expect(formatPersonValue('contact', values, labels)).toBe('+358 40 1');
    expect(formatPersonValue('aliases', values, labels)).toBe('Lena');
  });

  it('after a conflict keeps this user\'s change on top of the version saved now', () => {
    const base = personValues(client, identity);
    const mine = { ...base, languages: ['uk', 'ru'] };
    const theirs = currentValues({ ...client, ...identity, residenceStatus: 'asylum_seeker', municipality: 'Espoo', version: 3 }, true);
    const fields = editableFields(true);
    expect(conflictRows(fields, personKey, base, mine, theirs, ['residenceStatus', 'municipality']).map((r) => r.field)).toEqual(['municipality', 'languages', 'residenceStatus']);
    const merged = keepMine(fields, personKey, base, mine, theirs);
    expect(merged).toMatchObject({ residenceStatus: 'asylum_seeker', municipality: 'Espoo', languages: ['uk', 'ru'] });
    expect(personChange(theirs, merged, fields).change).toEqual({ languages: ['uk', 'ru'] });
  });
});
