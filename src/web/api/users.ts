import type { Role } from '../../domain/roles';
import { api } from './client';

export type UserStatus = 'invited' | 'active' | 'disabled';

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  offices: string[];
  status: UserStatus;
  mfaEnrolled: boolean;
  version: number;
  createdAt: string;
}

export interface Office {
  code: string;
  name: { fi: string; sv: string; en: string };
  retired?: boolean;
}

export interface NewUser {
  name: string;
  email: string;
  roles: Role[];
  offices: string[];
}

export interface UserChanges {
  version: number;
  name: string;
  roles: Role[];
  offices: string[];
  disabled: boolean;
}

export const usersQueryKey = ['users'] as const;
export const officesQueryKey = ['offices'] as const;

export async function fetchUsers(): Promise<StaffUser[]> {
  const body = await api<{ users: StaffUser[] }>('/api/users');
  return body.users;
}

export async function fetchOffices(): Promise<Office[]> {
  const body = await api<{ offices: Office[] }>('/api/offices');
  return body.offices;
}

export function createUser(input: NewUser) {
  return api<{ user: StaffUser; setupLink: string }>('/api/users', { method: 'POST', body: input });
}

export async function updateUser(id: string, changes: UserChanges): Promise<StaffUser> {
  const body = await api<{ user: StaffUser }>(`/api/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: changes,
  });
  return body.user;
}

export async function newSetupLink(id: string): Promise<string> {
  const body = await api<{ setupLink: string }>(`/api/users/${encodeURIComponent(id)}/setup-link`, {
    method: 'POST',
  });
  return body.setupLink;
}

export function resetSecondFactor(id: string) {
  return api<void>(`/api/users/${encodeURIComponent(id)}/reset-mfa`, { method: 'POST' });
}

/** The record as it is now, sent with a 409 conflict. */
export function conflictCurrent(value: unknown): StaffUser | null {
  if (typeof value !== 'object' || value === null) return null;
  if (!('id' in value) || typeof value.id !== 'string') return null;
  if (!('version' in value) || typeof value.version !== 'number') return null;
  return value as StaffUser;
}
