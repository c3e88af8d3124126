import { ageOn, isMinor } from '../../../domain/codes';
import type { Application, ApplicationChange, HelplineContact, NewApplication, PersonChange, PersonInput, SimilarPerson, SimilarQuery } from '../../api/intake';
import { fieldDate, isoDateOf, localIsoDate, optionalIsoDate } from './dates';

export type ConsentChoice = 'yes' | 'no' | 'not_asked';

/** A person's fields as the form keeps them: dates as typed, "d.M.yyyy". */
export interface PersonValues {
  givenNames: string;
  familyName: string;
  birthDate: string;
  birthDateIsEstimate: boolean;
  gender: string;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  residenceStatus: string;
}

export interface ChildValues {
  /** Stable React key of the row; never sent. */
  key: string;
  givenNames: string;
  familyName: string;
  birthDate: string;
  gender: string;
}

export interface ApplicationValues {
  receivedOn: string;
  channel: string;
  summary: string;
  person: PersonValues;
  /** An existing person chosen among the possible duplicates; sent instead of `person`. */
  existingPerson: SimilarPerson | null;
  children: ChildValues[];
  consent: ConsentChoice;
  consentOn: string;
  officeCode: string;
  caseworkerId: string;
  deadline: string;
  helplineContactId: string | null;
}

export const EMPTY_PERSON: PersonValues = {
  givenNames: '',
  familyName: '',
  birthDate: '',
  birthDateIsEstimate: false,
  gender: 'unknown',
  nationalities: [],
  languages: [],
  interpreterNeeded: false,
  residenceStatus: 'unknown',
};

export function emptyChild(key: string): ChildValues {
  return { key, givenNames: '', familyName: '', birthDate: '', gender: 'unknown' };
}

export function emptyApplication(today: string, officeCode: string): ApplicationValues {
  return {
    receivedOn: fieldDate(today),
    channel: '',
    summary: '',
    person: EMPTY_PERSON,
    existingPerson: null,
    children: [],
    consent: 'not_asked',
    consentOn: '',
    officeCode,
    caseworkerId: '',
    deadline: '',
    helplineContactId: null,
  };
}

/**
 * A new application started from a helpline contact: received on the day of the contact, in the
 * caller's language; a possible victim calling applies themself, any other caller's channel is
 * left for the worker to choose.
 */
export function applicationFromContact(contact: HelplineContact, base: ApplicationValues): ApplicationValues {
  const at = new Date(contact.at);
  return {
    ...base,
    receivedOn: Number.isNaN(at.getTime()) ? base.receivedOn : fieldDate(localIsoDate(at)),
    channel: contact.caller === 'possible_victim' ? 'self' : '',
    person: { ...base.person, languages: contact.language ? [contact.language] : base.person.languages },
    officeCode: contact.officeCode ?? base.officeCode,
    helplineContactId: contact.id,
  };
}

export type ApplicationProblem =
  | 'required'
  | 'invalid_date'
  | 'in_future'
  | 'before_received'
  | 'child_not_minor';

/** Field keys: top-level names, `person.<field>` and `children.<i>.<field>`. */
export type ApplicationProblems = Record<string, ApplicationProblem>;

function checkDate(problems: ApplicationProblems, field: string, text: string, opts: { required?: boolean; notAfter?: string }) {
  const iso = optionalIsoDate(text);
  if (iso === null) {
    if (opts.required) problems[field] = 'required';
    return null;
  }
  if (iso === undefined) {
    problems[field] = 'invalid_date';
    return null;
  }
  if (opts.notAfter && iso > opts.notAfter) problems[field] = 'in_future';
  return iso;
}

/**
 * The checks the server makes too, so that a slip is caught before sending: dates real and not in
 * the future, consent with its date, the deadline after receipt, the children under 18 then.
 */
export function validateApplication(values: ApplicationValues, today: string): ApplicationProblems {
  const problems: ApplicationProblems = {};
  const receivedOn = checkDate(problems, 'receivedOn', values.receivedOn, { required: true, notAfter: today });
  if (!values.channel) problems.channel = 'required';
  if (!values.existingPerson) checkDate(problems, 'person.birthDate', values.person.birthDate, { notAfter: today });
  if (values.consent !== 'not_asked') checkDate(problems, 'consentOn', values.consentOn, { required: values.consent === 'yes', notAfter: today });
  if (!values.officeCode) problems.officeCode = 'required';
  const deadline = checkDate(problems, 'deadline', values.deadline, {});
  if (deadline && receivedOn && deadline < receivedOn) problems.deadline = 'before_received';
  values.children.forEach((child, i) => {
    const birthDate = checkDate(problems, `children.${i}.birthDate`, child.birthDate, { notAfter: today });
    if (birthDate && receivedOn && birthDate <= receivedOn && !isMinor(ageOn(birthDate, receivedOn))) {
      problems[`children.${i}.birthDate`] = 'child_not_minor';
    }
  });
  return problems;
}

const trimmedOrNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function personInput(values: PersonValues): PersonInput {
  return {
    givenNames: trimmedOrNull(values.givenNames),
    familyName: trimmedOrNull(values.familyName),
    birthDate: values.birthDate.trim() ? isoDateOf(values.birthDate) : null,
    birthDateIsEstimate: values.birthDateIsEstimate,
    gender: values.gender,
    // Nationality may be unknown at first; the register then says so explicitly.
    nationalities: values.nationalities.length > 0 ? values.nationalities : ['ZZ'],
    languages: values.languages,
    interpreterNeeded: values.interpreterNeeded,
    residenceStatus: values.residenceStatus,
  };
}

export function childInput(child: ChildValues): PersonInput {
  return personInput({ ...EMPTY_PERSON, givenNames: child.givenNames, familyName: child.familyName, birthDate: child.birthDate, gender: child.gender });
}

/** The request body of a valid form (see validateApplication). */
export function applicationPayload(values: ApplicationValues, mayAssign: boolean): NewApplication {
  const consentOn = values.consent === 'not_asked' ? null : (optionalIsoDate(values.consentOn) ?? null);
  return {
    receivedOn: isoDateOf(values.receivedOn) ?? '',
    channel: values.channel,
    summary: trimmedOrNull(values.summary),
    personId: values.existingPerson?.id ?? null,
    person: values.existingPerson ? null : personInput(values.person),
    newChildren: values.children.map(childInput),
    consentGiven: values.consent === 'yes' ? true : values.consent === 'no' ? false : null,
    consentOn,
    officeCode: values.officeCode,
    caseworkerId: mayAssign && values.caseworkerId ? values.caseworkerId : null,
    deadline: optionalIsoDate(values.deadline) ?? null,
    helplineContactId: values.helplineContactId,
  };
}

/** Where a field named by the server is on this form. */
export function applicationFieldOf(path: string): string | null {
  const parts = path.split('.');
  const [head, second, third] = parts;
  switch (head) {
    case 'receivedOn':
    case 'channel':
    case 'summary':
    case 'consentOn':
    case 'officeCode':
    case 'caseworkerId':
    case 'deadline':
      return head;
    case 'consentGiven':
      return 'consent';
    case 'person':
      return second ? `person.${second}` : 'person.givenNames';
    case 'personId':
      return 'person.givenNames';
    case 'newChildren':
      return second !== undefined && third ? `children.${second}.${third}` : null;
    default:
      return null;
  }
}

/**
 * What to look for among the existing persons, or null while too little is typed to be worth a
 * search: a name of at least two letters, or a birth date with a nationality.
 */
export function similarQueryOf(person: PersonValues, excludeIds: string[] = []): SimilarQuery | null {
  const givenNames = person.givenNames.trim();
  const familyName = person.familyName.trim();
  const birthDate = person.birthDate.trim() ? isoDateOf(person.birthDate) : null;
  const nationalities = person.nationalities.filter((code) => code !== 'ZZ' && code !== 'XX');
  const named = givenNames.length >= 2 || familyName.length >= 2;
  if (!named && !(birthDate && nationalities.length > 0)) return null;
  return {
    givenNames: givenNames || null,
    familyName: familyName || null,
    birthDate,
    nationalities: nationalities.slice(0, 5),
    excludeIds,
  };
}

/** The application page's edit form: the application and its person, names and birth date blank to keep them. */
export type EditValues = Omit<ApplicationValues, 'existingPerson' | 'children' | 'helplineContactId'>;

export function consentChoiceOf(consentGiven: boolean | null): ConsentChoice {
  return consentGiven === true ? 'yes' : consentGiven === false ? 'no' : 'not_asked';
}

/** The saved application as the edit form starts from it; the identity is never sent to the browser, so it starts blank. */
export function editValuesOf(application: Application): EditValues {
  const { person } = application;
  return {
    receivedOn: fieldDate(application.receivedOn),
    channel: application.channel,
    summary: application.summary ?? '',
    person: {
      givenNames: '',
      familyName: '',
      birthDate: '',
      birthDateIsEstimate: person.birthDateIsEstimate,
      gender: person.gender,
      // "Unknown" is what the register says when none is known; the form shows that as none chosen.
      nationalities: person.nationalities.filter((code) => code !== 'ZZ'),
      languages: [...person.languages],
      interpreterNeeded: person.interpreterNeeded,
      residenceStatus: person.residenceStatus,
    },
    consent: consentChoiceOf(application.consentGiven),
    consentOn: fieldDate(application.consentOn),
    officeCode: application.officeCode ?? '',
    caseworkerId: application.caseworker?.id ?? '',
    deadline: fieldDate(application.deadline),
  };
}

export function validateEdit(values: EditValues, today: string): ApplicationProblems {
  return validateApplication({ ...values, existingPerson: null, children: [], helplineContactId: null }, today);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Only what the user changed, so that a save never overwrites what it did not touch. */
export function applicationChanges(base: Application, values: EditValues): Omit<ApplicationChange, 'version'> {
  const start = editValuesOf(base);
  const change: Omit<ApplicationChange, 'version'> = {};
  const receivedOn = isoDateOf(values.receivedOn);
  if (receivedOn && values.receivedOn !== start.receivedOn) change.receivedOn = receivedOn;
  if (values.channel !== start.channel) change.channel = values.channel;
  if (values.summary.trim() !== start.summary.trim()) change.summary = trimmedOrNull(values.summary);
  const consentOn = values.consent === 'not_asked' ? null : (optionalIsoDate(values.consentOn) ?? null);
  if (values.consent !== start.consent || consentOn !== base.consentOn) {
    change.consentGiven = values.consent === 'yes' ? true : values.consent === 'no' ? false : null;
    change.consentOn = consentOn;
  }
  if (values.officeCode !== start.officeCode) change.officeCode = values.officeCode;
  if (values.caseworkerId !== start.caseworkerId) change.caseworkerId = values.caseworkerId || null;
  const deadline = optionalIsoDate(values.deadline) ?? null;
  if (deadline !== base.deadline) change.deadline = deadline;

  const person: PersonChange = {};
  const typed = values.person;
  if (typed.givenNames.trim()) person.givenNames = typed.givenNames.trim();
  if (typed.familyName.trim()) person.familyName = typed.familyName.trim();
  if (typed.birthDate.trim()) person.birthDate = isoDateOf(typed.birthDate);
  if (typed.birthDateIsEstimate !== start.person.birthDateIsEstimate) person.birthDateIsEstimate = typed.birthDateIsEstimate;
  if (typed.gender !== start.person.gender) person.gender = typed.gender;
  if (!sameList(typed.nationalities, start.person.nationalities)) person.nationalities = typed.nationalities.length > 0 ? typed.nationalities : ['ZZ'];
  if (!sameList(typed.languages, start.person.languages)) person.languages = typed.languages;
  if (typed.interpreterNeeded !== start.person.interpreterNeeded) person.interpreterNeeded = typed.interpreterNeeded;
  if (typed.residenceStatus !== start.person.residenceStatus) person.residenceStatus = typed.residenceStatus;
  if (Object.keys(person).length > 0) change.person = person;
  return change;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return sameList(a as string[], b as string[]);
  return a === b;
}

/**
 * After a refused save: the fields the user changed keep what they typed; the others take the
 * values saved in the meantime, so that saving again changes only what the user meant to.
 */
export function mergeEdits(start: EditValues, typed: EditValues, saved: EditValues): EditValues {
  const merged = { ...typed, person: { ...typed.person } };
  for (const key of Object.keys(start) as (keyof EditValues)[]) {
    if (key === 'person') continue;
    if (sameValue(typed[key], start[key])) (merged as Record<string, unknown>)[key] = saved[key];
  }
  for (const key of Object.keys(start.person) as (keyof PersonValues)[]) {
    if (sameValue(typed.person[key], start.person[key])) (merged.person as Record<string, unknown>)[key] = saved.person[key];
  }
  return merged;
}
