import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandling, type ErrorBody } from './error-handler.js';
import { Conflict, NotFound, TooManyRequests } from './errors.js';

// A small app with the real error handling and one schema, to see what a client receives.
const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
beforeAll(async () => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.post(
    '/form',
    { schema: { body: z.strictObject({ email: z.email(), password: z.string().min(12), count: z.number().int().max(6).optional() }) } },
    async () => ({ ok: true }),
  );
  app.get('/missing', async () => {
    throw new NotFound();
  });
  app.get('/conflict', async () => {
    throw new Conflict();
  });
  app.get('/slow-down', async () => {
    throw new TooManyRequests(30);
  });
  app.get('/crash', async () => {
    throw new Error('database password is hunter2 at /srv/app/secret.ts:12');
  });
  await app.ready();
});
afterAll(() => app.close());

const post = (payload: unknown, lang = 'en') =>
  app.inject({ method: 'POST', url: '/form', payload: payload as object, headers: { 'accept-language': lang } });

describe('error answers', () => {
  it('names every bad field with a translated message', async () => {
    const res = await post({ password: 'short', count: 9 }, 'en');
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        { field: 'email', code: 'required', message: 'E-mail: required.' },
        { field: 'password', code: 'too_short', message: 'Password: at least 12 characters.' },
        { field: 'count', code: 'too_big', message: 'count: at most 6.' },
      ]),
    );
  });

  it('answers in the language the client asks for', async () => {
    const fi = (await post({ email: 'not-an-address', password: 'long enough password' }, 'fi')).json<ErrorBody>();
    expect(fi.error.message).toBe('Tarkista merkityt kentät.');
    expect(fi.error.fields).toEqual([{ field: 'email', code: 'invalid_email', message: 'Sähköposti: sähköpostiosoite ei ole kelvollinen.' }]);
    const sv = (await post({ email: 'a@b.fi', password: 'long enough password', extra: 1 }, 'sv')).json<ErrorBody>();
    expect(sv.error.fields).toEqual([{ field: 'extra', code: 'unknown_field', message: 'extra: fältet tas inte emot.' }]);
  });

  it('refuses unreadable JSON with a clear message', async () => {
    const res = await app.inject({ method: 'POST', url: '/form', payload: '{"email":', headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error).toMatchObject({ code: 'malformed_body', message: 'The request could not be read.' });
  });

  it('maps domain errors to their statuses', async () => {
    expect((await app.inject('/missing')).statusCode).toBe(404);
    expect((await app.inject('/conflict')).statusCode).toBe(409);
    const slow = await app.inject('/slow-down');
    expect(slow.statusCode).toBe(429);
    expect(slow.headers['retry-after']).toBe('30');
  });

  it('never shows a stack trace or internal detail, but gives a reference', async () => {
    const res = await app.inject({ url: '/crash', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/hunter2|secret\.ts|at \//);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe('internal');
    expect(body.error.correlationId).toMatch(/\S+/);
    expect(body.error.message).toContain(body.error.correlationId);
  });
});
