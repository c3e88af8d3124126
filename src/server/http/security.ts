import fastifyHelmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { sendError } from './error-handler.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when a state-changing request comes from a page of this application itself. */
export function originIsOwn(request: FastifyRequest, publicOrigin: string | null): boolean {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  if (publicOrigin) return origin === publicOrigin;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false as const,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // styled-components (the design system) injects style elements at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'no-referrer' as const },
  crossOriginEmbedderPolicy: false,
};

/**
 * The browser-facing baseline: security headers on every answer (errors included), CSRF by
 * Origin check on every state change, and no caching of API answers.
 */
export async function registerSecurity(app: FastifyInstance, publicOrigin: string | null) {
  await app.register(fastifyHelmet, { global: true, ...HELMET_OPTIONS });

  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!originIsOwn(request, publicOrigin)) {
      request.log.warn({ origin: request.headers.origin ?? null }, 'state change from a foreign origin refused');
      return sendError(request, reply, 403, 'foreign_origin');
    }
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}

const baselineHeaders = helmet(HELMET_OPTIONS);

/**
 * Fastify's `frameworkErrors`: a URL it cannot route (a malformed percent-escape, a path
 * parameter over the length limit) is refused before any hook runs. It gets the same headers
 * and error body as every other answer, and names nothing that exists (404), instead of
 * Fastify's own body, which echoes the URL.
 */
export function answerUnroutableUrl(_error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  baselineHeaders(request.raw, reply.raw, () => {});
  reply.header('cache-control', 'no-store').header('x-correlation-id', request.id);
  return sendError(request, reply, 404, 'not_found');
}
