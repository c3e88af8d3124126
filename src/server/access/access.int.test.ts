import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles.js';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../test/app.js';
import { TEST_ENGINE } from '../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../test/identity.js';
import { PERMISSIONS, ACTIONS, scopeFor } from './permissions.js';
import { declaredRoutes } from './route-access.js';

const SAMPLE_QUERY: Record<string, string> = {
  '/api/audit/client-viewers': '?number=C-99999',
  '/api/statistics/overview': '?year=2025',
  '/api/statistics/trend': '?ids=applications.received&until=2007',
  '/api/statistics/explain': '?figure=newClients.victims&year=2025',
  '/api/statistics/overview/document': '?year=2025&format=json',
  '/api/subject-access': '?number=C-99999&reference=DSAR-1',
};

let t: TestApp;
const byRole = {} as Record<Role, TestUser>;
beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) byRole[role] = await createSignedInUser(t.app, t.ctx, [role]);
});
afterAll(() => t.close());

describe(`access control (${TEST_ENGINE})`, () => {
  it('every route declares its access; the public ones are health, sign-in steps, docs and web files', () => {
    const routes = declaredRoutes(t.app);
    expect(routes.filter((r) => r.access === undefined)).toEqual([]);
    const publicApi = routes.filter((r) => r.access === 'public' && r.url.startsWith('/api') && !r.url.startsWith('/api/docs'));
    expect(publicApi.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/auth/enrolment',
      'GET /api/auth/methods',
      'GET /api/auth/oidc/callback',
      'GET /api/auth/oidc/start',
      'GET /api/health',
      'HEAD /api/auth/enrolment',
      'HEAD /api/auth/methods',
      'HEAD /api/auth/oidc/callback',
      'HEAD /api/auth/oidc/start',
      'HEAD /api/health',
      'POST /api/auth/enrolment',
      'POST /api/auth/second-factor',
      'POST /api/auth/setup',
      'POST /api/auth/sign-in',
    ]);
  });

  it('answers 401 without a session on every route outside health, auth and docs', async () => {
    const guarded = declaredRoutes(t.app).filter((r) => r.access !== 'public' && r.method !== 'HEAD');
    expect(guarded.length).toBeGreaterThan(5);
    for (const route of guarded) {
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({ method: route.method as 'GET', url, headers: SAME_ORIGIN, payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 401 });
    }
  });

  it('walks every cell of the permission table through the routes that need it', async () => {
    const routes = declaredRoutes(t.app).filter((r) => r.method === 'GET' && typeof r.access === 'object' && !r.url.includes(':'));
    const checked = new Set<string>();
    for (const route of routes) {
      const permission = (route.access as { permission: (typeof ACTIONS)[number] }).permission;
      for (const role of ROLES) {
        const res = await get(t.app, `${route.url}${SAMPLE_QUERY[route.url] ?? ''}`, byRole[role].cookie);
        const allowed = scopeFor([role], permission) !== null;
        // Allowed: the route does its work (a sample client that does not exist is simply not found).
        const outcome = res.statusCode === 403 ? 'forbidden' : res.statusCode === 200 || res.statusCode === 404 ? 'served' : `status ${res.statusCode}`;
        expect({ role, route: route.url, outcome }).toEqual({ role, route: route.url, outcome: allowed ? 'served' : 'forbidden' });
        checked.add(`${role}:${permission}`);
      }
    }
    expect(checked.size).toBeGreaterThanOrEqual(ROLES.length * 3);
    // The matrix itself: scopes are the widest a user's roles give, and nothing is allowed by omission.
    for (const role of ROLES) {
      for (const action of ACTIONS) expect(scopeFor([role], action)).toBe(PERMISSIONS[role][action] ?? null);
    }
    expect(scopeFor(['caseworker', 'decision_maker'], 'clients.read')).toBe('all');
    expect(scopeFor([], 'sessions.own')).toBeNull();
  });

  it('never gives statisticians or administrators case content, nor auditors case work', () => {
    const caseActions = ACTIONS.filter((a) => a.startsWith('clients.') || a.startsWith('applications.') || a.startsWith('decisions.'));
    for (const role of ['statistician', 'admin', 'auditor'] as const) {
      for (const action of caseActions) expect({ role, action, scope: scopeFor([role], action) }).toEqual({ role, action, scope: null });
    }
    expect(scopeFor(['helpline'], 'clients.read')).toBeNull();
    // The register leaves Suoja only with those who may read it: a team leader's offices, or the operator's `suoja export`.
    expect(scopeFor(['admin'], 'exchange.export')).toBeNull();
    expect(ROLES.filter((r) => scopeFor([r], 'exchange.export') !== null).map((r) => [r, scopeFor([r], 'exchange.export')])).toEqual([['team_leader', 'office']]);
  });

  it('applies a changed role on the very next request', async () => {
    const admin = byRole.admin;
    const subject = await createSignedInUser(t.app, t.ctx, ['admin', 'auditor']);
    expect((await get(t.app, '/api/users', subject.cookie)).statusCode).toBe(200);
    const list = await get(t.app, '/api/users', admin.cookie);
    const version = list.json().users.find((u: { id: string }) => u.id === subject.id).version;
    const change = await t.app.inject({ method: 'PATCH', url: `/api/users/${subject.id}`, headers: { ...SAME_ORIGIN, cookie: admin.cookie }, payload: { version, roles: ['auditor'] } });
    expect(change.statusCode).toBe(200);
    expect((await get(t.app, '/api/users', subject.cookie)).statusCode).toBe(403);
    expect((await get(t.app, '/api/audit', subject.cookie)).statusCode).toBe(200);
  });

  it('ends a disabled user\'s sessions at once', async () => {
    const admin = byRole.admin;
    const subject = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    const version = (await get(t.app, '/api/users', admin.cookie)).json().users.find((u: { id: string }) => u.id === subject.id).version;
    const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${subject.id}`, headers: { ...SAME_ORIGIN, cookie: admin.cookie }, payload: { version, disabled: true } });
    expect(res.json().user.status).toBe('disabled');
    expect((await get(t.app, '/api/auth/me', subject.cookie)).statusCode).toBe(401);
    const again = await post(t.app, '/api/auth/sign-in', { email: subject.email, password: 'kolme iloista kissaa hyppää' });
    expect(again.statusCode).toBe(401);
  });
});
