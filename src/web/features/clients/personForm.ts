import { isIsoDate } from '../../../domain/codes';
import type { Client, ClientIdentity, Contact, CurrentPerson, PersonChange } from '../../api/clients';
import { isoDateOf } from '../audit/dates';

/** The fields of the person a caseworker edits, named as the API names them. */
export const IDENTITY_FIELDS = ['givenNames', 'familyName', 'aliases', 'birthDate', 'birthDateIsEstimate', 'contact', 'municipality'] as const;
export const PARTICULAR_FIELDS = ['gender', 'nationalities', 'languages', 'interpreterNeeded', 'residenceStatus'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export type ParticularField = (typeof PARTICULAR_FIELDS)[number];
export type PersonField = IdentityField | ParticularField;

export function isIdentityField(field: string): field is IdentityField {
  return (IDENTITY_FIELDS as readonly string[]).includes(field);
}

/** The form's values: text as typed (dates "d.M.yyyy", other names one per line). */
export interface PersonValues {
  givenNames: string;
  familyName: string;
  aliases: string;
  birthDate: string;
  birthDateIsEstimate: boolean;
  contact: { phone: string; email: string; address: string };
  municipality: string;
  gender: string;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  residenceStatus: string;
}

export type PersonProblem = 'invalid_date' | 'required' | 'invalid_email';

/** Identity fields are edited only once revealed; the rest always. */
export function editableFields(revealed: boolean): readonly PersonField[] {
  return revealed ? [...IDENTITY_FIELDS, ...PARTICULAR_FIELDS] : PARTICULAR_FIELDS;
}

function typedDate(iso: string | null): string {
  if (!iso || !isIsoDate(iso)) return '';
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d}.${m}.${y}`;
}

const noIdentity = { givenNames: '', familyName: '', aliases: '', birthDate: '', birthDateIsEstimate: false, contact: { phone: '', email: '', address: '' }, municipality: '' };

function identityValues(identity: Omit<ClientIdentity, 'birthDateIsEstimate'> & { birthDateIsEstimate: boolean }) {
  return {
    givenNames: identity.givenNames ?? '',
    familyName: identity.familyName ?? '',
    aliases: identity.aliases.join('\n'),
    birthDate: typedDate(identity.birthDate),
    birthDateIsEstimate: identity.birthDateIsEstimate,
    contact: { phone: identity.contact?.phone ?? '', email: identity.contact?.email ?? '', address: identity.contact?.address ?? '' },
    municipality: identity.municipality ?? '',
  };
}

/** The form as the client page shows the person; identity left empty until revealed. */
export function personValues(client: Pick<Client, 'gender' | 'nationalities' | 'languages' | 'interpreterNeeded' | 'residenceStatus'>, identity: ClientIdentity | null): PersonValues {
  return {
    ...(identity ? identityValues(identity) : noIdentity),
    gender: client.gender,
    nationalities: [...client.nationalities],
    languages: [...client.languages],
    interpreterNeeded: client.interpreterNeeded,
    residenceStatus: client.residenceStatus,
  };
}

/** The person as saved now (sent with a conflict); its identity only when this user has revealed it. */
export function currentValues(current: CurrentPerson, revealed: boolean): PersonValues {
  return personValues(current, revealed ? current : null);
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function contactOf(values: PersonValues): Contact | null {
  const contact: Contact = {};
  const { phone, email, address } = values.contact;
  if (phone.trim()) contact.phone = phone.trim();
  if (email.trim()) contact.email = email.trim();
  if (address.trim()) contact.address = address.trim();
  return Object.keys(contact).length > 0 ? contact : null;
}

/** A field's value in a form that compares equal exactly when the saved value would be the same. */
export function personKey(field: PersonField, values: PersonValues): string {
  switch (field) {
    case 'aliases':
      return JSON.stringify(lines(values.aliases));
    case 'birthDate':
      return values.birthDate.trim() === '' ? '' : (isoDateOf(values.birthDate) ?? `typed:${values.birthDate.trim()}`);
    case 'contact':
      return JSON.stringify(contactOf(values));
    case 'givenNames':
    case 'familyName':
    case 'municipality':
      return values[field].trim();
    default:
      return JSON.stringify(values[field]);
  }
}

/**
 * The change to send: only the fields this user changed, as the API takes them; or the problems
 * that keep it from being sent.
 */
export function personChange(base: PersonValues, values: PersonValues, fields: readonly PersonField[]): { change: PersonChange; problems: Partial<Record<PersonField, PersonProblem>> } {
  const change: PersonChange = {};
  const problems: Partial<Record<PersonField, PersonProblem>> = {};
  for (const field of fields) {
    if (personKey(field, base) === personKey(field, values)) continue;
    switch (field) {
      case 'givenNames':
      case 'familyName':
      case 'municipality':
        change[field] = values[field].trim() || null;
        break;
      case 'aliases':
        change.aliases = lines(values.aliases);
        break;
      case 'birthDate': {
        const text = values.birthDate.trim();
        const iso = text === '' ? null : isoDateOf(text);
        if (iso === null && text !== '') problems.birthDate = 'invalid_date';
        else change.birthDate = iso;
        break;
      }
      case 'contact': {
        const contact = contactOf(values);
        if (contact?.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact.email)) problems.contact = 'invalid_email';
        else change.contact = contact;
        break;
      }
      case 'nationalities':
        if (values.nationalities.length === 0) problems.nationalities = 'required';
        else change.nationalities = [...values.nationalities];
        break;
      case 'languages':
        change.languages = [...values.languages];
        break;
      case 'birthDateIsEstimate':
      case 'interpreterNeeded':
        change[field] = values[field];
        break;
      case 'gender':
      case 'residenceStatus':
        change[field] = values[field];
        break;
    }
  }
  return { change, problems };
}

/** Names of codes and dates, as the page shows them. */
export interface ValueLabels {
  code: (list: 'gender' | 'residenceStatus', code: string) => string;
  countries: (codes: readonly string[]) => string;
  languages: (codes: readonly string[]) => string;
  date: (iso: string | null) => string;
  yesNo: (value: boolean) => string;
  none: string;
}

/** A field's value in words, for the table that sets this user's values beside the saved ones. */
export function formatPersonValue(field: PersonField, values: PersonValues, labels: ValueLabels): string {
  const orNone = (text: string) => (text.trim() === '' ? labels.none : text);
  switch (field) {
    case 'givenNames':
    case 'familyName':
    case 'municipality':
      return orNone(values[field].trim());
    case 'aliases':
      return orNone(lines(values.aliases).join(', '));
    case 'birthDate': {
      const iso = isoDateOf(values.birthDate);
      return iso ? labels.date(iso) : orNone(values.birthDate.trim());
    }
    case 'contact':
      return orNone(
        Object.values(contactOf(values) ?? {})
          .filter(Boolean)
          .join(', '),
      );
    case 'birthDateIsEstimate':
    case 'interpreterNeeded':
      return labels.yesNo(values[field]);
    case 'gender':
    case 'residenceStatus':
      return orNone(values[field] ? labels.code(field, values[field]) : '');
    case 'nationalities':
      return orNone(labels.countries(values.nationalities));
    case 'languages':
      return orNone(labels.languages(values.languages));
  }
}

/** The identity as saved from these values (after this user's own save, without revealing it again). */
export function identityOf(values: PersonValues): ClientIdentity {
  const birth = personKey('birthDate', values);
  return {
    givenNames: values.givenNames.trim() || null,
    familyName: values.familyName.trim() || null,
    aliases: lines(values.aliases),
    birthDate: birth === '' || birth.startsWith('typed:') ? null : birth,
    birthDateIsEstimate: values.birthDateIsEstimate,
    contact: contactOf(values),
    municipality: values.municipality.trim() || null,
  };
}
