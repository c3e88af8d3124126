import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffUser, HAS_CHROMIUM, launchBrowser, newInstallation, serveApp, signedInContext, type ServedApp } from './harness.js';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Today where the office is, as the server dates things. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Chooses an option of a suomifi dropdown by the labels a person sees (its name is the value shown, then the label). */
async function choose(page: Page, label: string, option: string, scope: Page | Locator = page) {
  await scope.getByRole('button', { name: new RegExp(`${label}( \\(optional\\))?$`) }).click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
}

/** A request of the web app itself: state changes carry the Origin the server checks. */
async function call<T>(context: BrowserContext, app: ServedApp, method: 'GET' | 'POST', path: string, data?: unknown): Promise<T> {
  const res = await context.request.fetch(`${app.url}${path}`, { method, headers: { Origin: app.url }, ...(data === undefined ? {} : { data }) });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe.skipIf(!HAS_CHROMIUM)('client records in Chromium: find, reveal, record, end, two editors, another office', () => {
  let app: ServedApp;
  let browser: Browser;
  let kaisa: BrowserContext;
  let bo: BrowserContext;
  let decider: BrowserContext;
  let tampere: BrowserContext;
  let leader: BrowserContext;
  let client: { id: string; number: string };

  /** A client as intake makes clients: an application of Helsinki assigned to Kaisa, an admission proposed and decided. */
  async function admit(person: { givenNames: string; familyName: string; birthDate: string; nationalities: string[] }) {
    const me = await call<{ user: { id: string } }>(kaisa, app, 'GET', '/api/auth/me');
    const on = today();
    const application = await call<{ id: string }>(kaisa, app, 'POST', '/api/applications', {
      receivedOn: on,
      channel: 'police',
      person: { ...person, gender: 'female', residenceStatus: 'worker_permit' },
      consentGiven: true,
      consentOn: on,
      officeCode: 'helsinki',
      caseworkerId: me.user.id,
    });
    const proposal = await call<{ id: string; version: number }>(kaisa, app, 'POST', '/api/decisions', { kind: 'admission', applicationId: application.id, grounds: 'Consistent account; consent given.', letterLanguage: 'en' });
    const decided = await call<{ person: { id: string; number: string } }>(decider, app, 'POST', `/api/decisions/${proposal.id}/decide`, { version: proposal.version, decidedOn: on });
    return decided.person;
  }

  beforeAll(async () => {
    const installation = await newInstallation();
    const links = {
      kaisa: addStaffUser(installation, { email: 'kaisa@example.fi', name: 'Kaisa Caseworker', roles: ['caseworker'], offices: ['helsinki'] }),
      bo: addStaffUser(installation, { email: 'bo@example.fi', name: 'Bo Caseworker', roles: ['caseworker'], offices: ['helsinki'] }),
      decider: addStaffUser(installation, { email: 'daniel@example.fi', name: 'Daniel Decider', roles: ['decision_maker'] }),
      tampere: addStaffUser(installation, { email: 'tuula@example.fi', name: 'Tuula Tampere', roles: ['caseworker'], offices: ['tampere'] }),
      leader: addStaffUser(installation, { email: 'leena@example.fi', name: 'Leena Leader', roles: ['team_leader'], offices: ['helsinki'] }),
    };
    app = await serveApp({}, installation);
    browser = await launchBrowser();
    [kaisa, bo, decider, tampere, leader] = await Promise.all([
      signedInContext(browser, app, links.kaisa),
      signedInContext(browser, app, links.bo),
      signedInContext(browser, app, links.decider),
      signedInContext(browser, app, links.tampere),
      signedInContext(browser, app, links.leader),
    ]);

    client = await admit({ givenNames: 'Olena', familyName: 'Kovalenko', birthDate: '1990-05-04', nationalities: ['UA'] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('finds a client by a misspelled name, reveals the identity, records exploitation, a service and a note, and ends the clientship by decision', async () => {
    const c = await kaisa.newPage();
    await c.goto(app.url);
    const mine = c.getByRole('region', { name: 'My clients', exact: true });
    await mine.getByRole('link', { name: client.number }).waitFor();
    await c.getByRole('region', { name: 'My recent notes', exact: true }).getByText('You have not written any notes yet.').waitFor();
    expect(await violations(c)).toEqual([]);

    await c.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Clients' }).click();
    await c.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await c.getByLabel(/^Client number or name/).fill('Olena Kowalenko');
    await c.getByRole('button', { name: 'Search', exact: true }).click();
    await c.getByRole('table', { name: /^Clients 1–1 of 1/ }).waitFor();
    await c.getByText('O•••• K••••••••').waitFor();
    expect(await c.getByRole('link', { name: /^CSV file/ }).count()).toBe(0);
    expect(await violations(c)).toEqual([]);
    await c.getByRole('link', { name: client.number }).click();

    await c.getByRole('heading', { level: 1, name: `Client ${client.number}` }).waitFor();
    expect(await c.title()).toBe(`Client ${client.number} – Suoja`);
    const person = c.getByRole('region', { name: 'Person', exact: true });
    expect(await person.getByText('Olena Kovalenko').count()).toBe(0);
    expect(await violations(c)).toEqual([]);
    await person.getByRole('button', { name: 'Reveal the identity' }).click();
    await person.getByText('Olena Kovalenko').waitFor();
    await person.getByText('The identity is shown. The reveal has been recorded in the audit trail.').waitFor();
    expect(await violations(c)).toEqual([]);

    // Exploitation: forced labour in a Finnish restaurant.
    const exploitation = c.getByRole('region', { name: 'Exploitation', exact: true });
    await exploitation.getByRole('button', { name: 'Add a form of exploitation' }).click();
    await choose(c, 'Form of exploitation', 'Forced labour', exploitation);
    await exploitation.getByLabel('Country where it happened').selectOption({ label: 'Finland' });
    await choose(c, 'Industry', 'Restaurants', exploitation);
    await exploitation.getByLabel(/^From/).fill('2024-06');
    await exploitation.getByLabel(/^To/).fill('2025-01');
    expect(await violations(c)).toEqual([]);
    await exploitation.getByRole('button', { name: 'Add', exact: true }).click();
    await exploitation.getByText('The form of exploitation has been added.').waitFor();
    const record = exploitation.getByRole('row').filter({ hasText: 'Forced labour' });
    await record.getByText('Restaurants').waitFor();
    await record.getByText('2024-06 – 2025-01').waitFor();

    // A service, provided by whoever organises the client's services.
    const assistance = c.getByRole('region', { name: 'Assistance', exact: true });
    await assistance.getByText(/no municipality of residence is recorded: services are organised by the reception centre/).waitFor();
    await assistance.getByRole('button', { name: 'Record a service' }).click();
    await choose(c, 'Service', 'Safe accommodation', assistance);
    await assistance.getByRole('button', { name: 'Record the service', exact: true }).click();
    await assistance.getByText('The service has been recorded.').waitFor();
    await assistance.getByRole('row').filter({ hasText: 'Safe accommodation' }).getByText('Reception centre').waitFor();
    expect(await violations(c)).toEqual([]);

    // A journal note.
    const journal = c.getByRole('region', { name: 'Journal', exact: true });
    await journal.getByLabel(/^New note/).fill('Met at the police station with an interpreter; safe accommodation arranged.');
    await journal.getByRole('button', { name: 'Save the note' }).click();
    await journal.getByText('The note has been saved.').waitFor();
    await journal.getByRole('article', { name: /^Note by Kaisa Caseworker/ }).getByText('safe accommodation arranged').waitFor();
    expect(await violations(c)).toEqual([]);

    // Ending the clientship: the caseworker proposes, a decision maker decides.
    const clientship = c.getByRole('region', { name: 'Clientship and decisions', exact: true });
    const termination = clientship.getByRole('region', { name: 'Propose ending the clientship', exact: true });
    await termination.getByRole('button', { name: 'Propose ending the clientship' }).click();
    await termination.getByRole('link', { name: 'Reason for ending is required.' }).waitFor();
    await choose(c, 'Reason for ending', "At the client's request", termination);
    await termination.getByLabel(/^Grounds/).fill('The client asked in writing to end the assistance.');
    await choose(c, 'Language of the letter', 'English', termination);
    await termination.getByRole('button', { name: 'Propose ending the clientship' }).click();
    await clientship.getByText('A proposal to end the clientship is waiting for a decision maker.').waitFor();
    expect(await violations(c)).toEqual([]);
    const proposalPath = await clientship.getByRole('link', { name: 'Open the proposal' }).getAttribute('href');

    const d = await decider.newPage();
    await d.goto(`${app.url}${proposalPath}`);
    await d.getByRole('heading', { level: 1, name: /^Proposed decision: / }).waitFor();
    await d.getByRole('button', { name: 'Decide', exact: true }).click();
    await d.getByRole('heading', { name: /^Decided: / }).waitFor();
    expect(await violations(d)).toEqual([]);
    await d.close();

    await c.reload();
    await clientship.getByText('clientship ended').first().waitFor();
    await clientship.getByRole('table', { name: '1 clientship' }).getByRole('row').filter({ hasText: "At the client's request" }).waitFor();
    await clientship.getByRole('table', { name: /decisions or proposals$/ }).getByRole('row').filter({ hasText: 'decided' }).filter({ hasText: "At the client's request" }).waitFor();
    await c.getByRole('region', { name: 'Timeline', exact: true }).getByText("Clientship ended: At the client's request").waitFor();
    expect(await violations(c)).toEqual([]);

    // The start page shows the note written.
    await c.goto(app.url);
    await c.getByRole('region', { name: 'My recent notes', exact: true }).getByText(/safe accommodation arranged/).waitFor();
    expect(await violations(c)).toEqual([]);
    await c.close();
  });

  it('refuses the second of two saves over the same version, shows what changed, and keeps what was typed', async () => {
    const first = await kaisa.newPage();
    const second = await bo.newPage();
    await Promise.all([first.goto(`${app.url}/clients/${client.id}`), second.goto(`${app.url}/clients/${client.id}`)]);
    for (const page of [first, second]) {
      await page.getByRole('heading', { level: 1, name: `Client ${client.number}` }).waitFor();
      await page.getByRole('button', { name: 'Change the particulars' }).click();
    }

    await first.getByRole('checkbox', { name: 'Needs an interpreter' }).check();
    await first.getByRole('button', { name: 'Save the changes' }).click();
    await first.getByText('The changes have been saved.').waitFor();

    await choose(second, 'Residence status', 'Asylum seeker');
    await second.getByRole('button', { name: 'Save the changes' }).click();
    const conflict = second.getByRole('region', { name: 'Someone else saved this client while you were editing', exact: true });
    await conflict.getByText('They changed: Needs an interpreter.').waitFor();
    const table = conflict.getByRole('table', { name: 'The saved version beside yours' });
    await table.getByRole('row', { name: /^Needs an interpreter/ }).getByText('yes').waitFor();
    await table.getByRole('row', { name: /^Residence status/ }).getByText('Asylum seeker').waitFor();
    expect(await second.evaluate(() => document.activeElement?.textContent)).toBe('Someone else saved this client while you were editing');
    expect(await violations(second)).toEqual([]);
    // Nothing was overwritten: the record keeps the first save only.
    const between = await call<{ interpreterNeeded: boolean; residenceStatus: string }>(bo, app, 'GET', `/api/clients/${client.id}`);
    expect(between).toMatchObject({ interpreterNeeded: true, residenceStatus: 'worker_permit' });

    await conflict.getByRole('button', { name: 'Save my changes' }).click();
    await second.getByText('The changes have been saved.').waitFor();
    const after = await call<{ interpreterNeeded: boolean; residenceStatus: string }>(bo, app, 'GET', `/api/clients/${client.id}`);
    expect(after).toMatchObject({ interpreterNeeded: true, residenceStatus: 'asylum_seeker' });
    await first.close();
    await second.close();
  });

  it('answers "not found" to another office until its caseworker breaks the glass with a reason', async () => {
    const t = await tampere.newPage();
    await t.goto(`${app.url}/clients/${client.id}`);
    await t.getByRole('heading', { level: 1, name: 'Client not found' }).waitFor();
    expect(await t.getByText(client.number).count()).toBe(0);
    await t.getByText(/team leaders of both offices and the data protection officer are alerted/).waitFor();
    expect(await violations(t)).toEqual([]);

    const reason = t.getByLabel(/^Reason for opening the record/);
    await reason.fill('Urgent');
    await t.getByRole('button', { name: 'Open the record' }).click();
    await t.getByText('Reason for opening the record: write at least 10 characters.').waitFor();
    await reason.fill('The client called the Tampere office in distress and needs help tonight.');
    await t.getByRole('button', { name: 'Open the record' }).click();
    await t.getByRole('heading', { level: 1, name: `Client ${client.number}` }).waitFor();
    await t.getByText(/You opened this client by breaking the glass/).waitFor();
    expect(await violations(t)).toEqual([]);
    await t.close();
  });

  it('lets a team leader hand a client to another caseworker, and shows the history of an exploitation record', async () => {
    const other = await admit({ givenNames: 'Amina', familyName: 'Haddad', birthDate: '1996-11-20', nationalities: ['NG'] });
    const record = await call<{ id: string; version: number }>(kaisa, app, 'POST', `/api/clients/${other.id}/exploitation`, { form: 'sexual_exploitation', isPrimary: true, country: 'NG' });
    const changed = await kaisa.request.fetch(`${app.url}/api/exploitation/${record.id}`, { method: 'PUT', headers: { Origin: app.url }, data: { version: record.version, form: 'sexual_exploitation', isPrimary: true, country: 'FI' } });
    expect(changed.status()).toBe(200);

    const l = await leader.newPage();
    await l.goto(`${app.url}/clients/${other.id}`);
    await l.getByRole('heading', { level: 1, name: `Client ${other.number}` }).waitFor();
    const clientship = l.getByRole('region', { name: 'Clientship and decisions', exact: true });
    await clientship.getByRole('button', { name: 'Change the office or caseworker' }).click();
    const form = clientship.getByRole('region', { name: 'Change the office or the responsible caseworker', exact: true });
    await form.getByLabel(/^Responsible caseworker/).selectOption({ label: 'Bo Caseworker' });
    expect(await violations(l)).toEqual([]);
    await form.getByRole('button', { name: 'Save the office and caseworker' }).click();
    await clientship.getByText('The responsible caseworker has been saved.').waitFor();
    await clientship.getByRole('table', { name: '1 clientship' }).getByText('Bo Caseworker').waitFor();

    const exploitation = l.getByRole('region', { name: 'Exploitation', exact: true });
    await exploitation.getByRole('button', { name: 'Show the history (2 changes)' }).click();
    const history = exploitation.getByRole('region', { name: 'History of the exploitation records', exact: true });
    await history.getByText(/Kaisa Caseworker: changed Country where it happened: Nigeria → Finland/).waitFor();
    await history.getByText(/Kaisa Caseworker: added \(Form of exploitation: Sexual exploitation/).waitFor();
    expect(await violations(l)).toEqual([]);
    await l.close();
  });
});
