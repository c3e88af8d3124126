import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../../src/server/access/route-access.js';
import { createTestApp, type TestApp } from '../app.js';
import { TEST_ENGINE } from '../database.js';
import { errorBodyProblem, headerProblem } from '../fuzz/harness.js';
import { createSignedInUser, PASSWORD, type TestUser } from '../identity.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Without SUOJA_PUBLIC_URL the Origin's host must be the request's own (docs/security.md).
const FOREIGN_ORIGINS = [
  'https://evil.example',
  'http://localhost:8080.evil.example',
  'http://localhost:8081',
  'https://localhost',
  'null',
  'http://localhost:8080@evil.example',
  'not a url',
];

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createSignedInUser(t.app, t.ctx, ['admin', 'caseworker', 'team_leader', 'statistician', 'auditor', 'decision_maker', 'helpline']);
});
afterAll(() => t.close());

const countAudit = async () => Number((await t.database.db.selectFrom('auditEvent').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe(`a state change from a foreign origin (${TEST_ENGINE})`, () => {
  it('gets 403 on every state-changing route, before the session, the body or the work is looked at', async () => {
    const routes = declaredRoutes(t.app).filter((r) => STATE_CHANGING.has(r.method));
    expect(routes.length).toBeGreaterThan(30);
    const before = await countAudit();
    for (const route of routes) {
      const url = route.url.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      for (const origin of [...FOREIGN_ORIGINS, undefined]) {
        for (const cookie of [admin.cookie, undefined]) {
          const res = await t.app.inject({
            method: route.method as 'POST',
            url,
            headers: { host: 'localhost:8080', ...(origin !== undefined ? { origin } : {}), ...(cookie ? { cookie } : {}), 'content-type': 'application/json' },
            // A body the route would refuse, and one it could not even read: neither is looked at.
            payload: origin === 'null' ? '{not json' : JSON.stringify({ email: admin.email, password: PASSWORD }),
          });
          const seen = { route: `${route.method} ${route.url}`, origin: origin ?? '(none)', status: res.statusCode, code: res.json().error?.code };
          expect(seen).toEqual({ ...seen, status: 403, code: 'foreign_origin' });
          expect(headerProblem(res, url)).toBeNull();
          expect(errorBodyProblem(res)).toBeNull();
          expect(res.headers['set-cookie']).toBeUndefined();
        }
      }
    }
    // Nothing was read, changed or signed in: not even a failed attempt reached the audit trail.
    expect(await countAudit()).toBe(before);
  });

  it('is let through from the application itself', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { host: 'localhost:8080', origin: 'http://localhost:8080', cookie: admin.cookie } });
    expect(res.statusCode).toBe(204);
  });

  it('gets 403 against a configured public address, even from the request\'s own host', async () => {
    const pinned = await createTestApp({ publicOrigin: 'https://suoja.example.fi' });
    try {
      const own = await pinned.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { host: 'localhost:8080', origin: 'http://localhost:8080' }, payload: { email: 'a@example.fi', password: 'x' } });
      expect(own.statusCode).toBe(403);
      const pub = await pinned.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { host: 'localhost:8080', origin: 'https://suoja.example.fi' }, payload: { email: 'a@example.fi', password: 'not the password' } });
      expect(pub.statusCode).toBe(401);
    } finally {
      await pinned.close();
    }
  });
});
