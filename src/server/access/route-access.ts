import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Forbidden, Unauthenticated } from '../http/errors.js';
import type { SignedIn } from '../modules/auth/auth.service.js';
import { scopeFor, type Action, type Scope } from './permissions.js';

/**
 * What a route requires. Every route declares one in `config.access`; a route without it
 * makes the server refuse to start (deny by default).
 * - `public`: anyone (health, sign-in, docs, the web app's files)
 * - `signed_in`: any fully signed-in staff member (their own sessions, who they are)
 * - `{ permission }`: a signed-in staff member whose roles allow the action
 */
export type RouteAccess = 'public' | 'signed_in' | { permission: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    signedIn: SignedIn | null;
    /** The scope the route's permission gives this user. */
    scope: Scope | null;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export const SESSION_COOKIE = '__Host-suoja_session';

const routesOf = new WeakMap<FastifyInstance, RouteOptions[]>();

export class UndeclaredAccessError extends Error {}

export type Authenticate = (request: FastifyRequest) => Promise<SignedIn | null>;

export function registerRouteAccess(app: FastifyInstance, authenticate: Authenticate) {
  const routes: RouteOptions[] = [];
  routesOf.set(app, routes);
  app.decorateRequest('signedIn', null);
  app.decorateRequest('scope', null);
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
  // onRequest, before the body is even read: without a session a route answers 401, whatever was sent.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    // Unknown paths outside the API are pages of the web app (its router shows them).
    if (request.is404 && !request.url.startsWith('/api')) return;
    const signedIn = await authenticate(request);
    if (!signedIn) throw new Unauthenticated();
    request.signedIn = signedIn;
    if (access === undefined || access === 'signed_in') return;
    const scope = scopeFor(signedIn.actor.roles, access.permission);
    if (!scope) throw new Forbidden();
    request.scope = scope;
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

/** The signed-in user of a route that requires one (set by the preHandler above). */
export function signedInOf(request: FastifyRequest): SignedIn {
  if (!request.signedIn) throw new Unauthenticated();
  return request.signedIn;
}
