import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Role } from '../src/domain/roles.js';
import { operatorActor } from '../src/server/access/actor.js';
import { SESSION_COOKIE } from '../src/server/access/route-access.js';
import type { AppContext } from '../src/server/context.js';
import { createUsersService } from '../src/server/modules/users/users.service.js';
import { SAME_ORIGIN } from './app.js';

export const PASSWORD = 'kolme iloista kissaa hyppää';

let counter = 0;

/** The session cookie a response set, as a request header value. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no session cookie in the answer (${res.statusCode}: ${res.body})`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}

export async function totpCode(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

export interface TestUser {
  id: string;
  email: string;
  secret: string;
  recoveryCodes: string[];
  /** Cookie header of a fully signed-in session. */
  cookie: string;
}

export function post(app: FastifyInstance, url: string, payload: object | undefined, cookie?: string) {
  return app.inject({ method: 'POST', url, payload, headers: { ...SAME_ORIGIN, 'accept-language': 'en', ...(cookie ? { cookie } : {}) } });
}

export function get(app: FastifyInstance, url: string, cookie?: string) {
  return app.inject({ method: 'GET', url, headers: { 'accept-language': 'en', ...(cookie ? { cookie } : {}) } });
}

/** A staff member who has followed their set-up link, chosen a password and enrolled TOTP. */
export async function createSignedInUser(app: FastifyInstance, ctx: AppContext, roles: Role[], offices: string[] = ['helsinki']): Promise<TestUser> {
  counter += 1;
  const email = `staff${counter}.${roles.join('-')}@example.fi`;
  const { user, setupLink } = await createUsersService(ctx).create(operatorActor(), { name: `Test ${roles.join(' ')} ${counter}`, email, roles, offices }, 'http://localhost:8080');
  const token = setupLink.split('#')[1]!;
  const setup = await post(app, '/api/auth/setup', { token, password: PASSWORD });
  if (setup.statusCode !== 200) throw new Error(`set-up failed: ${setup.body}`);
  let cookie = sessionCookie(setup);
  const enrolment = await get(app, '/api/auth/enrolment', cookie);
  const { secret } = enrolment.json<{ secret: string }>();
  const done = await post(app, '/api/auth/enrolment', { code: await totpCode(secret, ctx.clock.now()) }, cookie);
  if (done.statusCode !== 200) throw new Error(`enrolment failed: ${done.body}`);
  cookie = sessionCookie(done);
  return { id: user.id, email, secret, recoveryCodes: done.json<{ recoveryCodes: string[] }>().recoveryCodes, cookie };
}
