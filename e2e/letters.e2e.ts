import { AxeBuilder } from '@axe-core/playwright';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, newInstallation, serveApp, suoja, type ServedApp } from './harness.js';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Follows the set-up link: password, TOTP enrolment, recovery codes. */
async function setUpAccount(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the new password').fill(password);
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
  await page.getByLabel('Code from the app').fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('decision letter templates in Chromium', () => {
  let app: ServedApp;
  let browser: Browser;
  let adminLink: string;
  beforeAll(async () => {
    const installation = await newInstallation();
    const added = suoja(installation, ['users', 'add', '--admin', '--email', 'admin@example.fi', '--name', 'Anna Admin']);
    expect(added.status).toBe(0);
    adminLink = added.stdout.match(/http:\/\/\S+\/setup#\S+/)![0];
    app = await serveApp({}, installation);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('an admin edits a paragraph, is told about an unknown placeholder, saves, and finds the change after a reload', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await setUpAccount(page, adminLink, 'ylläpito on tärkeää työtä');

    await page.getByRole('link', { name: 'Decision letter templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decision letter templates' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('radio', { name: 'Rejection' }).check();
    await page.getByRole('heading', { name: 'Text of the decision: Rejection, Finnish' }).waitFor();
    const body = page.getByRole('textbox', { name: 'Paragraphs' });
    expect(await body.inputValue()).toContain('Päätöksen syy: {{reason}}.');

    await body.fill(`${await body.inputValue()}\n\nLisätietoja antaa {{ohjaaja}}.`);
    await page.getByRole('button', { name: 'Save templates' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Correct the following' });
    await alert.getByText('Paragraphs (Finnish, Rejection): Unknown placeholder {{ohjaaja}}.').waitFor();
    await expect.poll(() => body.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await body.inputValue()).toContain('{{ohjaaja}}');
    expect(await seriousViolations(page)).toEqual([]);

    await body.fill((await body.inputValue()).replace('{{ohjaaja}}', 'ohjaajasi {{office}}-toimipisteessä'));
    await page.getByRole('button', { name: 'Save templates' }).click();
    await page.getByRole('status').getByText('The templates have been saved.').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download preview (PDF)' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

    await page.reload();
    await page.getByRole('radio', { name: 'Rejection' }).check();
    expect(await page.getByRole('textbox', { name: 'Paragraphs' }).inputValue()).toContain('Lisätietoja antaa ohjaajasi {{office}}-toimipisteessä.');

    // Someone else saves in the meantime: the save is refused, and what was typed stays.
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.fill('Kielteinen päätös (muokattu)');
    const theirs = await page.evaluate(async () => {
      const read = await (await fetch('/api/settings/letter-templates')).json();
      read.templates.en.closing = ['Changed by someone else.'];
      const res = await fetch('/api/settings/letter-templates', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: read.version, templates: read.templates }) });
      return res.status;
    });
    expect(theirs).toBe(200);
    await page.getByRole('button', { name: 'Save templates' }).click();
    await page.getByRole('alert').getByText('Someone else changed this record in the meantime.').waitFor();
    await page.getByRole('heading', { name: 'Someone else saved the templates in the meantime' }).waitFor();
    expect(await title.inputValue()).toBe('Kielteinen päätös (muokattu)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save templates' }).click();
    await page.getByRole('status').getByText('The templates have been saved.').waitFor();
    expect(await title.inputValue()).toBe('Kielteinen päätös (muokattu)');
    await context.close();
  });
});
