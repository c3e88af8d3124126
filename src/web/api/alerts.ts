import { api } from './client';

export type AlertKind = 'bulk_access' | 'break_glass';

export interface AccessAlert {
  id: string;
  kind: AlertKind;
  userId: string;
  userName: string;
  officeCodes: string[];
  createdAt: string;
  /** Free-form on the server; read through `particularsOf` in features/alerts/particulars.ts. */
  details: unknown;
  acknowledgedAt: string | null;
}

export const alertsQueryKey = ['alerts'] as const;

export async function fetchAlerts(): Promise<AccessAlert[]> {
  const body = await api<{ alerts: AccessAlert[] }>('/api/alerts');
  return body.alerts;
}
