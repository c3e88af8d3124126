import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, signedInOf } from '../../access/route-access.js';
import { ACTIONS } from '../../access/permissions.js';
import { ROLES } from '../../../domain/roles.js';
import { NotFound } from '../../http/errors.js';
import { SESSION_ABSOLUTE_MS, type AuthService, type RequestMeta } from './auth.service.js';
import { SsoRefused, type OidcFlow, type OidcService } from './oidc.service.js';

const NextStepSchema = z.object({ next: z.enum(['second_factor', 'enrolment', 'done', 'sign_in']) }).meta({ id: 'SignInNextStep' });
const MeSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string(), roles: z.array(z.enum(ROLES)), offices: z.array(z.string()) }),
    abilities: z.array(z.enum(ACTIONS)),
    session: z.object({ idleExpiresAt: z.date(), expiresAt: z.date() }),
  })
  .meta({ id: 'Me' });
const SessionSchema = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export function metaOf(request: FastifyRequest): RequestMeta {
  return { address: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

function setSessionCookie(reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: SESSION_ABSOLUTE_MS / 1000 });
}
function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
}

const OIDC_COOKIE = '__Host-suoja_oidc';

export function authRoutes(auth: AuthService, oidc: OidcService, publicOrigin: string | null): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['auth'];
    const cookie = (request: FastifyRequest) => request.cookies[SESSION_COOKIE];
    const callbackUrl = (request: FastifyRequest) => `${publicOrigin ?? `${request.protocol}://${request.host}`}/api/auth/oidc/callback`;

    app.get(
      '/api/auth/methods',
      { config: { access: 'public' }, schema: { summary: 'How staff can sign in here', tags, response: { 200: z.object({ password: z.literal(true), oidc: z.boolean() }) } } },
      async () => ({ password: true as const, oidc: oidc.enabled }),
    );

    app.get(
      '/api/auth/oidc/start',
      { config: { access: 'public' }, schema: { summary: 'Single sign-on: go to the organisation\'s identity provider', tags } },
      async (request, reply) => {
        const { url, flow } = await oidc.start(callbackUrl(request));
        // Lax, not Strict: the browser must send it back on the provider's redirect.
        reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), { path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 600 });
        return reply.redirect(url, 302);
      },
    );

    app.get(
      '/api/auth/oidc/callback',
      { config: { access: 'public' }, schema: { summary: 'Single sign-on: the provider\'s answer', tags } },
      async (request, reply) => {
        const raw = request.cookies[OIDC_COOKIE];
        let flow: OidcFlow | null = null;
        try {
          flow = raw ? (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as OidcFlow) : null;
        } catch {
          flow = null;
        }
        reply.clearCookie(OIDC_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' });
        try {
          const { token } = await oidc.callback(new URL(request.url, callbackUrl(request)), flow, metaOf(request));
          setSessionCookie(reply, token);
          return reply.redirect('/', 302);
        } catch (error) {
          if (!(error instanceof SsoRefused)) throw error;
          return reply.redirect(`/sign-in?sso=${encodeURIComponent(error.code)}`, 302);
        }
      },
    );

    app.post(
      '/api/auth/sign-in',
      {
        config: { access: 'public' },
        schema: { summary: 'Sign in with e-mail and password (first factor)', tags, body: z.strictObject({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) }), response: { 200: NextStepSchema } },
      },
      async (request, reply) => {
        const step = await auth.signIn(request.body, metaOf(request), cookie(request));
        setSessionCookie(reply, step.token);
        return { next: step.next };
      },
    );

    app.post(
      '/api/auth/second-factor',
      {
        config: { access: 'public' },
        schema: { summary: 'Complete sign-in with a TOTP code or a recovery code', tags, body: z.strictObject({ code: z.string().trim().min(1).max(64) }), response: { 200: NextStepSchema } },
      },
      async (request, reply) => {
        const step = await auth.verifySecondFactor(cookie(request), request.body.code, metaOf(request));
        setSessionCookie(reply, step.token);
        return { next: step.next };
      },
    );

    app.get(
      '/api/auth/enrolment',
      {
        config: { access: 'public' },
        schema: { summary: 'The TOTP secret and QR code to enrol the second factor', tags, response: { 200: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }) } },
      },
      async (request) => auth.enrolment(cookie(request), metaOf(request)),
    );

    app.post(
      '/api/auth/enrolment',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Confirm TOTP enrolment with a code; returns one-time recovery codes, shown once',
          tags,
          body: z.strictObject({ code: z.string().trim().min(1).max(16) }),
          response: { 200: z.object({ next: z.literal('done'), recoveryCodes: z.array(z.string()) }) },
        },
      },
      async (request, reply) => {
        const result = await auth.completeEnrolment(cookie(request), request.body.code, metaOf(request));
        setSessionCookie(reply, result.token);
        return { next: 'done' as const, recoveryCodes: result.recoveryCodes };
      },
    );

    app.post(
      '/api/auth/setup',
      {
        config: { access: 'public' },
        schema: { summary: 'Choose a password through a one-time set-up link', tags, body: z.strictObject({ token: z.string().min(10).max(100), password: z.string().min(1).max(1024) }), response: { 200: NextStepSchema } },
      },
      async (request, reply) => {
        const result = await auth.setUpAccount(request.body, metaOf(request));
        if ('token' in result) setSessionCookie(reply, result.token);
        return { next: result.next };
      },
    );

    app.post(
      '/api/auth/sign-out',
      { config: { access: 'signed_in' }, schema: { summary: 'Sign out (ends this session on the server)', tags, response: { 204: z.null() } } },
      async (request, reply) => {
        await auth.signOut(signedInOf(request));
        clearSessionCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.get('/api/auth/me', { config: { access: 'signed_in' }, schema: { summary: 'The signed-in user, their abilities and session limits', tags, response: { 200: MeSchema } } }, async (request) =>
      auth.me(signedInOf(request)),
    );

    app.get(
      '/api/auth/sessions',
      { config: { access: { permission: 'sessions.own' } }, schema: { summary: 'One\'s own open sessions', tags, response: { 200: z.object({ sessions: z.array(SessionSchema) }) } } },
      async (request) => ({ sessions: await auth.sessions(signedInOf(request)) }),
    );

    app.delete(
      '/api/auth/sessions',
      { config: { access: { permission: 'sessions.own' } }, schema: { summary: 'Sign out everywhere: end all of one\'s sessions', tags, response: { 204: z.null() } } },
      async (request, reply) => {
        await auth.signOutEverywhere(signedInOf(request));
        clearSessionCookie(reply);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/auth/sessions/:id',
      {
        config: { access: { permission: 'sessions.own' } },
        schema: { summary: 'End one of one\'s own sessions', tags, params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
      },
      async (request, reply) => {
        if (!(await auth.endOwnSession(signedInOf(request), request.params.id))) throw new NotFound();
        return reply.code(204).send(null);
      },
    );
  };
}
