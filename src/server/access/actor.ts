import type { Role } from '../../domain/roles.js';

/** Who is acting: a signed-in staff member, the operator at the command line, or the system. */
export type Actor =
  | { kind: 'user'; userId: string; sessionId: string; name: string; roles: Role[]; offices: string[]; address: string | null }
  | { kind: 'operator'; userId: null; roles: Role[]; offices: string[]; address: null; name: string }
  | { kind: 'system'; userId: null; roles: []; offices: []; address: null; name: string }
  | { kind: 'anonymous'; userId: null; roles: []; offices: []; address: string | null; name: string };

export const operatorActor = (name = 'suoja command'): Actor => ({ kind: 'operator', userId: null, roles: [], offices: [], address: null, name });
export const systemActor = (name = 'system'): Actor => ({ kind: 'system', userId: null, roles: [], offices: [], address: null, name });
export const anonymousActor = (address: string | null): Actor => ({ kind: 'anonymous', userId: null, roles: [], offices: [], address, name: 'anonymous' });
