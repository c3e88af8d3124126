import { api } from './client';

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorKind: 'user' | 'operator' | 'system' | 'anonymous';
  actorRoles: string[];
  action: string;
  objectType: string | null;
  objectIds: string[];
  reason: string | null;
  outcome: 'success' | 'denied' | 'failure';
  address: string | null;
}

export interface AuditPage {
  events: AuditEvent[];
  nextBefore: number | null;
}

export interface AuditFilters {
  from?: string;
  to?: string;
  action?: string;
  actorId?: string;
  objectId?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export function fetchAuditPage(filters: AuditFilters, before: number | undefined, signal?: AbortSignal) {
  return api<AuditPage>('/api/audit', {
    query: { ...filters, before, limit: AUDIT_PAGE_SIZE },
    ...(signal ? { signal } : {}),
  });
}

/** Actions that count as viewing a client, as the server reports them. */
export const CLIENT_VIEW_ACTIONS = [
  'client.read',
  'client.reveal',
  'client.break_glass',
  'client.export',
  'client.print',
] as const;
export type ClientViewAction = (typeof CLIENT_VIEW_ACTIONS)[number];

export interface ClientViewEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[];
  action: string;
  reason: string | null;
  outcome: string;
}

export interface ClientViewers {
  client: { id: string; number: string };
  events: ClientViewEvent[];
}

/** Who has viewed the client with this number (each look-up is audited). 404 when not found or out of scope. */
export function fetchClientViewers(number: string) {
  return api<ClientViewers>('/api/audit/client-viewers', { query: { number } });
}
