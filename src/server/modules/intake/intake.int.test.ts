import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAME_ORIGIN, type TestApp } from '../../../../test/app.js';
import { TEST_ENGINE } from '../../../../test/database.js';
import { createSignedInUser, get, post, type TestUser } from '../../../../test/identity.js';
import { ManualClock } from '../../clock.js';

// A Monday in March, 11:00 in Helsinki.
const NOW = new Date('2026-03-16T09:00:00Z');
const TODAY = '2026-03-16';

let t: TestApp;
let helpline: TestUser;
let caseworker: TestUser;
let tampere: TestUser;
let decider: TestUser;
let both: TestUser;

function send(method: 'PATCH' | 'PUT', url: string, payload: object, cookie: string) {
  return t.app.inject({ method, url, payload, headers: { ...SAME_ORIGIN, 'accept-language': 'en', cookie } });
}

async function newApplication(body: Record<string, unknown> = {}, user = caseworker) {
  const res = await post(
    t.app,
    '/api/applications',
    {
      receivedOn: '2026-03-10',
      channel: 'police',
      summary: 'Worked 14 hours a day at a berry farm, passport taken by the employer.',
      person: { givenNames: 'Mai', familyName: 'Tran', birthDate: '1994-07-02', gender: 'female', nationalities: ['VN'], residenceStatus: 'no_legal_residence' },
      consentGiven: true,
      consentOn: '2026-03-10',
      officeCode: 'helsinki',
      caseworkerId: caseworker.id,
      ...body,
    },
    user.cookie,
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; number: string }>();
}

async function application(id: string, user = caseworker) {
  const res = await get(t.app, `/api/applications/${id}`, user.cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ version: number; status: string; person: { id: string; version: number }; children: { id: string }[]; decisions: { id: string; kind: string; status: string; version: number }[] }>();
}

async function propose(body: Record<string, unknown>, user = caseworker) {
  return post(t.app, '/api/decisions', { grounds: 'Heard the applicant on 12 March; the account is consistent and detailed.', expertGroupHeard: false, letterLanguage: 'fi', ...body }, user.cookie);
}

async function decide(decisionId: string, version: number, decidedOn = TODAY, user = decider) {
  return post(t.app, `/api/decisions/${decisionId}/decide`, { version, decidedOn }, user.cookie);
}

const fieldsOf = (body: string) => (JSON.parse(body) as { error: { fields?: { field: string; code: string; message: string }[] } }).error.fields ?? [];

beforeAll(async () => {
  t = await createTestApp({ logLevel: 'error' }, new ManualClock(NOW));
  helpline = await createSignedInUser(t.app, t.ctx, ['helpline'], ['helsinki']);
  caseworker = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['helsinki']);
  tampere = await createSignedInUser(t.app, t.ctx, ['caseworker'], ['tampere']);
  decider = await createSignedInUser(t.app, t.ctx, ['decision_maker'], []);
  both = await createSignedInUser(t.app, t.ctx, ['caseworker', 'decision_maker'], ['helsinki']);
});
afterAll(() => t.close());

describe(`helpline contacts (${TEST_ENGINE})`, () => {
  it('logs an anonymous contact and refuses anything that could name the caller', async () => {
    const named = await post(t.app, '/api/helpline/contacts', { at: '2026-03-16T08:40:00Z', channel: 'phone', caller: 'possible_victim', outcome: 'advice_given', name: 'Mai Tran' }, helpline.cookie);
    expect(named.statusCode).toBe(400);
    expect(fieldsOf(named.body)).toContainEqual(expect.objectContaining({ field: 'name', code: 'unknown_field' }));

    const res = await post(t.app, '/api/helpline/contacts', { at: '2026-03-16T08:40:00Z', channel: 'phone', caller: 'possible_victim', language: 'vi', topic: 'working_conditions', outcome: 'advice_given', officeCode: 'helsinki' }, helpline.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const mine = await get(t.app, '/api/helpline/contacts', helpline.cookie);
    expect(mine.json().contacts).toEqual([expect.objectContaining({ id: res.json().id, language: 'vi', topic: 'working_conditions', applicationNumber: null })]);
    const other = await createSignedInUser(t.app, t.ctx, ['helpline'], ['helsinki']);
    expect((await get(t.app, '/api/helpline/contacts', other.cookie)).json().contacts).toEqual([]);
    expect((await get(t.app, `/api/helpline/contacts/${res.json().id}`, other.cookie)).statusCode).toBe(404);
  });

  it('refuses a contact dated in the future, naming the field', async () => {
    const res = await post(t.app, '/api/helpline/contacts', { at: '2026-03-17T08:40:00Z', channel: 'chat', caller: 'professional', outcome: 'referred_elsewhere' }, helpline.cookie);
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual([{ field: 'at', code: 'in_future', message: 'Time: the date cannot be in the future.' }]);
  });

  it('starts an application from a contact, which the helpline worker cannot then read', async () => {
    const contact = await post(t.app, '/api/helpline/contacts', { at: '2026-03-16T07:00:00Z', channel: 'phone', caller: 'possible_victim', language: 'uk', outcome: 'advice_given' }, helpline.cookie);
    const started = await post(
      t.app,
      '/api/applications',
      { receivedOn: TODAY, channel: 'self', person: { givenNames: 'Olena', languages: ['uk'] }, officeCode: 'helsinki', helplineContactId: contact.json().id },
      helpline.cookie,
    );
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().number).toMatch(/^A-2026-\d{4}$/);
    const listed = (await get(t.app, '/api/helpline/contacts', helpline.cookie)).json().contacts.find((c: { id: string }) => c.id === contact.json().id);
    expect(listed).toMatchObject({ outcome: 'application_started', applicationNumber: started.json().number });
    expect((await get(t.app, `/api/applications/${started.json().id}`, helpline.cookie)).statusCode).toBe(403);
    // The caseworkers of the office find it among the open applications, due in a month.
    const openRes = await get(t.app, '/api/applications?list=open', caseworker.cookie);
    expect(openRes.statusCode, openRes.body).toBe(200);
    const open = openRes.json().applications;
    expect(open).toContainEqual(expect.objectContaining({ number: started.json().number, status: 'received', deadline: '2026-04-16', caseworker: null }));
    const again = await post(t.app, '/api/applications', { receivedOn: TODAY, channel: 'self', person: {}, officeCode: 'helsinki', helplineContactId: contact.json().id }, helpline.cookie);
    expect(fieldsOf(again.body)).toContainEqual(expect.objectContaining({ field: 'helplineContactId', code: 'contact_has_application' }));
  });
});

describe(`applications (${TEST_ENGINE})`, () => {
  it('keeps the summary encrypted, shows it to the office, and answers 404 to another office', async () => {
    const created = await newApplication();
    const { rows } = await sql<Record<string, unknown>>`select * from application where id = ${created.id}`.execute(t.database.db);
    expect(JSON.stringify(rows)).not.toContain('berry farm');
    const res = await get(t.app, `/api/applications/${created.id}`, caseworker.cookie);
    expect(res.json()).toMatchObject({ number: created.number, summary: expect.stringContaining('berry farm'), person: { masked: { givenNames: 'M••', familyName: 'T•••' }, nationalities: ['VN'] } });
    expect(res.body).not.toContain('Tran');
    expect((await get(t.app, `/api/applications/${created.id}`, tampere.cookie)).statusCode).toBe(404);
    const reads = await t.database.db.selectFrom('auditEvent').select(['actorId', 'objectIds']).where('action', '=', 'application.read').execute();
    expect(reads).toContainEqual({ actorId: caseworker.id, objectIds: [created.id, res.json().person.id] });
  });

  it('refuses bad input whole, naming each field, and writes nothing', async () => {
    const before = await t.database.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await post(
      t.app,
      '/api/applications',
      {
        receivedOn: '2026-03-10',
        channel: 'police',
        person: { givenNames: 'Ana' },
        newChildren: [{ givenNames: 'Adult', birthDate: '2000-01-01' }],
        consentGiven: true,
        officeCode: 'helsinki',
        deadline: '2026-03-01',
      },
      caseworker.cookie,
    );
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body).map((f) => [f.field, f.code])).toEqual(
      expect.arrayContaining([
        ['consentOn', 'required'],
        ['deadline', 'before_received'],
        ['newChildren.0.birthDate', 'child_not_minor'],
      ]),
    );
    expect(fieldsOf(res.body).find((f) => f.field === 'newChildren.0.birthDate')?.message).toBe('Birth date: a child applying with the victim must be under 18 on the day the application was received.');
    const after = await t.database.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const unknownCode = await post(t.app, '/api/applications', { receivedOn: '2026-03-10', channel: 'carrier_pigeon', person: {}, officeCode: 'helsinki' }, caseworker.cookie);
    expect(fieldsOf(unknownCode.body)).toContainEqual(expect.objectContaining({ field: 'channel', code: 'invalid_choice' }));
  });

  it('refuses a save over someone else\'s newer change, with the record as it is now', async () => {
    const created = await newApplication();
    const { version } = await application(created.id);
    expect((await send('PATCH', `/api/applications/${created.id}`, { version, deadline: '2026-04-30' }, caseworker.cookie)).statusCode).toBe(200);
    const stale = await send('PATCH', `/api/applications/${created.id}`, { version, deadline: '2026-05-30' }, caseworker.cookie);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ deadline: '2026-04-30', version: version + 1 });
  });

  it('offers likely duplicates across scripts, diacritics and typos, masked, and moves the application to the chosen person', async () => {
    const first = await newApplication({ person: { givenNames: 'Olena', familyName: 'Kovalenko', birthDate: '1990-05-04', gender: 'female', nationalities: ['UA'] } });
    const existing = (await application(first.id)).person.id;
    for (const typed of [
      { givenNames: 'Олена', familyName: 'Коваленко' },
      { givenNames: 'Olena', familyName: 'Kowalenko' },
      { givenNames: 'Ólena', familyName: 'Kovalenko' },
    ]) {
      const res = await post(t.app, '/api/persons/similar', { ...typed, birthDate: '1990-05-04', nationalities: ['UA'] }, caseworker.cookie);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().persons[0], JSON.stringify(typed)).toMatchObject({ id: existing, masked: { givenNames: 'O••••', familyName: 'K••••••••' }, matches: expect.arrayContaining(['name', 'birth_date', 'nationality']) });
      expect(res.body).not.toContain('Kovalenko');
    }
    const stranger = await post(t.app, '/api/persons/similar', { givenNames: 'Maria', familyName: 'Virtanen' }, caseworker.cookie);
    expect(stranger.json().persons.map((p: { id: string }) => p.id)).not.toContain(existing);
    expect((await post(t.app, '/api/persons/similar', { givenNames: 'Olena' }, helpline.cookie)).statusCode).toBe(403);

    const second = await newApplication({ person: { givenNames: 'Olena', familyName: 'Kovalenco', gender: 'female', nationalities: ['UA'] } });
    // From the application page: the applicant's stored identity is searched, nothing is typed again.
    const fromPage = await post(t.app, `/api/applications/${second.id}/similar`, undefined, caseworker.cookie);
    expect(fromPage.statusCode, fromPage.body).toBe(200);
    expect(fromPage.json().persons.map((p: { id: string }) => p.id)).toContain(existing);
    const duplicate = await application(second.id);
    expect(fromPage.json().persons.map((p: { id: string }) => p.id)).not.toContain(duplicate.person.id);
    const linked = await post(t.app, `/api/applications/${second.id}/link-person`, { version: duplicate.version, personId: existing }, caseworker.cookie);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().person.id).toBe(existing);
    expect(await t.database.db.selectFrom('person').select('id').where('id', '=', duplicate.person.id).executeTakeFirst()).toBeUndefined();
  });
});

describe(`decisions (${TEST_ENGINE})`, () => {
  it('admits a person with a child: both clientships start on the decision date and the letter is audited on download', async () => {
    const created = await newApplication();
    let app = await application(created.id);
    const patched = await send('PATCH', `/api/applications/${created.id}`, { version: app.version, newChildren: [{ givenNames: 'Linh', familyName: 'Tran', birthDate: '2019-02-11', gender: 'female', nationalities: ['VN'] }] }, caseworker.cookie);
    expect(patched.statusCode, patched.body).toBe(200);
    app = patched.json();
    expect(app.children).toHaveLength(1);

    const proposal = await propose({ kind: 'admission', applicationId: created.id, category: 'victim', letterLanguage: 'sv' });
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect((await application(created.id)).status).toBe('under_assessment');
    const awaiting = (await get(t.app, '/api/decisions/awaiting', decider.cookie)).json().decisions;
    expect(awaiting).toContainEqual(expect.objectContaining({ id: proposal.json().id, kind: 'admission', applicationNumber: created.number }));
    expect((await get(t.app, '/api/decisions/awaiting', caseworker.cookie)).statusCode).toBe(403);

    const decided = await decide(proposal.json().id, proposal.json().version, '2026-03-13');
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'decided', decidedOn: '2026-03-13', hasLetter: true, decidedBy: { id: decider.id } });
    expect((await application(created.id)).status).toBe('decided');

    const clientships = await t.database.db.selectFrom('clientship').select(['id', 'personId', 'category', 'parentId', 'startDate', 'officeCode', 'caseworkerId', 'ageAtStart']).where('personId', 'in', [app.person.id, app.children[0]!.id]).execute();
    const parent = clientships.find((c) => c.category === 'victim');
    expect(parent).toMatchObject({ personId: app.person.id, startDate: '2026-03-13', officeCode: 'helsinki', caseworkerId: caseworker.id, ageAtStart: 31 });
    expect(clientships).toContainEqual(expect.objectContaining({ personId: app.children[0]!.id, category: 'child_of_victim', parentId: parent!.id, startDate: '2026-03-13', ageAtStart: 7 }));

    const letter = await get(t.app, `/api/decisions/${proposal.json().id}/letter`, caseworker.cookie);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    // The letter is in the language chosen for it, Swedish, and names the client and the child.
    const text = execFileSync('pdftotext', ['-', '-'], { input: letter.rawPayload }).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain('Mai Tran');
    expect(text).toContain('Linh Tran');
    expect(text).toMatch(/antagning/i);
    expect(text).toContain('13.3.2026');
    const stored = await t.database.db.selectFrom('decision').select('letterPdf').where('id', '=', proposal.json().id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.letterPdf!).subarray(0, 5).toString()).not.toBe('%PDF-');
    const downloads = await t.database.db.selectFrom('auditEvent').select(['actorId']).where('action', '=', 'decision.letter_download').execute();
    expect(downloads).toContainEqual({ actorId: caseworker.id });
    expect((await get(t.app, `/api/decisions/${proposal.json().id}/letter`, tampere.cookie)).statusCode).toBe(404);

    // One admission or rejection per application.
    const another = await propose({ kind: 'rejection', applicationId: created.id, reason: 'other' });
    expect(fieldsOf(another.body).map((f) => f.code)).toContain('application_closed');

    // Ending the assistance ends the child's clientship too, with the same reason.
    const termination = await propose({ kind: 'termination', personId: app.person.id, reason: 'assisted_voluntary_return' });
    expect(termination.statusCode, termination.body).toBe(201);
    expect((await decide(termination.json().id, termination.json().version, TODAY)).statusCode).toBe(200);
    const ended = await t.database.db.selectFrom('clientship').select(['category', 'endDate', 'endReason']).where('personId', 'in', [app.person.id, app.children[0]!.id]).execute();
    expect(ended).toEqual(expect.arrayContaining([
      { category: 'victim', endDate: TODAY, endReason: 'assisted_voluntary_return' },
      { category: 'child_of_victim', endDate: TODAY, endReason: 'assisted_voluntary_return' },
    ]));
  });

  it('refuses admission without recorded consent', async () => {
    const created = await newApplication({ consentGiven: null, consentOn: null });
    const res = await propose({ kind: 'admission', applicationId: created.id });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.body)).toEqual([{ field: 'consentGiven', code: 'consent_required', message: "Consent: admission needs the person's consent to be recorded first." }]);
  });

  it('needs a reason for a rejection, and closes the application with it', async () => {
    const created = await newApplication();
    const without = await propose({ kind: 'rejection', applicationId: created.id });
    expect(fieldsOf(without.body)).toEqual([{ field: 'reason', code: 'required', message: 'Reason: required.' }]);
    const proposal = await propose({ kind: 'rejection', applicationId: created.id, reason: 'not_trafficking' });
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect((await decide(proposal.json().id, proposal.json().version)).statusCode).toBe(200);
    const app = await application(created.id);
    expect(app.status).toBe('decided');
    expect(await t.database.db.selectFrom('clientship').select('id').where('personId', '=', app.person.id).execute()).toEqual([]);
  });

  it('grants reflection periods of 1 to 6 months, only without a right of residence', async () => {
    const created = await newApplication();
    const { person } = await application(created.id);
    const seven = await propose({ kind: 'reflection_period', personId: person.id, periodStart: TODAY, periodEnd: '2026-10-16' });
    expect(seven.statusCode).toBe(400);
    expect(fieldsOf(seven.body)).toEqual([{ field: 'periodEnd', code: 'reflection_too_long', message: 'End of the period: a reflection period is at most six months.' }]);

    const permitHolder = await newApplication({ person: { givenNames: 'Ravi', gender: 'male', nationalities: ['IN'], residenceStatus: 'worker_permit' } });
    const permit = await propose({ kind: 'reflection_period', applicationId: permitHolder.id, periodStart: TODAY, periodEnd: '2026-05-16' });
    expect(fieldsOf(permit.body)).toEqual([expect.objectContaining({ field: 'residenceStatus', code: 'reflection_needs_no_residence_right' })]);

    const granted = await propose({ kind: 'reflection_period', personId: person.id, periodStart: '2026-03-05', periodEnd: '2026-03-25' });
    expect(fieldsOf(granted.body).map((f) => f.code)).toEqual(['reflection_too_short']);
    const ok = await propose({ kind: 'reflection_period', personId: person.id, periodStart: '2026-02-20', periodEnd: '2026-03-27' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await decide(ok.json().id, ok.json().version)).statusCode).toBe(200);
    const ending = (await get(t.app, '/api/worklists/reflection-periods', caseworker.cookie)).json().periods;
    expect(ending).toContainEqual(expect.objectContaining({ periodEnd: '2026-03-27', person: expect.objectContaining({ id: person.id }) }));
    expect((await get(t.app, '/api/worklists', caseworker.cookie)).json().reflectionEnding).toBeGreaterThanOrEqual(1);
    expect((await get(t.app, '/api/worklists/reflection-periods', tampere.cookie)).json().periods).toEqual([]);
  });

  it('is taken by someone other than who proposed it', async () => {
    const created = await newApplication({}, both);
    const proposal = await propose({ kind: 'admission', applicationId: created.id }, both);
    const own = await decide(proposal.json().id, proposal.json().version, TODAY, both);
    expect(own.statusCode).toBe(400);
    expect(fieldsOf(own.body).map((f) => f.code)).toEqual(['own_proposal']);
    const awaiting = (await get(t.app, '/api/decisions/awaiting', both.cookie)).json().decisions;
    expect(awaiting).toContainEqual(expect.objectContaining({ id: proposal.json().id, ownProposal: true }));
  });

  it('sends a proposal back, and records an appeal and its outcome', async () => {
    const created = await newApplication();
    const first = await propose({ kind: 'rejection', applicationId: created.id, reason: 'no_need_for_assistance' });
    expect((await post(t.app, `/api/decisions/${first.json().id}/return`, { version: first.json().version }, decider.cookie)).json().status).toBe('cancelled');
    const second = await propose({ kind: 'rejection', applicationId: created.id, reason: 'no_need_for_assistance' });
    expect(second.statusCode, second.body).toBe(201);
    const decided = (await decide(second.json().id, second.json().version, '2026-03-12')).json();
    const early = await send('PUT', `/api/decisions/${decided.id}/appeal`, { version: decided.version, lodgedOn: '2026-03-11', outcome: 'pending' }, caseworker.cookie);
    expect(fieldsOf(early.body).map((f) => f.field)).toEqual(['lodgedOn']);
    const appeal = await send('PUT', `/api/decisions/${decided.id}/appeal`, { version: decided.version, lodgedOn: '2026-03-14', outcome: 'pending' }, caseworker.cookie);
    expect(appeal.statusCode, appeal.body).toBe(200);
    expect(appeal.json().appeal).toEqual({ lodgedOn: '2026-03-14', outcome: 'pending', decidedOn: null });
  });
});

describe(`work lists (${TEST_ENGINE})`, () => {
  it('counts my open applications and the overdue ones, and the proposals awaiting a decision maker', async () => {
    const mine = await newApplication({ receivedOn: '2026-01-05', deadline: '2026-02-05' });
    const counts = (await get(t.app, '/api/worklists', caseworker.cookie)).json();
    expect(counts.myApplications).toBeGreaterThanOrEqual(1);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts).not.toHaveProperty('awaitingDecision');
    const overdue = (await get(t.app, '/api/applications?list=overdue', caseworker.cookie)).json().applications;
    expect(overdue).toContainEqual(expect.objectContaining({ id: mine.id, overdue: true }));
    expect((await get(t.app, '/api/applications?list=overdue', tampere.cookie)).json().applications).toEqual([]);
    expect((await get(t.app, '/api/worklists', decider.cookie)).json()).toHaveProperty('awaitingDecision');
    // One's own proposals are not awaiting one's decision.
    const own = (await get(t.app, '/api/worklists', both.cookie)).json().awaitingDecision;
    const awaitingAll = (await get(t.app, '/api/decisions/awaiting', both.cookie)).json().decisions;
    expect(own).toBe(awaitingAll.filter((d: { ownProposal: boolean }) => !d.ownProposal).length);
    expect((await get(t.app, '/api/worklists', helpline.cookie)).json()).toEqual({});
  });
});
