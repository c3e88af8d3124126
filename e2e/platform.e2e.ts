import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, serveApp, type ServedApp } from './harness.js';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!HAS_CHROMIUM)('the application in Chromium', () => {
  let app: ServedApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await serveApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens at / from the embedded database, switches language, and passes axe', async () => {
    const context = await browser.newContext({ locale: 'fi-FI' });
    const page = await context.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fi');
    await page.getByText('Tietokanta: kunnossa (sulautettu)').waitFor();
    expect(await page.title()).toBe('Etusivu – Suoja');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Svenska' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('sv');
    await page.getByText('Databas: fungerar (inbäddad)').waitFor();
    expect(await page.title()).toBe('Startsida – Suoja');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('Database: ok (embedded)').waitFor();

    // The choice is remembered on the next visit.
    await page.reload();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  it('shows the sign-in page, validates with messages that name the field, and keeps what was typed', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('E-postadress är en obligatorisk uppgift.').waitFor();
    await page.getByText('Lösenord är en obligatorisk uppgift.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('E-postadress').fill('handlaggare@example.fi');
    await page.getByLabel('Lösenord', { exact: true }).fill('fel lösenord här');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    expect(await page.getByLabel('E-postadress').inputValue()).toBe('handlaggare@example.fi');
    await context.close();
  });

  it('can be used with the keyboard: the skip link comes first and leads to the main content', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByText('Database: ok (embedded)').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('answers an unknown page with the app and its not-found view', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const res = await page.goto(`${app.url}/no/such/page`);
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.title()).toBe('Page not found – Suoja');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
