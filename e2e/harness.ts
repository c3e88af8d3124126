import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!HAS_CHROMIUM) {
  const line = '!'.repeat(78);
  process.stderr.write(
    `\n${line}\n!! BROWSER TIER SKIPPED: no Chromium at ${CHROMIUM}.\n!! Install Debian's chromium (apt-get install -y chromium) to run it.\n${line}\n\n`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServedApp {
  url: string;
  dataDir: string;
  logs: () => string;
  stop(): Promise<void>;
}

export interface Installation {
  root: string;
  port: number;
  env: Record<string, string>;
}

/** A fresh installation directory (data and key file) and the port it will be served on. */
export async function newInstallation(): Promise<Installation> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'suoja-e2e-'));
  const port = await freePort();
  return {
    root,
    port,
    env: { DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', SUOJA_DATA_DIR: path.join(root, 'data'), SUOJA_KEY_FILE: path.join(root, 'master.key'), LOG_LEVEL: 'warn' },
  };
}

/** Runs the `suoja` command of the build against an installation (before its server starts: one process per data directory). */
export function suoja(installation: Installation, args: string[]): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/suoja.js'), ...args], { cwd: ROOT, env: { ...process.env, ...installation.env }, encoding: 'utf8' });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built application exactly as `npm start` does, on the embedded database in a temporary data directory. */
export async function serveApp(env: Record<string, string> = {}, existing?: Installation): Promise<ServedApp> {
  const installation = existing ?? (await newInstallation());
  const dataDir = installation.root;
  const port = installation.port;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin/suoja.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...installation.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    dataDir,
    logs: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface StaffUser {
  email: string;
  name: string;
  roles: string[];
  offices?: string[];
}

/** Adds a staff account with the CLI (before the server starts) and returns its one-time set-up link. */
export function addStaffUser(installation: Installation, user: StaffUser): string {
  const args = ['users', 'add', '--email', user.email, '--name', user.name, '--role', ...user.roles];
  if (user.offices?.length) args.push('--office', ...user.offices);
  const added = suoja(installation, args);
  const link = added.stdout.match(/http:\/\/\S+\/setup#\S+/)?.[0];
  if (added.status !== 0 || !link) throw new Error(`could not add ${user.email}:\n${added.stdout}${added.stderr}`);
  return link;
}

/**
 * A browser context signed in as the owner of a set-up link. The password and the TOTP enrolment
 * go through the API, in the page so that the session cookie lands in the context; the set-up
 * pages themselves are tested in identity.e2e.ts.
 */
export async function signedInContext(browser: Browser, app: ServedApp, link: string, options: { locale?: string; timezoneId?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-GB', timezoneId: options.timezoneId ?? 'Europe/Helsinki', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${app.url}/sign-in`);
  const post = (path: string, body: unknown) =>
    page.evaluate(
      async ({ path, body }) => {
        const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as unknown };
      },
      { path, body },
    );
  const token = new URL(link).hash.slice(1);
  const setUp = await post('/api/auth/setup', { token, password: `e2e salasana ${token.slice(0, 8)}` });
  if (setUp.status !== 200) throw new Error(`set-up failed: ${JSON.stringify(setUp)}`);
  const enrolment = await page.evaluate(async () => (await (await fetch('/api/auth/enrolment')).json()) as { secret: string });
  const code = await generate({ secret: enrolment.secret, epoch: Math.floor(Date.now() / 1000) });
  const done = await post('/api/auth/enrolment', { code });
  if (done.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(done)}`);
  await page.close();
  return context;
}
