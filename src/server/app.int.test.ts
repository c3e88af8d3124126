import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../test/app.js';
import { TEST_ENGINE } from '../../test/database.js';
import { declaredRoutes } from './access/route-access.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BASELINE_HEADERS = {
  'content-security-policy': expect.stringMatching(/script-src 'self'.*frame-ancestors 'none'/),
  'strict-transport-security': expect.stringContaining('max-age='),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

describe(`the platform over HTTP (${TEST_ENGINE})`, () => {
  it('reports the service and database status at /api/health', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: { status: 'ok', kind: TEST_ENGINE }, version: expect.any(String) });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers).toMatchObject(BASELINE_HEADERS);
  });

  it('serves the OpenAPI document, generated from the route schemas', async () => {
    const res = await t.app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths['/api/health']!.get!.responses)).toEqual(expect.arrayContaining(['200', '503']));
  });

  it('serves browsable API documentation at /api/docs', async () => {
    const res = await t.app.inject('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('swagger');
  });

  it('answers 401 without a session everywhere outside the public routes, with the baseline headers', async () => {
    const res = await t.app.inject({ url: '/api/clients', headers: { 'accept-language': 'sv' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'unauthenticated', message: 'Logga in.' });
    expect(res.headers).toMatchObject({ ...BASELINE_HEADERS, 'cache-control': 'no-store' });
  });

  it('refuses a state change from a foreign origin or without one', async () => {
    const foreign = await t.app.inject({ method: 'POST', url: '/api/health', headers: { origin: 'https://evil.example', 'accept-language': 'en' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('foreign_origin');
    expect(foreign.headers).toMatchObject(BASELINE_HEADERS);
    const none = await t.app.inject({ method: 'DELETE', url: '/api/health' });
    expect(none.statusCode).toBe(403);
    // The same request from the app itself passes the origin check and meets the next gate.
    const own = await t.app.inject({ method: 'POST', url: '/api/health', headers: SAME_ORIGIN });
    expect(own.statusCode).not.toBe(403);
  });

  it('declares who may call every route; none is left undeclared', () => {
    const routes = declaredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(2);
    expect(routes.filter((r) => r.access === undefined)).toEqual([]);
    expect(routes).toContainEqual({ method: 'GET', url: '/api/health', access: 'public' });
  });
});
