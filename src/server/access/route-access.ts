import type { FastifyInstance, RouteOptions } from 'fastify';
import { Unauthenticated } from '../http/errors.js';

/**
 * What a route requires. Every route declares one in `config.access`; a route without it
 * makes the server refuse to start (deny by default). Permissions join this union as the
 * capabilities that need them arrive.
 */
export type RouteAccess = 'public' | 'signed_in';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

const routesOf = new WeakMap<FastifyInstance, RouteOptions[]>();

export class UndeclaredAccessError extends Error {}

export function registerRouteAccess(app: FastifyInstance) {
  const routes: RouteOptions[] = [];
  routesOf.set(app, routes);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = declaredRoutes(app).filter((r) => r.access === undefined);
    if (undeclared.length > 0) {
      throw new UndeclaredAccessError(
        `Routes without an access declaration: ${undeclared.map((r) => `${r.method} ${r.url}`).join(', ')}`,
      );
    }
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    // Unknown paths outside the API are pages of the web app (its router shows them).
    if (request.is404 && !request.url.startsWith('/api')) return;
    // Sessions arrive with staff identity; until then nothing but public routes is reachable.
    throw new Unauthenticated();
  });
}

/** Marks every route registered in this (encapsulated) context as public: docs and static assets. */
export function markRoutesPublic(scope: FastifyInstance) {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), access: 'public' };
  });
}

export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  const routes = routesOf.get(app) ?? [];
  return routes.flatMap((r) =>
    [r.method].flat().map((method) => ({
      method,
      url: r.url,
      access: (r.config as { access?: RouteAccess } | undefined)?.access,
    })),
  );
}
