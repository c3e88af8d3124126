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
