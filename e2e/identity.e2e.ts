import { AxeBuilder } from '@axe-core/playwright';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, newInstallation, serveApp, suoja, type ServedApp } from './harness.js';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The code an authenticator app shows `stepsAhead` 30-second steps from now. */
function totp(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/** Follows a set-up link: chooses a password, enrols TOTP, keeps the recovery codes. Returns the TOTP secret. */
async function setUpAccount(page: Page, link: string, password: string): Promise<string> {
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Set up your account' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Repeat the new password').fill(password);
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
  await page.getByRole('img').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  const secret = (await page.getByTestId('totp-secret').getAttribute('data-secret'))!;
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel('Code from the app').fill(await totp(secret));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return secret;
}

describe.skipIf(!HAS_CHROMIUM)('staff identity in Chromium', () => {
  let app: ServedApp;
  let browser: Browser;
  let adminLink: string;
  let adminSecret: string;
  beforeAll(async () => {
    const installation = await newInstallation();
    const added = suoja(installation, ['users', 'add', '--admin', '--email', 'admin@example.fi', '--name', 'Anna Admin']);
    expect(added.status).toBe(0);
    adminLink = added.stdout.match(/http:\/\/\S+\/setup#\S+/)![0];
    // Before the server holds the data directory: the operator rewrites the tables retention erases from (audited).
    const purged = suoja(installation, ['retention', 'purge']);
    expect(purged.status, purged.stderr).toBe(0);
    expect(purged.stdout).toContain('Rewritten: person, application, decision, journal_note, task, attachment.');
    app = await serveApp({}, installation);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('an admin creates a caseworker, who sets a password, enrols TOTP, signs in and signs out', async () => {
    const adminContext = await browser.newContext({ locale: 'en-GB' });
    const admin = await adminContext.newPage();
    adminSecret = await setUpAccount(admin, adminLink, 'ylläpito on tärkeää työtä');

    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await admin.getByRole('button', { name: 'Add user' }).click();
    await admin.getByLabel('Name').fill('Kaisa Caseworker');
    await admin.getByLabel('Email address').fill('kaisa@example.fi');
    await admin.getByRole('group', { name: 'Roles' }).getByLabel('caseworker').check();
    await admin.getByRole('group', { name: 'Offices' }).getByLabel('Helsinki').check();
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Create user' }).click();
    const link = (await admin.getByTestId('setup-link').textContent())!.trim();
    expect(link).toMatch(/\/setup#[A-Za-z0-9_-]{22}$/);
    await adminContext.close();

    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const secret = await setUpAccount(page, link, 'oma salasana vuodelle 2026');
    await page.getByText('Kaisa Caseworker').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();

    // Signing in again: password, then the next code from the app.
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('Email address').fill('kaisa@example.fi');
    await page.getByLabel('Password', { exact: true }).fill('oma salasana vuodelle 2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Enter your verification code' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Verification code').fill(await totp(secret, 1));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByText('Kaisa Caseworker').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await context.close();
  });

  it('the data-protection officer finds the rewrite after erasure in the audit log, by its action', async () => {
    const adminContext = await browser.newContext({ locale: 'en-GB' });
    const admin = await adminContext.newPage();
    await admin.goto(`${app.url}/sign-in`);
    await admin.getByLabel('Email address').fill('admin@example.fi');
    await admin.getByLabel('Password', { exact: true }).fill('ylläpito on tärkeää työtä');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Enter your verification code' }).waitFor();
    await admin.getByLabel('Verification code').fill(await totp(adminSecret, 1));
    await admin.getByRole('button', { name: 'Verify' }).click();
    await admin.getByRole('link', { name: 'Users' }).click();
    await admin.getByRole('button', { name: 'Add user' }).click();
    await admin.getByLabel('Name').fill('Dora Auditor');
    await admin.getByLabel('Email address').fill('dora@example.fi');
    await admin.getByRole('group', { name: 'Roles' }).getByLabel('data protection officer').check();
    await admin.getByRole('button', { name: 'Create user' }).click();
    const link = (await admin.getByTestId('setup-link').textContent())!.trim();
    await adminContext.close();

    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await setUpAccount(page, link, 'tietosuoja on minun työni');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('button', { name: /Action$/ }).click();
    await page.getByRole('listbox').getByRole('option', { name: 'tables rewritten after erasure', exact: true }).click();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const rows = page.getByRole('table').getByRole('row').filter({ hasText: 'retention.rewrite' });
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain('tables rewritten after erasure');
    expect(await page.getByRole('table').getByRole('row').filter({ hasText: 'sign-in' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
