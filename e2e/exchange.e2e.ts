import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, newInstallation, serveApp, signedInContext, suoja, type ServedApp } from './harness.js';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const register = (channel: string) => ({
  format: 'suoja-exchange',
  version: 1,
  persons: [
    { ref: 'P-1', givenNames: 'Sita', familyName: 'Example', birthDate: '1998-03-14', gender: 'female', nationalities: ['NP'] },
    { ref: 'P-2', gender: 'male', nationalities: ['UA'] },
  ],
  applications: [{ ref: 'A-1', person: 'P-1', receivedOn: '2025-02-03', channel, office: 'helsinki' }],
});
const file = (name: string, document: object) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) });

describe.skipIf(!HAS_CHROMIUM)('importing an exchange file in Chromium', () => {
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

  it('an admin is shown a bad code with its path and value, then checks a good file, confirms and sees what was imported', async () => {
    const context = await signedInContext(browser, app, adminLink);
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Import records' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import records from an exchange file' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // One unknown code: refused, with where and what.
    await page.getByLabel('Exchange file').setInputFiles(file('register.json', register('polise')));
    await page.getByRole('button', { name: 'Check the file' }).click();
    const refused = page.getByRole('heading', { level: 2, name: 'The file has problems' });
    await refused.waitFor();
    await expect.poll(() => refused.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('The file has 1 problem.').waitFor();
    const row = page.getByRole('table', { name: /Problems in the file/ }).getByRole('row').nth(1);
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['applications[0].channel', '"polise"', 'Unknown code.']);
    expect(await seriousViolations(page)).toEqual([]);

    // The corrected file: the dry run's figures, nothing saved yet.
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page.getByLabel('Exchange file').setInputFiles(file('register.json', register('police')));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { level: 2, name: 'The file has no problems' }).waitFor();
    const would = page.getByRole('table', { name: 'What the import would do' });
    expect(await would.getByRole('row', { name: /^Persons/ }).getByRole('cell').allInnerTexts()).toEqual(['2', '2', '0', '0']);
    expect(await would.getByRole('row', { name: /^Applications/ }).getByRole('cell').allInnerTexts()).toEqual(['1', '1', '0', '0']);
    expect(await seriousViolations(page)).toEqual([]);

    // Confirmed from the keyboard.
    const confirm = page.getByRole('button', { name: 'Import the records' });
    for (let i = 0; i < 5 && !(await confirm.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'The records have been imported' }).waitFor();
    const imported = page.getByRole('table', { name: 'What was imported' });
    expect(await imported.getByRole('row', { name: /^Persons/ }).getByRole('cell').allInnerTexts()).toEqual(['2', '2', '0', '0']);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
