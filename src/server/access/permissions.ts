import type { Role } from '../../domain/roles.js';

/**
 * The one permission table: for each role, each action it may take and how far that reaches.
 * `own`: records assigned to the user; `office`: records of the user's offices (and their own
 * assignments elsewhere); `all`: every record. An action missing for a role is denied.
 */
export const ACTIONS = [
  'sessions.own', // see and end one's own sessions
  'users.manage', // add, change and disable staff accounts
  'settings.manage', // organisation settings, code lists, retention
  'audit.read', // the audit log
  'audit.client_viewers', // "who has viewed this client"
  'alerts.read', // bulk-access and break-the-glass alerts
  'helpline.log', // log info-phone contacts
  'applications.create',
  'applications.read',
  'applications.write',
  'decisions.prepare',
  'decisions.take',
  'clients.read',
  'clients.write',
  'clients.break_glass',
  'clients.export',
  'clients.assign', // change a client's office and responsible caseworker
  'statistics.read',
  'statistics.publish',
  'subject_access.export',
  'retention.legal_hold', // keep a person's identifying data past its retention time
  'exchange.import',
  'exchange.export',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPES = ['own', 'office', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

type Matrix = Record<Role, Partial<Record<Action, Scope>>>;

export const PERMISSIONS: Matrix = {
  caseworker: {
    'sessions.own': 'own',
    'applications.create': 'all',
    'applications.read': 'office',
    'applications.write': 'office',
    'decisions.prepare': 'office',
    'clients.read': 'office',
    'clients.write': 'office',
    'clients.break_glass': 'all',
  },
  team_leader: {
    'sessions.own': 'own',
    'applications.create': 'all',
    'applications.read': 'office',
    'applications.write': 'office',
    'decisions.prepare': 'office',
    'clients.read': 'office',
    'clients.write': 'office',
    'clients.break_glass': 'all',
    'clients.export': 'office',
    'clients.assign': 'office',
    'audit.client_viewers': 'office',
    'alerts.read': 'office',
    'exchange.export': 'office', // the persons of their offices; the whole register only with `suoja export` (docs/decisions/0005)
  },
  decision_maker: {
    'sessions.own': 'own',
    'applications.read': 'all',
    'decisions.take': 'all',
    'clients.read': 'all',
  },
  helpline: {
    'sessions.own': 'own',
    'helpline.log': 'all',
    'applications.create': 'all',
  },
  statistician: {
    'sessions.own': 'own',
    'statistics.read': 'all',
    'statistics.publish': 'all',
  },
  auditor: {
    'sessions.own': 'own',
    'audit.read': 'all',
    'audit.client_viewers': 'all',
    'alerts.read': 'all',
    'subject_access.export': 'all',
    'retention.legal_hold': 'all',
  },
  admin: {
    'sessions.own': 'own',
    'users.manage': 'all',
    'settings.manage': 'all',
    'exchange.import': 'all', // migrations; never export: an administrator does not read case data
  },
};

const RANK: Record<Scope, number> = { own: 1, office: 2, all: 3 };

/** The widest scope any of the roles gives for the action, or null when none allows it. */
export function scopeFor(roles: readonly Role[], action: Action): Scope | null {
  let best: Scope | null = null;
  for (const role of roles) {
    const scope = PERMISSIONS[role]?.[action];
    if (scope && (!best || RANK[scope] > RANK[best])) best = scope;
  }
  return best;
}

/** Every action the roles allow: sent to the web app so it never re-derives the rules. */
export function abilities(roles: readonly Role[]): Action[] {
  return ACTIONS.filter((action) => scopeFor(roles, action) !== null);
}
