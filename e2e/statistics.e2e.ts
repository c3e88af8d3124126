import { AxeBuilder } from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffUser, HAS_CHROMIUM, launchBrowser, newInstallation, serveApp, signedInContext, suoja, type ServedApp } from './harness.js';

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.skipIf(!HAS_CHROMIUM)('statistics in Chromium: explaining a figure, organisation texts, international reporting', () => {
  let app: ServedApp;
  let browser: Browser;
  let statistician: BrowserContext;

  beforeAll(async () => {
    const installation = await newInstallation();
    const demo = suoja(installation, ['demo']);
    expect(demo.status, demo.stderr).toBe(0);
    const link = addStaffUser(installation, { email: 'stina@example.fi', name: 'Stina Statistician', roles: ['statistician'] });
    app = await serveApp({}, installation);
    browser = await launchBrowser();
    statistician = await signedInContext(browser, app, link);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('a statistician explains a figure of 2025, downloads CTDC microdata and edits the Swedish introduction', async () => {
    const page = await statistician.newPage();
    await page.goto(`${app.url}/statistics`);
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
    await page.getByRole('button', { name: /Year$/ }).click();
    await page.getByRole('listbox').getByRole('option', { name: '2025', exact: true }).click();
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByRole('status').getByText('Showing the figures of 2025 with threshold 5.').waitFor();
    await page.getByRole('heading', { name: 'Key figures, 2025' }).waitFor();
    expect(await violations(page)).toEqual([]);

    // Explain: the records behind "new victims by gender: female", by reference only.
    const explain = page.getByRole('button', { name: 'Explain the figure New victims by gender: female' });
    await explain.click();
    const dialog = page.getByRole('dialog', { name: 'Records behind the figure “New victims by gender: female”' });
    await dialog.waitFor();
    await expect.poll(() => dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await dialog.getByText('165 records').waitFor();
    await dialog.getByText('The list holds no identifying data').waitFor();
    const table = dialog.getByRole('table');
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Reference', 'Gender', 'Age at the start', 'Nationality', 'Start date']);
    const references = await table.locator('tbody th').allTextContents();
    expect(references).toHaveLength(165);
    expect(references.every((ref) => /^C-\d{5}$/.test(ref))).toBe(true);
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe('Female');
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => explain.evaluate((el) => el === document.activeElement)).toBe(true);

    // International reporting: CTDC microdata as CSV, its header the CTDC variables.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /^CSV file ?, CTDC microdata, k-anonymised, 2025$/ }).click();
    const file = await (await download).path();
    const [header, ...rows] = (await readFile(file, 'utf8')).trim().split('\n');
    expect(header).toBe('yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour,isSexualExploit,isForcedMarriage,isOrganRemoval,isOtherExploit,typeOfLabour,countryOfExploitation');
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.every((row) => row.startsWith('2025,'))).toBe(true);

    // The Swedish introduction: an empty new paragraph is refused by name, then the edit is saved.
    await page.getByRole('link', { name: 'Introduction and contacts of the overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Introduction and contacts of the overview' }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Swedish' }).check();
    await page.getByRole('heading', { name: 'Introduction, Swedish' }).waitFor();
    const first = page.getByRole('textbox', { name: 'Paragraph 1', exact: true });
    const introduction = 'Hjälpsystemet för offer för människohandel inleder här översikten med en ny text.';
    await first.fill(introduction);
    await page.getByRole('button', { name: 'Add a paragraph' }).click();
    const added = page.getByRole('textbox', { name: 'Paragraph 6', exact: true });
    await expect.poll(() => added.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Save texts' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Correct the following' });
    await summary.getByText('Swedish, paragraph 6: Write the text of the paragraph or remove the paragraph.').waitFor();
    await expect.poll(() => added.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await first.inputValue()).toBe(introduction);
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Remove paragraph 6' }).click();
    await page.getByRole('button', { name: 'Move down paragraph 1' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Move down paragraph 2' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Move up paragraph 2' }).click();
    await page.getByRole('button', { name: 'Save texts' }).click();
    await page.getByRole('status').getByText('The texts have been saved.').waitFor();

    await page.reload();
    await page.getByRole('radio', { name: 'Swedish' }).check();
    expect(await page.getByRole('textbox', { name: 'Paragraph 1', exact: true }).inputValue()).toBe(introduction);
    expect(await page.getByRole('textbox', { name: 'Paragraph 6', exact: true }).count()).toBe(0);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
