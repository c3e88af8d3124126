import { currentLanguage } from '../app/i18n';
import { api, ApiError, type ErrorBody } from './client';
import type { MaskedName } from './intake';

export type { MaskedName };

export type ClientStatus = 'active' | 'ended';
export type ClientCategory = 'victim' | 'child_of_victim' | 'assists_investigation';

/** The filters of the client list; everything optional. */
export interface ClientFilters {
  q?: string;
  birthYear?: number;
  office?: string;
  caseworkerId?: string;
  status?: ClientStatus;
  category?: ClientCategory;
  nationality?: string;
}

export interface ClientQuery extends ClientFilters {
  page: number;
  pageSize: number;
}

export interface ClientListItem {
  id: string;
  number: string;
  masked: MaskedName;
  birthYear: number | null;
  gender: string;
  nationalities: string[];
  identityErased: boolean;
  category: string;
  startDate: string;
  endDate: string | null;
  officeCode: string;
  caseworker: { id: string; name: string } | null;
}

export interface ClientList {
  /** Counted up to 1,000: */
  total: number;
  /** more match than that. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  clients: ClientListItem[];
}

export interface Clientship {
  id: string;
  category: string;
  parentId: string | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  officeCode: string;
  caseworkerId: string | null;
  version: number;
}

/** Who is responsible for a client: the office and caseworker of their current clientship. */
export interface Assignment {
  officeCode: string;
  caseworkerId: string | null;
}

export interface Exploitation {
  id: string;
  form: string;
  isPrimary: boolean;
  country: string;
  industry: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  residenceStatus: string | null;
  version: number;
}

export type ExploitationInput = Omit<Exploitation, 'id' | 'version'>;

/** One change to an exploitation record, from the audit trail: codes only, some missing in early entries. */
export interface ExploitationHistoryEntry {
  exploitationId: string;
  action: 'create' | 'update' | 'delete';
  at: string;
  actorName: string | null;
  before: Partial<ExploitationInput> | null;
  after: Partial<ExploitationInput> | null;
}

export interface Service {
  id: string;
  type: string;
  provider: string | null;
  startDate: string;
  endDate: string | null;
  version: number;
}

export type ServiceInput = Omit<Service, 'id' | 'version'>;

export interface Need {
  type: string;
  needed: boolean;
  assessedOn: string;
}

export interface Note {
  id: string;
  body: string;
  authorId: string;
  authorName: string;
  writtenAt: string;
  correctedAt: string | null;
  correctsId: string | null;
  /** Whether its author may still correct it in place. */
  correctable: boolean;
  version: number;
}

export interface Task {
  id: string;
  title: string;
  dueOn: string;
  assigneeId: string;
  assigneeName: string;
  doneAt: string | null;
  version: number;
}

export interface ClientDecision {
  id: string;
  kind: string;
  status: string;
  decidedOn: string | null;
  reason: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  applicationId: string | null;
}

export interface Attachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedByName: string;
}

export interface PersonRef {
  id: string;
  number: string;
}

/** The client page: identity masked, everything else as it is. */
export interface Client {
  id: string;
  number: string;
  masked: MaskedName;
  birthYear: number | null;
  gender: string;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  residenceStatus: string;
  municipalityRecorded: boolean;
  identityErased: boolean;
  clientships: Clientship[];
  exploitation: Exploitation[];
  /** Newest first. */
  exploitationHistory: ExploitationHistoryEntry[];
  services: Service[];
  needs: Need[];
  notes: Note[];
  tasks: Task[];
  residenceHistory: { status: string; changedAt: string }[];
  children: PersonRef[];
  parent: PersonRef | null;
  decisions: ClientDecision[];
  attachments: Attachment[];
  version: number;
}

export interface Contact {
  phone?: string;
  email?: string;
  address?: string;
}

/** The identifying data, shown only after an (audited) reveal. */
export interface ClientIdentity {
  givenNames: string | null;
  familyName: string | null;
  aliases: string[];
  birthDate: string | null;
  birthDateIsEstimate: boolean;
  contact: Contact | null;
  municipality: string | null;
}

/** A change to the person: only the fields sent change. */
export interface PersonChange {
  givenNames?: string | null;
  familyName?: string | null;
  aliases?: string[];
  birthDate?: string | null;
  birthDateIsEstimate?: boolean;
  gender?: string;
  nationalities?: string[];
  languages?: string[];
  interpreterNeeded?: boolean;
  residenceStatus?: string;
  contact?: Contact | null;
  municipality?: string | null;
}

/** The person as saved now, sent with a 409 after someone else saved first. */
export type CurrentPerson = Omit<ClientIdentity, 'birthDateIsEstimate'> & {
  birthDateIsEstimate: boolean;
  gender: string;
  nationalities: string[];
  languages: string[];
  interpreterNeeded: boolean;
  residenceStatus: string;
  version: number;
};

export interface MyTask {
  id: string;
  title: string;
  dueOn: string;
  overdue: boolean;
  version: number;
  person: PersonRef;
}

export interface RecentNote {
  id: string;
  body: string;
  writtenAt: string;
  correctedAt: string | null;
  correctsId: string | null;
  person: PersonRef;
}

export interface Saved {
  id: string;
  version: number;
}

export const clientKeys = {
  all: ['clients'] as const,
  list: (query: ClientQuery) => ['clients', 'list', query] as const,
  client: (id: string) => ['clients', 'client', id] as const,
  myTasks: ['clients', 'my-tasks'] as const,
  recentNotes: ['clients', 'recent-notes'] as const,
};

const path = (template: string, id: string) => template.replace(':id', encodeURIComponent(id));

function filterQuery(filters: ClientFilters): Record<string, string | number | undefined> {
  return {
    q: filters.q,
    birthYear: filters.birthYear,
    office: filters.office,
    caseworkerId: filters.caseworkerId,
    status: filters.status,
    category: filters.category,
    nationality: filters.nationality,
  };
}

export function searchClients(query: ClientQuery, signal?: AbortSignal) {
  return api<ClientList>('/api/clients', { query: { ...filterQuery(query), page: query.page, pageSize: query.pageSize }, ...(signal ? { signal } : {}) });
}

/** The list as a file: a plain link, so that the browser downloads it with the session. */
export function exportUrl(filters: ClientFilters, format: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ format, lang: currentLanguage() });
  for (const [key, value] of Object.entries(filterQuery(filters))) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return `/api/clients/export?${params.toString()}`;
}

export function fetchClient(id: string) {
  return api<Client>(path('/api/clients/:id', id));
}

export function revealIdentity(id: string) {
  return api<ClientIdentity>(path('/api/clients/:id/reveal', id), { method: 'POST' });
}

export function breakGlass(id: string, reason: string) {
  return api<{ expiresAt: string }>(path('/api/clients/:id/break-glass', id), { method: 'POST', body: { reason } });
}

export function updatePerson(id: string, version: number, change: PersonChange) {
  return api<Saved>(path('/api/clients/:id', id), { method: 'PATCH', body: { ...change, version } });
}

export function assignClient(clientId: string, version: number, assignment: Assignment) {
  return api<Saved>(path('/api/clients/:id/assignment', clientId), { method: 'PUT', body: { ...assignment, version } });
}

export function addExploitation(clientId: string, input: ExploitationInput) {
  return api<Saved>(path('/api/clients/:id/exploitation', clientId), { method: 'POST', body: input });
}

export function updateExploitation(id: string, version: number, input: ExploitationInput) {
  return api<Saved>(path('/api/exploitation/:id', id), { method: 'PUT', body: { ...input, version } });
}

export function removeExploitation(id: string, version: number) {
  return api<void>(path('/api/exploitation/:id', id), { method: 'DELETE', query: { version } });
}

export function addService(clientId: string, input: ServiceInput) {
  return api<Saved>(path('/api/clients/:id/services', clientId), { method: 'POST', body: input });
}

export function updateService(id: string, version: number, input: ServiceInput) {
  return api<Saved>(path('/api/services/:id', id), { method: 'PUT', body: { ...input, version } });
}

export async function assessNeeds(clientId: string, needs: { type: string; needed: boolean }[]) {
  return (await api<{ needs: Need[] }>(path('/api/clients/:id/needs', clientId), { method: 'PUT', body: { needs } })).needs;
}

export function addNote(clientId: string, body: string, correctsId: string | null = null) {
  return api<Saved>(path('/api/clients/:id/notes', clientId), { method: 'POST', body: { body, correctsId } });
}

export function correctNote(id: string, version: number, body: string) {
  return api<Saved>(path('/api/notes/:id', id), { method: 'PUT', body: { version, body } });
}

export function addTask(clientId: string, input: { title: string; dueOn: string; assigneeId: string }) {
  return api<Saved>(path('/api/clients/:id/tasks', clientId), { method: 'POST', body: input });
}

export function completeTask(id: string, version: number) {
  return api<Saved>(path('/api/tasks/:id/done', id), { method: 'POST', body: { version } });
}

export async function fetchMyTasks(): Promise<MyTask[]> {
  return (await api<{ tasks: MyTask[] }>('/api/tasks')).tasks;
}

export async function fetchRecentNotes(): Promise<RecentNote[]> {
  return (await api<{ notes: RecentNote[] }>('/api/notes/recent')).notes;
}

export function attachmentUrl(id: string): string {
  return path('/api/attachments/:id', id);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** A file goes as the raw body, its name URL-encoded in a header; JSON comes back. */
export async function uploadAttachment(clientId: string, file: File): Promise<{ id: string; mediaType: string; sizeBytes: number }> {
  let response: Response;
  try {
    response = await fetch(path('/api/clients/:id/attachments', clientId), {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': currentLanguage(),
        // The server decides the type from the bytes; this only lets the body through.
        'Content-Type': file.type === 'application/pdf' || file.type === 'image/jpeg' || file.type === 'image/png' ? file.type : 'application/octet-stream',
        'X-File-Name': encodeURIComponent(file.name),
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, null);
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, isErrorBody(parsed) ? parsed : null);
  return parsed as { id: string; mediaType: string; sizeBytes: number };
}

/** What a 409 carries: the record as saved now and, for the person, the fields others changed. */
export function conflictOf<T>(error: unknown): { current: T; changed: string[] } | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'conflict') return null;
  const current: unknown = error.body?.error.current;
  if (typeof current !== 'object' || current === null || !('version' in current) || typeof current.version !== 'number') return null;
  const changed: unknown = error.body?.error.changed;
  return { current: current as T, changed: Array.isArray(changed) ? changed.filter((c): c is string => typeof c === 'string') : [] };
}
