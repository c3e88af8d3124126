import type { AccessAlert } from '../../api/alerts';

/** What an alert says beyond who and when, as far as its details can be read. */
export type AlertParticulars =
  | { kind: 'break_glass'; reason: string | null; minutes: number | null }
  | { kind: 'bulk_access'; distinctClients: number; windowMinutes: number };

function objectOf(details: unknown): Record<string, unknown> | null {
  let value = details;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;

/** The alert's details in the shape its kind promises; null when they cannot be read. */
export function particularsOf(alert: Pick<AccessAlert, 'kind' | 'details'>): AlertParticulars | null {
  const details = objectOf(alert.details);
  if (!details) return null;
  if (alert.kind === 'break_glass') {
    const reason = typeof details.reason === 'string' && details.reason.trim() !== '' ? details.reason : null;
    const minutes = count(details.minutes);
    return reason === null && minutes === null ? null : { kind: 'break_glass', reason, minutes };
  }
  const distinctClients = count(details.distinctClients);
  const windowMinutes = count(details.windowMinutes);
  return distinctClients === null || windowMinutes === null
    ? null
    : { kind: 'bulk_access', distinctClients, windowMinutes };
}
