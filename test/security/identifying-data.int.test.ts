import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/server/clock.js';
import { createLogger } from '../../src/server/logger.js';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../app.js';
import { TEST_ENGINE } from '../database.js';
import { createSignedInUser, type TestUser } from '../identity.js';

// A name that occurs nowhere else, so that any trace of it is a leak.
const GIVEN = 'Zyxwerty';
const FAMILY = 'Qwopasdf';
const NOW = new Date('2026-03-16T09:00:00Z');
const TODAY = '2026-03-16';

const logLines: string[] = [];
let t: TestApp;
const users = {} as Record<'caseworker' | 'leader' | 'decider' | 'auditor' | 'admin' | 'statistician', TestUser>;
const responses: { what: string; res: LightMyRequestResponse }[] = [];

const mentions = (text: string) => {
  const lower = text.toLowerCase();
  return lower.includes(GIVEN.toLowerCase()) || lower.includes(FAMILY.toLowerCase());
};

async function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, user: TestUser, payload?: object) {
  const res = await t.app.inject({ method, url, headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie: user.cookie }, ...(payload ? { payload } : {}) });
  responses.push({ what: `${method} ${url}`, res });
  return res;
}

beforeAll(async () => {
  // The production logger at its most talkative, writing into memory.
  const logger = createLogger('trace', { write: (line: string) => void logLines.push(line) });
  t = await createTestApp({}, new ManualClock(NOW), { logger });
  users.caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  users.leader = await createSignedInUser(t.app, t.ctx, ['team_leader'], ['helsinki']);
  users.decider = await createSignedInUser(t.app, t.ctx, ['decision_maker'], []);
  users.auditor = await createSignedInUser(t.app, t.ctx, ['auditor'], []);
  users.admin = await createSignedInUser(t.app, t.ctx, ['admin'], []);
  users.statistician = await createSignedInUser(t.app, t.ctx, ['statistician'], []);
  const { caseworker: cw, leader, decider, auditor, admin, statistician } = users;

  const person = { givenNames: GIVEN, familyName: FAMILY, aliases: [`${FAMILY} ${GIVEN}`], birthDate: '1990-05-05', gender: 'female', nationalities: ['VN'], residenceStatus: 'no_legal_residence' };
  const application = await call('POST', '/api/applications', cw, { receivedOn: TODAY, channel: 'police', summary: `${GIVEN} came to the office.`, person, consentGiven: true, consentOn: TODAY, officeCode: 'helsinki', caseworkerId: cw.id });
  expect(application.statusCode, application.body).toBe(201);
  const applicationId = application.json().id as string;
  const read = (await call('GET', `/api/applications/${applicationId}`, cw)).json();
  const personId = read.person.id as string;
  await call('PATCH', `/api/applications/${applicationId}`, cw, { version: read.version, person: { familyName: `${FAMILY}-${GIVEN}` } });
  await call('POST', '/api/persons/similar', cw, { givenNames: GIVEN, familyName: FAMILY });
  await call('GET', `/api/applications/${applicationId}/similar`, cw);
  const proposal = await call('POST', '/api/decisions', cw, { kind: 'admission', applicationId, category: 'victim', grounds: `${GIVEN} ${FAMILY} was heard on 12 March.`, letterLanguage: 'en' });
  expect(proposal.statusCode, proposal.body).toBe(201);
  const decided = await call('POST', `/api/decisions/${proposal.json().id}/decide`, decider, { version: proposal.json().version, decidedOn: TODAY });
  expect(decided.statusCode, decided.body).toBe(200);
  await call('GET', `/api/decisions/${proposal.json().id}`, cw);
  await call('GET', `/api/decisions/${proposal.json().id}/letter`, cw);

  // Found by name (the name travels in the query string), opened, revealed, changed.
  for (const q of [`${GIVEN} ${FAMILY}`, GIVEN.toLowerCase(), 'Zyxwerti Qvopasdf']) await call('GET', `/api/clients?q=${encodeURIComponent(q)}`, cw);
  await call('GET', `/api/clients/export?q=${encodeURIComponent(GIVEN)}`, leader);
  const client = (await call('GET', `/api/clients/${personId}`, cw)).json();
  await call('POST', `/api/clients/${personId}/reveal`, cw);
  await call('PATCH', `/api/clients/${personId}`, cw, { version: client.version, municipality: 'Espoo', contact: { address: `c/o ${FAMILY}, Espoo` } });
  await call('PATCH', `/api/clients/${personId}`, cw, { version: client.version + 1, familyName: `${FAMILY}${'x'.repeat(300)}` });
  await call('POST', `/api/clients/${personId}/notes`, cw, { body: `Called ${GIVEN} about the interpreter.` });
  await call('GET', `/api/clients/${personId}/viewers`, leader);
  await call('GET', `/api/audit/client-viewers?number=${client.number}`, auditor);
  await call('GET', `/api/subject-access?number=${client.number}&reference=DSAR-7&format=json`, auditor);
  await call('GET', `/api/subject-access?number=${client.number}&reference=DSAR-7&format=pdf`, auditor);
  expect((await call('GET', '/api/exchange/export?format=json', admin)).statusCode).toBe(403);
  const exported = await call('GET', '/api/exchange/export?format=json', leader);
  expect(exported.body).toContain(GIVEN);
  await call('GET', '/api/audit?limit=500', auditor);
  for (const url of ['/api/applications?list=all', '/api/decisions/awaiting', '/api/worklists', '/api/worklists/reflection-periods', '/api/tasks', '/api/alerts']) {
    await call('GET', url, url.startsWith('/api/decisions') ? decider : url === '/api/alerts' ? leader : cw);
  }
  await call('GET', '/api/statistics/explain?figure=newClients.victims&year=2026', statistician);
});
afterAll(() => t.close());

describe(`a person's name (${TEST_ENGINE})`, () => {
  it('was really used: found by name, read, changed and exported', () => {
    expect(responses.filter((r) => r.res.statusCode >= 500)).toEqual([]);
    const found = responses.find((r) => r.what.startsWith('GET /api/clients?q=Zyxwerty'))!;
    expect(found.res.json().total).toBe(1);
    expect(responses.find((r) => r.what.includes('/reveal'))!.res.json().familyName).toBe(`${FAMILY}-${GIVEN}`);
    expect(responses.filter((r) => r.res.statusCode === 200 || r.res.statusCode === 201).length).toBeGreaterThan(25);
  });

  it('never appears in the logs, which still show each request and its path', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.some((l) => l.includes('"url":"/api/clients?q=…"'))).toBe(true);
    expect(logLines.filter(mentions)).toEqual([]);
  });

  it('never appears in a URL or file name the API answers with', () => {
    for (const { what, res } of responses) {
      for (const [header, value] of Object.entries(res.headers)) expect({ what, header, mentions: mentions(String(value)) }).toEqual({ what, header, mentions: false });
      if (!String(res.headers['content-type'] ?? '').includes('json')) continue;
      const urls = [...res.body.matchAll(/"((?:https?:\/\/|\/)[^"\s]*)"/g)].map((m) => m[1]!);
      expect({ what, urls: urls.filter(mentions) }).toEqual({ what, urls: [] });
    }
  });

  it('never appears in an error answer', () => {
    const errors = responses.filter((r) => r.res.statusCode >= 400);
    expect(errors.length).toBeGreaterThan(0);
    for (const { what, res } of errors) expect({ what, mentions: mentions(res.body) }).toEqual({ what, mentions: false });
  });

  it('never appears in the audit trail, which records every search, read and change of the person', async () => {
    const events = await t.database.db.selectFrom('auditEvent').selectAll().execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['client.search', 'client.read', 'client.reveal', 'client.update', 'subject_access.export']));
    expect(events.filter((e) => mentions(JSON.stringify(e)))).toEqual([]);
  });
});
