import { api } from './client';

/** A name as lists show it: initials and dots, never the name itself. */
export interface MaskedName {
  givenNames: string | null;
  familyName: string | null;
}

export interface StaffRef {
  id: string;
  name: string;
}

export type ContactOutcome = 'advice_given' | 'referred_elsewhere';

export interface HelplineContact {
  id: string;
  /** ISO date-time. */
  at: string;
  channel: string;
  caller: string;
  language: string | null;
  topic: string | null;
  outcome: string;
  officeCode: string | null;
  applicationNumber: string | null;
}

export interface HelplineContactInput {
  at: string;
  channel: string;
  caller: string;
  language: string | null;
  topic: string | null;
  outcome: ContactOutcome;
  officeCode: string | null;
}

/** A person as typed into a form (the server's PersonInput). */
export interface PersonInput {
  givenNames: string | null;
  familyName: string | null;
  birthDate: string | null;
  birthDateIsEstimate: boolean;
  gender: string;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  residenceStatus: string;
}

export type PersonChange = Partial<PersonInput>;

export interface NewApplication {
  receivedOn: string;
  channel: string;
  summary: string | null;
  personId: string | null;
  person: PersonInput | null;
  newChildren: PersonInput[];
  consentGiven: boolean | null;
  consentOn: string | null;
  officeCode: string;
  caseworkerId: string | null;
  deadline: string | null;
  helplineContactId: string | null;
}

export interface ApplicationChange {
  version: number;
  receivedOn?: string;
  channel?: string;
  summary?: string | null;
  consentGiven?: boolean | null;
  consentOn?: string | null;
  officeCode?: string;
  caseworkerId?: string | null;
  deadline?: string | null;
  person?: PersonChange;
  newChildren?: PersonInput[];
  removeChildIds?: string[];
}

export type DecisionKind = 'admission' | 'rejection' | 'reflection_period' | 'extension' | 'termination';
export type DecisionStatus = 'proposed' | 'decided' | 'cancelled';
export type LetterLanguage = 'fi' | 'sv' | 'en';

export interface Decision {
  id: string;
  kind: DecisionKind;
  status: DecisionStatus;
  application: { id: string; number: string; consentGiven: boolean | null; officeCode: string | null } | null;
  person: { id: string; number: string; masked: MaskedName; birthYear: number | null; residenceStatus: string };
  reason: string | null;
  grounds: string;
  expertGroupHeard: boolean;
  category: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  letterLanguage: string | null;
  hasLetter: boolean;
  proposedBy: StaffRef | null;
  proposedAt: string | null;
  decidedOn: string | null;
  decidedBy: StaffRef | null;
  appeal: { lodgedOn: string; outcome: string | null; decidedOn: string | null } | null;
  version: number;
}

export type ApplicationStatus = 'received' | 'under_assessment' | 'decided' | 'withdrawn' | 'lapsed';

export interface ApplicationPerson {
  id: string;
  number: string;
  masked: MaskedName;
  birthYear: number | null;
  birthDateIsEstimate: boolean;
  gender: string;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  residenceStatus: string;
  version: number;
}

export interface ApplicationChild {
  id: string;
  number: string;
  masked: MaskedName;
  birthYear: number | null;
  gender: string;
  nationalities: string[];
}

export interface Application {
  id: string;
  number: string;
  receivedOn: string;
  channel: string;
  summary: string | null;
  consentGiven: boolean | null;
  consentOn: string | null;
  officeCode: string | null;
  caseworker: StaffRef | null;
  status: ApplicationStatus;
  deadline: string | null;
  helplineContactId: string | null;
  version: number;
  person: ApplicationPerson;
  children: ApplicationChild[];
  history: { fromStatus: string | null; toStatus: string; at: string; byName: string | null }[];
  decisions: Decision[];
}

export const APPLICATION_LISTS = ['mine', 'open', 'overdue', 'all'] as const;
export type ApplicationList = (typeof APPLICATION_LISTS)[number];

export function isApplicationList(value: string | null): value is ApplicationList {
  return (APPLICATION_LISTS as readonly (string | null)[]).includes(value);
}

export interface ApplicationListItem {
  id: string;
  number: string;
  receivedOn: string;
  channel: string;
  status: string;
  deadline: string | null;
  overdue: boolean;
  officeCode: string | null;
  caseworker: StaffRef | null;
  consentGiven: boolean | null;
  childCount: number;
  proposedDecision: string | null;
  person: { id: string; number: string; masked: MaskedName; birthYear: number | null; gender: string; nationalities: string[] };
}

export interface SimilarQuery {
  givenNames: string | null;
  familyName: string | null;
  birthDate: string | null;
  nationalities: string[];
  excludeIds: string[];
}

export type SimilarMatch = 'name' | 'birth_date' | 'birth_year' | 'nationality';

export interface SimilarPerson {
  id: string;
  number: string;
  masked: MaskedName;
  birthYear: number | null;
  gender: string;
  nationalities: string[];
  score: number;
  matches: SimilarMatch[];
}

export interface DecisionProposal {
  kind: DecisionKind;
  applicationId: string | null;
  personId: string | null;
  reason: string | null;
  grounds: string;
  expertGroupHeard: boolean;
  category: 'victim' | 'assists_investigation' | null;
  periodStart: string | null;
  periodEnd: string | null;
  letterLanguage: LetterLanguage;
}

export interface AppealInput {
  version: number;
  lodgedOn: string;
  outcome: string;
  decidedOn: string | null;
}

export interface AwaitingDecision {
  id: string;
  kind: string;
  proposedAt: string | null;
  proposedBy: StaffRef | null;
  ownProposal: boolean;
  applicationNumber: string | null;
  officeCode: string | null;
  person: { id: string; number: string; masked: MaskedName };
}

export interface WorklistCounts {
  myApplications?: number;
  overdue?: number;
  awaitingDecision?: number;
  reflectionEnding?: number;
}

export interface ReflectionEnding {
  decisionId: string;
  kind: string;
  periodStart: string | null;
  periodEnd: string | null;
  person: { id: string; number: string; masked: MaskedName; residenceStatus: string };
}

export interface Caseworker {
  id: string;
  name: string;
  offices: string[];
  /** Of the casework roles, those the person holds: `caseworker`, `team_leader`. */
  roles: string[];
}

export const intakeKeys = {
  all: ['intake'] as const,
  contacts: ['intake', 'contacts'] as const,
  contact: (id: string) => ['intake', 'contacts', id] as const,
  applications: (list: ApplicationList) => ['intake', 'applications', 'list', list] as const,
  application: (id: string) => ['intake', 'applications', id] as const,
  caseworkers: ['intake', 'caseworkers'] as const,
  awaiting: ['intake', 'decisions', 'awaiting'] as const,
  decision: (id: string) => ['intake', 'decisions', id] as const,
  worklists: ['intake', 'worklists'] as const,
  reflectionEnding: ['intake', 'reflection-periods'] as const,
};

const path = (template: string, id: string) => template.replace(':id', encodeURIComponent(id));

export function logContact(input: HelplineContactInput) {
  return api<HelplineContact>('/api/helpline/contacts', { method: 'POST', body: input });
}

export async function fetchContacts(): Promise<HelplineContact[]> {
  return (await api<{ contacts: HelplineContact[] }>('/api/helpline/contacts')).contacts;
}

export function fetchContact(id: string) {
  return api<HelplineContact>(path('/api/helpline/contacts/:id', id));
}

export function createApplication(input: NewApplication) {
  return api<{ id: string; number: string }>('/api/applications', { method: 'POST', body: input });
}

export async function fetchApplications(list: ApplicationList): Promise<ApplicationListItem[]> {
  return (await api<{ applications: ApplicationListItem[] }>('/api/applications', { query: { list } })).applications;
}

export function fetchApplication(id: string) {
  return api<Application>(path('/api/applications/:id', id));
}

export function updateApplication(id: string, change: ApplicationChange) {
  return api<Application>(path('/api/applications/:id', id), { method: 'PATCH', body: change });
}

export function changeApplicationStatus(id: string, version: number, status: Exclude<ApplicationStatus, 'decided'>) {
  return api<Application>(path('/api/applications/:id/status', id), { method: 'POST', body: { version, status } });
}

export function linkPerson(id: string, version: number, personId: string) {
  return api<Application>(path('/api/applications/:id/link-person', id), { method: 'POST', body: { version, personId } });
}

export async function findSimilarPersons(query: SimilarQuery, signal?: AbortSignal): Promise<SimilarPerson[]> {
  const body = await api<{ persons: SimilarPerson[] }>('/api/persons/similar', {
    method: 'POST',
    body: query,
    ...(signal ? { signal } : {}),
  });
  return body.persons;
}

/** Possible duplicates of an application's applicant, searched on the server with the identity as recorded (never sent to the browser). */
export async function findSimilarToApplicant(applicationId: string, signal?: AbortSignal): Promise<SimilarPerson[]> {
  const body = await api<{ persons: SimilarPerson[] }>(path('/api/applications/:id/similar', applicationId), {
    method: 'POST',
    ...(signal ? { signal } : {}),
  });
  return body.persons;
}

export async function fetchCaseworkers(): Promise<Caseworker[]> {
  return (await api<{ caseworkers: Caseworker[] }>('/api/staff/caseworkers')).caseworkers;
}

export function proposeDecision(input: DecisionProposal) {
  return api<Decision>('/api/decisions', { method: 'POST', body: input });
}

export async function fetchAwaiting(): Promise<AwaitingDecision[]> {
  return (await api<{ decisions: AwaitingDecision[] }>('/api/decisions/awaiting')).decisions;
}

export function fetchDecision(id: string) {
  return api<Decision>(path('/api/decisions/:id', id));
}

export function takeDecision(id: string, version: number, decidedOn: string) {
  return api<Decision>(path('/api/decisions/:id/decide', id), { method: 'POST', body: { version, decidedOn } });
}

export function returnProposal(id: string, version: number) {
  return api<Decision>(path('/api/decisions/:id/return', id), { method: 'POST', body: { version } });
}

export function recordAppeal(id: string, input: AppealInput) {
  return api<Decision>(path('/api/decisions/:id/appeal', id), { method: 'PUT', body: input });
}

/** The decision letter; a plain link, so the browser downloads the PDF with the session cookie. */
export function letterUrl(decisionId: string): string {
  return path('/api/decisions/:id/letter', decisionId);
}

export function fetchWorklists() {
  return api<WorklistCounts>('/api/worklists');
}

export async function fetchReflectionEnding(): Promise<ReflectionEnding[]> {
  return (await api<{ periods: ReflectionEnding[] }>('/api/worklists/reflection-periods')).periods;
}

/** The application as it is now, sent with a 409 conflict. */
export function conflictApplication(value: unknown): Application | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!('id' in value) || typeof value.id !== 'string') return null;
  if (!('version' in value) || typeof value.version !== 'number') return null;
  if (!('person' in value) || typeof value.person !== 'object') return null;
  return value as Application;
}

/** The decision as it is now, sent with a 409 conflict. */
export function conflictDecision(value: unknown): Decision | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!('id' in value) || typeof value.id !== 'string') return null;
  if (!('version' in value) || typeof value.version !== 'number') return null;
  if (!('kind' in value) || typeof value.kind !== 'string') return null;
  return value as Decision;
}
