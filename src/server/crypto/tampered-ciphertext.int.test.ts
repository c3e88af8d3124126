import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../test/app.js';
import { createSignedInUser, type TestUser } from '../../../test/identity.js';
import { createClient } from '../../../test/records.js';
import { ManualClock } from '../clock.js';
import { createLogger } from '../logger.js';

const logLines: string[] = [];
let t: TestApp;
let caseworker: TestUser;

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  t = await createTestApp({}, new ManualClock(new Date('2026-03-16T09:00:00Z')), { logger });
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
});
afterAll(() => t?.close());

describe('a tampered ciphertext', () => {
  it('fails closed: the client is not shown, nothing of the value leaves, and the log names the record and field', async () => {
    const person = await createClient(t.ctx, { caseworkerId: caseworker.id, identity: { givenNames: 'Meri', familyName: 'Korppinen' } });
    const reveal = () => t.app.inject({ method: 'POST', url: `/api/clients/${person.id}/reveal`, headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie: caseworker.cookie } });
    const before = await reveal();
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ familyName: 'Korppinen' });

    // Someone with access to the database copies one person's encrypted given names over their family name.
    await sql`update person set family_name = given_names where id = ${person.id}`.execute(t.ctx.database.db);
    logLines.length = 0;
    const after = await reveal();
    expect(after.statusCode).toBe(500);
    expect(after.json()).toEqual({ error: { code: 'internal', message: expect.any(String), correlationId: expect.any(String) } });
    expect(after.body).not.toMatch(/Meri|Korppinen/);
    const page = await t.app.inject({ method: 'GET', url: `/api/clients/${person.id}`, headers: { 'accept-language': 'en', cookie: caseworker.cookie } });
    expect(page.statusCode).toBe(500);
    expect(page.body).not.toMatch(/Meri|Korppinen/);

    const logged = logLines.join('\n');
    expect(logged).toMatch(new RegExp(`TamperedCiphertextError.*person\\.\\w+ of record ${person.id} cannot be decrypted \\(authentication failed\\)`));
    expect(logged).toContain(after.json().error.correlationId);
    expect(logged).not.toMatch(/Meri|Korppinen/);
  });
});
