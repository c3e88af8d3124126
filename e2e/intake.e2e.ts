import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffUser, HAS_CHROMIUM, launchBrowser, newInstallation, serveApp, signedInContext, type ServedApp } from './harness.js';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Today where the office is, as the server dates things, and as typed into the date fields. */
function today(): { iso: string; typed: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { iso, typed: `${d}.${m}.${y}` };
}

function monthsLater(iso: string, months: number): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d));
}

function typedMonthsLater(iso: string, months: number): string {
  const date = monthsLater(iso, months);
  return `${date.getUTCDate()}.${date.getUTCMonth() + 1}.${date.getUTCFullYear()}`;
}

function isoMonthsLater(iso: string, months: number): string {
  return monthsLater(iso, months).toISOString().slice(0, 10);
}

/** Chooses an option of a suomifi dropdown by the labels a person sees (its name is the value shown, then the label). */
async function choose(page: Page, label: string, option: string, scope: Page | Locator = page) {
  await scope.getByRole('button', { name: new RegExp(`${label}( \\(optional\\))?$`) }).click();
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!HAS_CHROMIUM)('intake in Chromium: helpline, application, proposal, decision, letter', () => {
  let app: ServedApp;
  let browser: Browser;
  let helpline: BrowserContext;
  let caseworker: BrowserContext;
  let decider: BrowserContext;
  let downloads: string;

  beforeAll(async () => {
    const installation = await newInstallation();
    const links = {
      helpline: addStaffUser(installation, { email: 'hanna@example.fi', name: 'Hanna Helpline', roles: ['helpline'], offices: ['helsinki'] }),
      caseworker: addStaffUser(installation, { email: 'kaisa@example.fi', name: 'Kaisa Caseworker', roles: ['caseworker'], offices: ['helsinki'] }),
      decider: addStaffUser(installation, { email: 'daniel@example.fi', name: 'Daniel Decider', roles: ['decision_maker'] }),
    };
    app = await serveApp({}, installation);
    browser = await launchBrowser();
    [helpline, caseworker, decider] = await Promise.all([
      signedInContext(browser, app, links.helpline),
      signedInContext(browser, app, links.caseworker),
      signedInContext(browser, app, links.decider),
    ]);
    downloads = await mkdtemp(path.join(os.tmpdir(), 'suoja-letters-'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (downloads) await rm(downloads, { recursive: true, force: true });
  });

  // Three people's work in one journey: given more time than the tier's default for a loaded machine.
  it('takes a helpline call to an admission with a child, a Swedish letter and two clientships', async () => {
    const { iso: todayIso, typed: todayTyped } = today();

    // The helpline worker logs the call, anonymously, and starts an application from it.
    const h = await helpline.newPage();
    await h.goto(app.url);
    await h.getByRole('link', { name: 'Helpline' }).click();
    await h.getByRole('heading', { level: 1, name: 'Helpline' }).waitFor();
    expect(await h.title()).toBe('Helpline – Suoja');
    await h.getByText('A contact is anonymous').waitFor();
    await expect.poll(() => h.getByLabel('Date', { exact: true }).inputValue()).toBe(todayTyped);
    await h.getByRole('button', { name: 'Save the contact' }).click();
    await h.getByRole('heading', { name: 'Check these 2 fields' }).waitFor();
    expect(await h.evaluate(() => document.activeElement?.textContent)).toBe('Check these 2 fields');
    await h.getByRole('link', { name: 'Who is calling is required.' }).waitFor();
    expect(await violations(h)).toEqual([]);
    await choose(h, 'Who is calling', 'Possible victim');
    await h.getByLabel(/^Language of the contact/).selectOption({ label: 'Ukrainian' });
    await h.getByRole('radio', { name: 'Advice given' }).check();
    await h.getByRole('button', { name: 'Save the contact' }).click();
    await h.getByText(/The contact of .* has been saved\./).waitFor();
    const row = h.getByRole('row').filter({ hasText: 'Possible victim' });
    await row.getByText('Ukrainian').waitFor();
    expect(await violations(h)).toEqual([]);
    await row.getByRole('link', { name: 'Start an application' }).click();

    await h.getByRole('heading', { level: 1, name: 'New application' }).waitFor();
    expect(await h.title()).toBe('New application – Suoja');
    await expect.poll(() => h.getByLabel('Received on').inputValue()).toBe(todayTyped);
    await h.getByRole('button', { name: 'The victim Channel' }).waitFor();
    await h.getByRole('list', { name: 'Chosen: Languages' }).getByText('Ukrainian').waitFor();
    // Helpline workers neither search the register nor assign caseworkers.
    expect(await h.getByText('Possible existing persons').count()).toBe(0);
    expect(await h.getByRole('button', { name: /^Caseworker/ }).count()).toBe(0);
    await h.getByLabel('Given names').first().fill('Olena');
    await h.getByLabel('Family name').first().fill('Kovalenko');
    expect(await violations(h)).toEqual([]);
    await h.getByRole('button', { name: 'Register the application' }).click();
    await h.getByRole('heading', { name: 'Application registered' }).waitFor();
    const number = (await h.getByText(/registered with the number/).textContent())!.match(/A-\d{4}-\d{4}/)![0];
    expect(await violations(h)).toEqual([]);
    await h.getByRole('link', { name: 'Back to the helpline' }).first().click();
    await h.getByRole('row').filter({ hasText: number }).waitFor();
    await h.close();

    // The caseworker finds it among the open applications and completes it.
    const c = await caseworker.newPage();
    await c.goto(app.url);
    await c.getByRole('heading', { name: 'My work lists' }).waitFor();
    await c.getByRole('link', { name: /^Overdue applications/ }).waitFor();
    expect(await c.getByRole('link', { name: /^Awaiting my decision/ }).count()).toBe(0);
    expect(await violations(c)).toEqual([]);
    await c.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Applications' }).click();
    await c.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    await c.getByRole('link', { name: number }).waitFor();
    expect(await violations(c)).toEqual([]);
    await c.getByRole('link', { name: number }).click();
    await c.getByRole('heading', { level: 1, name: `Application ${number}` }).waitFor();
    expect(await c.title()).toBe(`Application ${number} – Suoja`);
    await c.getByText('O•••• K••••••••').first().waitFor();
    expect(await violations(c)).toEqual([]);

    // A child applying with her.
    await c.getByRole('button', { name: 'Add a child' }).click();
    const newChild = c.getByRole('region', { name: 'New child' });
    await newChild.getByLabel('Given names').fill('Sofia');
    await newChild.getByLabel('Family name').fill('Kovalenko');
    await newChild.getByLabel('Date of birth').fill('1.6.2019');
    await choose(c, 'Gender', 'Female', newChild);
    await newChild.getByRole('button', { name: 'Add the child' }).click();
    await c.getByText('The child has been added to the application.').waitFor();
    await c.getByRole('table', { name: /1 child applying/ }).waitFor();

    // Consent given today, and the residence status.
    await c.getByRole('radio', { name: 'Consent given' }).check();
    await c.getByLabel('Date of the consent').fill(todayTyped);
    await choose(c, 'Residence status', 'No legal right of residence');
    await c.getByRole('button', { name: 'Save the changes' }).click();
    await c.getByText('The changes have been saved.').waitFor();
    await c.getByText(`given on`).first().waitFor();
    // Only what was changed is saved: the name typed by the helpline stays.
    await c.getByText('O•••• K••••••••').first().waitFor();
    expect(await violations(c)).toEqual([]);

    // The browser refuses what the server would: a rejection without its reason…
    const proposal = c.getByRole('region', { name: 'Propose a decision' });
    await choose(c, 'Kind of decision', 'Rejection');
    await proposal.getByLabel('Grounds').fill('Heard the applicant on the phone with an interpreter.');
    await choose(c, 'Language of the letter', 'Swedish');
    await proposal.getByRole('button', { name: 'Propose the decision' }).click();
    await proposal.getByRole('link', { name: 'Reason is required.' }).waitFor();
    expect(await c.evaluate(() => document.activeElement?.textContent)).toBe('Check this field');
    expect(await violations(c)).toEqual([]);

    // …and a reflection period of seven months.
    await choose(c, 'Kind of decision', 'Reflection period');
    await proposal.getByLabel('Start of the period').fill(todayTyped);
    await proposal.getByLabel('End of the period').fill(typedMonthsLater(todayIso, 7));
    await proposal.getByRole('button', { name: 'Propose the decision' }).click();
    await proposal.getByRole('link', { name: 'End of the period: a reflection period is at most six months.' }).waitFor();

    // The proposal: admission, with grounds, the letter in Swedish.
    await choose(c, 'Kind of decision', 'Admission to the assistance system');
    await proposal.getByRole('radio', { name: 'Victim of trafficking' }).waitFor();
    await proposal.getByLabel('Grounds').fill('The account is consistent and detailed; the expert group agrees.');
    await proposal.getByRole('checkbox', { name: 'The expert group was heard' }).check();
    await proposal.getByRole('button', { name: 'Propose the decision' }).click();
    await c.getByText('The proposal (Admission to the assistance system) has been sent to a decision maker.').waitFor();
    await c.getByRole('table', { name: /decision or proposal/ }).getByText('proposed', { exact: true }).waitFor();
    expect(await violations(c)).toEqual([]);

    // The decision maker opens the awaiting list from the start page and decides.
    const d = await decider.newPage();
    await d.goto(app.url);
    await d.getByRole('link', { name: /^Awaiting my decision\s*:\s*1$/ }).click();
    await d.getByRole('heading', { level: 1, name: 'Awaiting decision' }).waitFor();
    expect(await violations(d)).toEqual([]);
    await d.getByRole('link', { name: /^Admission to the assistance system, C-\d{5}$/ }).click();
    await d.getByRole('heading', { level: 1, name: 'Proposed decision: Admission to the assistance system' }).waitFor();
    await d.getByText('The account is consistent and detailed; the expert group agrees.').waitFor();
    await d.getByText('Swedish').first().waitFor();
    await expect.poll(() => d.getByLabel('Date of the decision').inputValue()).toBe(todayTyped);
    expect(await violations(d)).toEqual([]);
    await d.getByRole('button', { name: 'Decide', exact: true }).click();
    await d.getByRole('heading', { name: /^Decided: Admission to the assistance system on / }).waitFor();
    expect(await violations(d)).toEqual([]);
    const [download] = await Promise.all([d.waitForEvent('download'), d.getByRole('link', { name: /Download the decision letter \(PDF\)/ }).click()]);
    const file = path.join(downloads, 'letter.pdf');
    await download.saveAs(file);
    const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('antagning till hjälpsystemet');
    expect(text).toContain('Olena Kovalenko');
    expect(text).toContain(number);
    await d.close();

    // The application shows the decision taken; both clientships start on the decision date.
    await c.reload();
    const decisions = c.getByRole('table', { name: /decision or proposal/ });
    await decisions.getByText('decided', { exact: true }).waitFor();
    await decisions.getByRole('link', { name: /Decision letter \(PDF, Swedish\)/ }).waitFor();
    expect(await violations(c)).toEqual([]);
    const application = (await (await c.request.get(`${app.url}/api/applications/${c.url().split('/').pop()}`)).json()) as { person: { id: string }; children: { id: string }[]; status: string };
    expect(application.status).toBe('decided');
    const clientships = async (personId: string) =>
      ((await (await c.request.get(`${app.url}/api/clients/${personId}`)).json()) as { clientships: { category: string; startDate: string }[] }).clientships;
    expect(await clientships(application.person.id)).toEqual([expect.objectContaining({ category: 'victim', startDate: todayIso })]);
    expect(await clientships(application.children[0]!.id)).toEqual([expect.objectContaining({ category: 'child_of_victim', startDate: todayIso })]);

    // An appeal against it is recorded on the application.
    await decisions.getByRole('button', { name: /^Record an appeal against the decision Admission/ }).click();
    const appeal = c.getByRole('region', { name: /^Appeal against the decision/ });
    await appeal.getByLabel('Appeal lodged on').fill(todayTyped);
    expect(await violations(c)).toEqual([]);
    await appeal.getByRole('button', { name: 'Save the appeal' }).click();
    await c.getByText('The appeal has been saved.').waitFor();
    await decisions.getByText(/^lodged /).waitFor();
    await c.close();
  }, 150_000);

  it('refuses a reflection period for a permit holder and an admission without consent, shows a conflicting save, and offers existing persons', async () => {
    const { typed: todayTyped, iso: todayIso } = today();
    const c = await caseworker.newPage();
    await c.goto(app.url);
    const created = await c.request.post(`${app.url}/api/applications`, {
      headers: { Origin: app.url },
      data: { receivedOn: todayIso, channel: 'police', person: { givenNames: 'Ravi', familyName: 'Kumar', nationalities: ['IN'], residenceStatus: 'worker_permit' }, officeCode: 'helsinki' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await c.goto(`${app.url}/applications/${id}`);
    const proposal = c.getByRole('region', { name: 'Propose a decision' });
    await proposal.waitFor();

    await choose(c, 'Kind of decision', 'Reflection period');
    await proposal.getByLabel('Start of the period').fill(todayTyped);
    await proposal.getByLabel('End of the period').fill(typedMonthsLater(todayIso, 2));
    await proposal.getByLabel('Grounds').fill('Needs time to recover and decide.');
    await choose(c, 'Language of the letter', 'English');
    await proposal.getByRole('button', { name: 'Propose the decision' }).click();
    await proposal.getByRole('link', { name: /^Kind of decision: a reflection period can only be granted to a person without a right of residence/ }).waitFor();
    await proposal.getByText(/Residence permit for an employed person/).first().waitFor();
    expect(await violations(c)).toEqual([]);

    await choose(c, 'Kind of decision', 'Admission to the assistance system');
    await proposal.getByRole('button', { name: 'Propose the decision' }).click();
    await proposal.getByRole('link', { name: /^Kind of decision: admission needs the person's consent/ }).waitFor();
    expect(await violations(c)).toEqual([]);

    // Two caseworkers save the same application: the later save is refused, shown, and keeps what was typed.
    const other = await caseworker.newPage();
    await other.goto(`${app.url}/applications/${id}`);
    await other.getByLabel(/^Summary of the suspected exploitation/).fill('Recruited through a job advert for berry picking.');
    await c.getByLabel(/^Deadline/).fill(typedMonthsLater(todayIso, 2));
    await c.getByRole('button', { name: 'Save the changes' }).click();
    await c.getByText('The changes have been saved.').waitFor();
    await other.getByRole('button', { name: 'Save the changes' }).click();
    await other.getByRole('heading', { name: 'Someone else changed this application' }).waitFor();
    await other.getByRole('table', { name: 'What the other person changed' }).getByRole('rowheader', { name: 'Deadline' }).waitFor();
    expect(await other.getByLabel(/^Summary of the suspected exploitation/).inputValue()).toBe('Recruited through a job advert for berry picking.');
    expect(await violations(other)).toEqual([]);
    await other.getByRole('button', { name: 'Save the changes' }).click();
    await other.getByText('The changes have been saved.').waitFor();
    await other.close();
    const both = (await (await c.request.get(`${app.url}/api/applications/${id}`)).json()) as { deadline: string; summary: string };
    expect(both).toMatchObject({ deadline: isoMonthsLater(todayIso, 2), summary: 'Recruited through a job advert for berry picking.' });

    // Before creating a person, a caseworker is shown who may already be in the register.
    const personNumber = (await c.getByText(/^C-\d{5} R••• K••••$/).first().textContent())!.slice(0, 7);
    await c.goto(`${app.url}/applications/new`);
    await c.getByRole('heading', { level: 1, name: 'New application' }).waitFor();
    await choose(c, 'Channel', 'Police');
    await c.getByLabel('Given names').fill('Ravi');
    await c.getByLabel('Family name').fill('Kumaar');
    const candidates = c.getByRole('table', { name: 'Possible existing persons, the likeliest first' });
    await candidates.getByRole('row', { name: new RegExp(personNumber) }).waitFor();
    expect(await violations(c)).toEqual([]);
    await candidates.getByRole('button', { name: `Use this person: ${personNumber}` }).click();
    await c.getByText(`The application will be for the existing person ${personNumber}`, { exact: false }).waitFor();
    await c.getByRole('button', { name: 'Register the application' }).click();
    await c.getByRole('heading', { level: 1, name: /^Application A-\d{4}-\d{4}$/ }).waitFor();
    await c.getByText(/^The application A-\d{4}-\d{4} has been registered\.$/).waitFor();
    await c.getByText(`${personNumber} R••• K••••`).first().waitFor();
    expect(await violations(c)).toEqual([]);

    // An application registered for a new person, spelt otherwise: the caseworker looks for the
    // applicant as recorded — nothing to retype — and moves the application to the person found.
    const again = await c.request.post(`${app.url}/api/applications`, {
      headers: { Origin: app.url },
      data: { receivedOn: todayIso, channel: 'police', person: { givenNames: 'Ravi', familyName: 'Kumaar', nationalities: ['IN'] }, officeCode: 'helsinki' },
    });
    expect(again.status()).toBe(201);
    await c.goto(`${app.url}/applications/${((await again.json()) as { id: string }).id}`);
    const duplicates = c.getByRole('region', { name: 'Possible duplicates of this applicant' });
    await duplicates.getByRole('button', { name: 'Look for the applicant as recorded' }).click();
    const found = duplicates.getByRole('table', { name: 'Possible existing persons, the likeliest first' });
    await found.getByRole('row', { name: new RegExp(personNumber) }).waitFor();
    expect(await violations(c)).toEqual([]);
    await found.getByRole('button', { name: `This is the same person: ${personNumber}` }).click();
    await duplicates.getByText(`The application now concerns the person ${personNumber}.`).waitFor();
    await c.getByText(`${personNumber} R••• K••••`).first().waitFor();
    await c.close();
  }, 120_000);
});
