import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, PASSWORD, post, sessionCookie, totpCode } from '../../../../test/identity.js';
import { SESSION_COOKIE } from '../../access/route-access.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const MINUTE = 60_000;

describe(`signing in with a password and TOTP (${TEST_ENGINE})`, () => {
  it('takes a new user from the set-up link through TOTP enrolment to a signed-in session', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    expect(user.recoveryCodes).toHaveLength(10);
    expect(new Set(user.recoveryCodes).size).toBe(10);
    const me = await get(t.app, '/api/auth/me', user.cookie);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: user.email, roles: ['caseworker'], offices: ['helsinki'] } });
    expect(me.json().abilities).toEqual(expect.arrayContaining(['clients.read', 'sessions.own']));
    expect(me.json().abilities).not.toContain('users.manage');
  });

  it('sets the session cookie as __Host-, Secure, HttpOnly, SameSite=Strict on /', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['auditor']);
    const res = await post(t.app, '/api/auth/sign-in', { email: user.email, password: PASSWORD });
    const header = String(res.headers['set-cookie']);
    expect(header).toContain(`${SESSION_COOKIE}=`);
    expect(header).toMatch(/; Path=\//);
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; SameSite=Strict/);
    expect(header).not.toMatch(/Domain=/);
  });

  it('signs in again later with password then TOTP, under a new token (no session fixation)', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    const first = await post(t.app, '/api/auth/sign-in', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(first.json()).toEqual({ next: 'second_factor' });
    const pending = sessionCookie(first);
    // The pending session reaches nothing but the second factor.
    expect((await get(t.app, '/api/auth/me', pending)).statusCode).toBe(401);
    t.clock.advance(MINUTE);
    const second = await post(t.app, '/api/auth/second-factor', { code: await totpCode(user.secret, t.clock.now()) }, pending);
    expect(second.statusCode).toBe(200);
    const active = sessionCookie(second);
    expect(active).not.toBe(pending);
    expect((await get(t.app, '/api/auth/me', active)).statusCode).toBe(200);
    expect((await get(t.app, '/api/auth/me', pending)).statusCode).toBe(401);
  });

  it('accepts a TOTP code once only, and a recovery code once only', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['helpline']);
    t.clock.advance(MINUTE);
    const code = await totpCode(user.secret, t.clock.now());
    const a = sessionCookie(await post(t.app, '/api/auth/sign-in', { email: user.email, password: PASSWORD }));
    expect((await post(t.app, '/api/auth/second-factor', { code }, a)).statusCode).toBe(200);
    const b = sessionCookie(await post(t.app, '/api/auth/sign-in', { email: user.email, password: PASSWORD }));
    const replay = await post(t.app, '/api/auth/second-factor', { code }, b);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_code');
    const recovery = user.recoveryCodes[0]!;
    expect((await post(t.app, '/api/auth/second-factor', { code: recovery.toUpperCase() }, b)).statusCode).toBe(200);
    const c = sessionCookie(await post(t.app, '/api/auth/sign-in', { email: user.email, password: PASSWORD }));
    expect((await post(t.app, '/api/auth/second-factor', { code: recovery }, c)).statusCode).toBe(401);
  });

  it('gives an unknown account and a wrong password the same answer', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['statistician']);
    const strip = (body: string) => ({ ...JSON.parse(body).error, correlationId: undefined });
    const unknown = await post(t.app, '/api/auth/sign-in', { email: 'nobody@example.fi', password: PASSWORD });
    const wrong = await post(t.app, '/api/auth/sign-in', { email: user.email, password: 'not the password at all' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(strip(wrong.body)).toMatchObject({ code: 'invalid_credentials', message: 'Incorrect e-mail address or password.' });
    expect(unknown.headers['set-cookie']).toBeUndefined();
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('slows down and then refuses repeated failures per account, for a few minutes only', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    const attempt = () => t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: 'guess guess guess' }, headers: { ...SAME_ORIGIN, 'accept-language': 'en' }, remoteAddress: '10.9.8.7' });
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual(Array(10).fill(401));
    expect(Date.now() - started).toBeGreaterThan(1_000); // the later failures were held back
    const blocked = await attempt();
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits out the block…
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: PASSWORD }, headers: { ...SAME_ORIGIN }, remoteAddress: '10.1.1.1' });
    expect(right.statusCode).toBe(429);
    // …which lasts minutes, not longer.
    t.clock.advance(6 * MINUTE);
    const after = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: user.email, password: PASSWORD }, headers: { ...SAME_ORIGIN }, remoteAddress: '10.1.1.1' });
    expect(after.statusCode).toBe(200);
  }, 60_000);

  it('ends a session after 15 idle minutes, and any session after 10 hours', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['team_leader']);
    t.clock.advance(14 * MINUTE);
    expect((await get(t.app, '/api/auth/me', user.cookie)).statusCode).toBe(200);
    t.clock.advance(15 * MINUTE + 1);
    expect((await get(t.app, '/api/auth/me', user.cookie)).statusCode).toBe(401);

    const again = await createSignedInUser(t.app, t.ctx, ['team_leader']);
    for (let elapsed = 0; elapsed < 10 * 60; elapsed += 10) {
      t.clock.advance(10 * MINUTE);
      const res = await get(t.app, '/api/auth/me', again.cookie);
      expect(res.statusCode).toBe(elapsed + 10 < 10 * 60 ? 200 : 401);
    }
  });

  it('signs out on the server: the same cookie no longer works', async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    const out = await post(t.app, '/api/auth/sign-out', undefined, user.cookie);
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect((await get(t.app, '/api/auth/me', user.cookie)).statusCode).toBe(401);
  });

  it("lists one's sessions and signs out everywhere", async () => {
    const user = await createSignedInUser(t.app, t.ctx, ['caseworker']);
    t.clock.advance(MINUTE);
    const second = await post(t.app, '/api/auth/sign-in', { email: user.email, password: PASSWORD });
    const other = sessionCookie(await post(t.app, '/api/auth/second-factor', { code: await totpCode(user.secret, t.clock.now()) }, sessionCookie(second)));
    const list = await get(t.app, '/api/auth/sessions', user.cookie);
    expect(list.json().sessions).toHaveLength(2);
    expect(list.json().sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const everywhere = await t.app.inject({ method: 'DELETE', url: '/api/auth/sessions', headers: { ...SAME_ORIGIN, cookie: user.cookie } });
    expect(everywhere.statusCode).toBe(204);
    expect((await get(t.app, '/api/auth/me', user.cookie)).statusCode).toBe(401);
    expect((await get(t.app, '/api/auth/me', other)).statusCode).toBe(401);
  });

  it('refuses a set-up link twice, and weak passwords with messages that name the field', async () => {
    const admin = await createSignedInUser(t.app, t.ctx, ['admin']);
    const created = await post(t.app, '/api/users', { name: 'Uusi Käyttäjä', email: 'uusi.kayttaja@example.fi', roles: ['caseworker'], offices: ['tampere'] }, admin.cookie);
    expect(created.statusCode).toBe(201);
    const token = created.json().setupLink.split('#')[1];
    const common = await post(t.app, '/api/auth/setup', { token, password: 'qwerty123456' });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.fields).toEqual([{ field: 'password', code: 'password_common', message: 'Password: this password is too common or too easy to guess.' }]);
    const short = await post(t.app, '/api/auth/setup', { token, password: 'lyhyt' });
    expect(short.json().error.fields[0]).toMatchObject({ field: 'password', code: 'too_short' });
    expect((await post(t.app, '/api/auth/setup', { token, password: PASSWORD })).statusCode).toBe(200);
    const again = await post(t.app, '/api/auth/setup', { token, password: PASSWORD });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_setup_link');
  });
});
