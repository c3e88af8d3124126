import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { TEST_ENGINE } from '../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../test/identity.js';
import { ManualClock } from './clock.js';

/**
 * No N+1: the number of statements one request sends must not grow with the rows it shows.
 * Each request is measured on a small and on a larger set of the same records.
 */
let t: TestApp;
let queries = 0;
let helpline: TestUser;
let caseworker: TestUser;
let decider: TestUser;

beforeAll(async () => {
  t = await createTestApp({}, new ManualClock(new Date('2026-03-16T09:00:00Z')), { onQuery: () => (queries += 1) });
  helpline = await createSignedInUser(t.app, t.ctx, ['helpline'], ['helsinki']);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  decider = await createSignedInUser(t.app, t.ctx, ['decision_maker'], []);
});
afterAll(() => t.close());

async function statementsOf(url: string, user: TestUser): Promise<number> {
  queries = 0;
  const res = await get(t.app, url, user.cookie);
  expect(res.statusCode, res.body).toBe(200);
  return queries;
}

async function newApplication(children = 0): Promise<string> {
  const res = await post(
    t.app,
    '/api/applications',
    {
      receivedOn: '2026-03-10',
      channel: 'police',
      person: { givenNames: 'Ana', familyName: 'Example', gender: 'female', nationalities: ['RO'], residenceStatus: 'no_legal_residence' },
      newChildren: Array.from({ length: children }, (_, i) => ({ givenNames: `Child ${i}`, birthDate: '2018-01-01' })),
      consentGiven: true,
      consentOn: '2026-03-10',
      officeCode: 'helsinki',
      caseworkerId: caseworker.id,
    },
    caseworker.cookie,
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function proposeReflection(applicationId: string, start: string, end: string) {
  const res = await post(t.app, '/api/decisions', { kind: 'reflection_period', applicationId, periodStart: start, periodEnd: end, grounds: 'Needs time to recover.', letterLanguage: 'en' }, caseworker.cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number }>();
}

describe(`statements per request do not grow with the rows shown (${TEST_ENGINE})`, () => {
  it('the list of applications', async () => {
    await newApplication();
    const few = await statementsOf('/api/applications?list=all', caseworker);
    expect(few).toBeGreaterThan(2); // the session, the list and its audit entry are counted
    for (let i = 0; i < 8; i += 1) await newApplication(1);
    expect(await statementsOf('/api/applications?list=all', caseworker)).toBe(few);
  });

  it('an application with its children, history and decisions', async () => {
    const small = await newApplication(1);
    await proposeReflection(small, '2026-03-10', '2026-05-10');
    const large = await newApplication(5);
    for (const [start, end] of [['2026-03-10', '2026-05-10'], ['2026-03-11', '2026-06-11'], ['2026-03-12', '2026-07-12']] as const) await proposeReflection(large, start, end);
    expect(await statementsOf(`/api/applications/${large}`, caseworker)).toBe(await statementsOf(`/api/applications/${small}`, caseworker));
  });

  it('the proposals awaiting a decision', async () => {
    const first = await newApplication();
    await proposeReflection(first, '2026-03-10', '2026-05-10');
    const few = await statementsOf('/api/decisions/awaiting', decider);
    for (let i = 0; i < 6; i += 1) await proposeReflection(await newApplication(), '2026-03-10', '2026-05-10');
    expect(await statementsOf('/api/decisions/awaiting', decider)).toBe(few);
  });

  it('the helpline worker\'s contacts', async () => {
    const log = () => post(t.app, '/api/helpline/contacts', { at: '2026-03-16T08:00:00Z', channel: 'phone', caller: 'professional', outcome: 'advice_given' }, helpline.cookie);
    await log();
    const few = await statementsOf('/api/helpline/contacts', helpline);
    for (let i = 0; i < 6; i += 1) await log();
    expect(await statementsOf('/api/helpline/contacts', helpline)).toBe(few);
  });
});
