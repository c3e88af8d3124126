import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { get, sessionCookie } from '../../../../test/identity.js';
import { startOidcProvider } from '../../../../test/oidc-provider.js';

let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let t: TestApp;
beforeAll(async () => {
  provider = await startOidcProvider('suoja', 'client-secret-123');
  t = await createTestApp({
    publicOrigin: 'http://localhost:8080',
    oidc: {
      issuer: provider.issuer,
      clientId: 'suoja',
      clientSecret: 'client-secret-123',
      groupsClaim: 'groups',
      groupMap: { 'suoja-ohjaajat-hki': { roles: ['caseworker'], offices: ['helsinki'] }, 'suoja-tietosuoja': { roles: ['auditor'], offices: [] } },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

function cookieHeader(res: LightMyRequestResponse, name: string): string {
  const c = res.cookies.find((x) => x.name === name);
  return c ? `${name}=${c.value}` : '';
}

/** The browser's round trip: Suoja → provider → Suoja's callback. */
async function signInThroughProvider() {
  const start = await t.app.inject('/api/auth/oidc/start');
  expect(start.statusCode).toBe(302);
  const flowCookie = cookieHeader(start, '__Host-suoja_oidc');
  expect(String(start.headers['set-cookie'])).toMatch(/SameSite=Lax/);
  const atProvider = await fetch(String(start.headers.location), { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const callback = new URL(atProvider.headers.get('location')!);
  expect(callback.pathname).toBe('/api/auth/oidc/callback');
  return t.app.inject({ url: `${callback.pathname}${callback.search}`, headers: { cookie: flowCookie } });
}

describe(`single sign-on with OpenID Connect (${TEST_ENGINE})`, () => {
  it('offers single sign-on on the sign-in page when configured', async () => {
    expect((await t.app.inject('/api/auth/methods')).json()).toEqual({ password: true, oidc: true });
  });

  it('signs a staff member in, with roles and offices from their provider groups', async () => {
    provider.signInAs({ sub: 'abc-123', email: 'Liisa.Ohjaaja@migri.example', name: 'Liisa Ohjaaja', groups: ['suoja-ohjaajat-hki', 'other-group'] });
    const done = await signInThroughProvider();
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe('/');
    const me = await get(t.app, '/api/auth/me', sessionCookie(done));
    expect(me.json().user).toMatchObject({ name: 'Liisa Ohjaaja', email: 'liisa.ohjaaja@migri.example', roles: ['caseworker'], offices: ['helsinki'] });
  });

  it('follows a change of groups at the next sign-in, and audits it', async () => {
    provider.signInAs({ sub: 'abc-123', email: 'liisa.ohjaaja@migri.example', name: 'Liisa Ohjaaja', groups: ['suoja-tietosuoja'] });
    const me = await get(t.app, '/api/auth/me', sessionCookie(await signInThroughProvider()));
    expect(me.json().user).toMatchObject({ roles: ['auditor'], offices: [] });
    const change = await t.database.db.selectFrom('auditEvent').select('details').where('action', '=', 'user.update').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(change.details).toMatchObject({ source: 'oidc', roles: { from: ['caseworker'], to: ['auditor'] } });
  });

  it('refuses someone whose groups give no role in Suoja', async () => {
    provider.signInAs({ sub: 'zzz-999', email: 'outsider@migri.example', name: 'Outsider', groups: ['everyone'] });
    const done = await signInThroughProvider();
    expect(done.headers.location).toBe('/sign-in?sso=sso_no_roles');
    expect(done.cookies.find((c) => c.name === '__Host-suoja_session')).toBeUndefined();
  });

  it('refuses a callback that does not belong to a flow this browser started', async () => {
    provider.signInAs({ sub: 'abc-123', email: 'liisa.ohjaaja@migri.example', name: 'Liisa Ohjaaja', groups: ['suoja-ohjaajat-hki'] });
    const start = await t.app.inject('/api/auth/oidc/start');
    const atProvider = await fetch(String(start.headers.location), { redirect: 'manual' });
    const callback = new URL(atProvider.headers.get('location')!);
    const forged = await t.app.inject({ url: `${callback.pathname}${callback.search}` });
    expect(forged.headers.location).toBe('/sign-in?sso=sso_failed');
  });
});

describe('without single sign-on configured', () => {
  it('says so, and the start route is not found', async () => {
    const plain = await createTestApp();
    try {
      expect((await plain.app.inject('/api/auth/methods')).json()).toEqual({ password: true, oidc: false });
      expect((await plain.app.inject('/api/auth/oidc/start')).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
