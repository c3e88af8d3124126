import { api, isApiError } from './client';

export interface Me {
  user: { id: string; name: string; email: string; roles: string[]; offices: string[] };
  abilities: string[];
  session: { idleExpiresAt: string; expiresAt: string };
}

export type NextStep = 'second_factor' | 'enrolment' | 'done' | 'sign_in';

export interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

export interface Session {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
}

export const meQueryKey = ['auth', 'me'] as const;
export const sessionsQueryKey = ['auth', 'sessions'] as const;
export const enrolmentQueryKey = ['auth', 'enrolment'] as const;

/** The signed-in user, or null when there is no (complete) session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>('/api/auth/me');
  } catch (error) {
    if (isApiError(error, 401)) return null;
    throw error;
  }
}

export function signIn(credentials: { email: string; password: string }) {
  return api<{ next: NextStep }>('/api/auth/sign-in', { method: 'POST', body: credentials });
}

export function verifySecondFactor(code: string) {
  return api<{ next: NextStep }>('/api/auth/second-factor', { method: 'POST', body: { code } });
}

export function setUpAccount(input: { token: string; password: string }) {
  return api<{ next: NextStep }>('/api/auth/setup', { method: 'POST', body: input });
}

export function fetchEnrolment() {
  return api<Enrolment>('/api/auth/enrolment');
}

export function completeEnrolment(code: string) {
  return api<{ next: 'done'; recoveryCodes: string[] }>('/api/auth/enrolment', {
    method: 'POST',
    body: { code },
  });
}

export function signOut() {
  return api<void>('/api/auth/sign-out', { method: 'POST' });
}

export async function fetchSessions(): Promise<Session[]> {
  const body = await api<{ sessions: Session[] }>('/api/auth/sessions');
  return body.sessions;
}

export function endSession(id: string) {
  return api<void>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function signOutEverywhere() {
  return api<void>('/api/auth/sessions', { method: 'DELETE' });
}
