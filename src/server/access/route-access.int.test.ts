import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerRouteAccess, UndeclaredAccessError } from './route-access.js';

describe('deny by default', () => {
  it('refuses to start when a route declares no access', async () => {
    const app = Fastify({ logger: false });
    registerRouteAccess(app, async () => null);
    app.get('/api/forgotten', async () => ({ secret: true }));
    await expect(app.ready()).rejects.toBeInstanceOf(UndeclaredAccessError);
    await expect(app.ready()).rejects.toThrow('GET /api/forgotten');
  });
});
