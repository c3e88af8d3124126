import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, type WriteStream } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { connectDatabase } from '../../src/server/db/connect.js';
import { LOCK_FILE } from '../../src/server/db/data-dir-lock.js';
import type { DB } from '../../src/server/db/schema.js';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '../..');
const HEALTH_TIMEOUT_MS = 60_000;

export interface Recovery {
  ok: boolean;
  /** From the start of the recovery until /api/health answered 200. */
  ms: number;
  /** PGlite: the killed server's lock file was still there and the new server took it over. */
  staleLock: boolean;
  detail?: string;
}

/** What the durability run kills and brings back: the app server on PGlite, or the PostgreSQL server under a running app. */
export interface Target {
  readonly engine: 'pglite' | 'postgres';
  readonly root: string;
  url(): string;
  /** Runs the `suoja` command of the build against this installation. */
  suoja(args: string[]): { status: number; stdout: string; stderr: string };
  start(): Promise<void>;
  crash(): Promise<void>;
  recover(): Promise<Recovery>;
  /** Runs `work` on a connection of its own, opened after the crash and recovery. */
  withDatabase<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  logTail(): Promise<string>;
  close(options: { keep: boolean }): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `node bin/suoja.js serve`, its output appended to a log file. */
class AppServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly env: Record<string, string>,
    private readonly port: number,
    private readonly log: WriteStream,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  spawn(): void {
    if (this.closed) throw new Error('the run is being stopped');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/suoja.js'), 'serve'], { cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls /api/health until it answers 200; false when the process ends or the time is up. */
  async waitHealthy(timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) return false;
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(1000) });
        await res.body?.cancel();
        if (res.ok) return true;
      } catch {
        // not listening yet, or the database is not back yet
      }
      await sleep(25);
    }
    return false;
  }

  async kill(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** Stops it for good: no new server after this. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
  }

  /** SIGTERM (a graceful close of the database); SIGKILL if it has not ended in 30 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    const ended = await Promise.race([this.exited.then(() => true), sleep(30_000).then(() => false)]);
    if (!ended) await this.kill();
  }
}

async function tail(file: string, lines = 30): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

function runSuoja(env: Record<string, string>, args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/suoja.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The embedded default: `kill -9` of the app server, which holds PGlite in its process, then a
 * new server on the same data directory. The check runs on a connection the script opens after
 * that server has been stopped again (one process per directory), and the server is started once
 * more for the next round.
 */
export async function pgliteTarget(): Promise<Target> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'suoja-durability-'));
  const port = await freePort();
  const dataDir = path.join(root, 'data');
  const env = { DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', SUOJA_DATA_DIR: dataDir, SUOJA_KEY_FILE: path.join(root, 'master.key'), LOG_LEVEL: 'warn' };
  const logFile = path.join(root, 'server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const server = new AppServer(env, port, log);
  const pgliteDir = path.join(dataDir, 'pglite');

  const startServer = async () => {
    server.spawn();
    if (!(await server.waitHealthy())) throw new Error(`the server did not become healthy:\n${await tail(logFile)}`);
  };

  return {
    engine: 'pglite',
    root,
    url: () => server.url,
    suoja: (args) => runSuoja(env, args),
    start: startServer,
    crash: () => server.kill(),
    async recover() {
      const staleLock = existsSync(path.join(pgliteDir, LOCK_FILE));
      const started = performance.now();
      server.spawn();
      const ok = await server.waitHealthy();
      const ms = performance.now() - started;
      return ok ? { ok, ms, staleLock } : { ok, ms, staleLock, detail: await tail(logFile) };
    },
    async withDatabase(work) {
      await server.stop();
      const database = await connectDatabase({ kind: 'pglite', dataDir: pgliteDir });
      try {
        return await work(database.db);
      } finally {
        await database.close();
        await startServer();
      }
    },
    logTail: () => tail(logFile),
    async close({ keep }) {
      await server.close();
      log.end();
      if (!keep) await rm(root, { recursive: true, force: true });
    },
  };
}

/** The newest PostgreSQL server binaries of the Debian packages, or PG_BIN. */
function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin/pg_ctl'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (set PG_BIN to the directory holding initdb and pg_ctl)');
  return path.join(base, versions[0], 'bin');
}

/**
 * A throwaway PostgreSQL cluster (initdb into a temporary directory, its own port) under a
 * running app server: `pg_ctl stop -m immediate` (no shutdown checkpoint; crash recovery at the
 * next start), then `pg_ctl start`, while the app keeps its connection pool and must recover it.
 * With `killApp` the app server is killed (`kill -9`) at the same moment and started again.
 */
export async function postgresTarget(options: { killApp: boolean }): Promise<Target> {
  const bin = postgresBin();
  const root = await mkdtemp(path.join(os.tmpdir(), 'suoja-durability-pg-'));
  const pgData = path.join(root, 'pgdata');
  const pgLog = path.join(root, 'postgres.log');
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root: the cluster belongs to the postgres account then.
  const pgCommand = async (command: string, args: string[]) => {
    const file = path.join(bin, command);
    const { stdout } = asRoot ? await run('runuser', ['-u', 'postgres', '--', file, ...args]) : await run(file, args);
    return stdout;
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgPort = await freePort();
  await pgCommand('initdb', ['-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const pgOptions = `-p ${pgPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root}`;
  const pgStart = () => pgCommand('pg_ctl', ['-D', pgData, '-l', pgLog, '-w', '-t', '60', '-o', pgOptions, 'start']);
  await pgStart();
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE suoja');
  await admin.end();

  const url = `postgres://postgres@127.0.0.1:${pgPort}/suoja`;
  const port = await freePort();
  const env = { DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', SUOJA_DATA_DIR: path.join(root, 'data'), SUOJA_KEY_FILE: path.join(root, 'master.key'), LOG_LEVEL: 'warn' };
  const logFile = path.join(root, 'server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const server = new AppServer(env, port, log);

  return {
    engine: 'postgres',
    root,
    url: () => server.url,
    suoja: (args) => runSuoja(env, args),
    async start() {
      server.spawn();
      if (!(await server.waitHealthy())) throw new Error(`the server did not become healthy:\n${await tail(logFile)}`);
    },
    async crash() {
      await Promise.all([pgCommand('pg_ctl', ['-D', pgData, '-m', 'immediate', '-w', 'stop']), options.killApp ? server.kill() : Promise.resolve()]);
    },
    async recover() {
      const started = performance.now();
      try {
        await pgStart();
      } catch (error) {
        return { ok: false, ms: performance.now() - started, staleLock: false, detail: `pg_ctl start failed: ${String(error)}\n${await tail(pgLog)}` };
      }
      if (!server.running) {
        if (!options.killApp) return { ok: false, ms: performance.now() - started, staleLock: false, detail: `the app server ended while its database was down:\n${await tail(logFile)}` };
        server.spawn();
      }
      const ok = await server.waitHealthy();
      const ms = performance.now() - started;
      return ok ? { ok, ms, staleLock: false } : { ok, ms, staleLock: false, detail: `${await tail(logFile)}\n${await tail(pgLog)}` };
    },
    async withDatabase(work) {
      const database = await connectDatabase({ kind: 'postgres', url });
      try {
        return await work(database.db);
      } finally {
        await database.close();
      }
    },
    logTail: async () => `${await tail(logFile)}\n--- postgres ---\n${await tail(pgLog)}`,
    async close({ keep }) {
      await server.close();
      log.end();
      if (existsSync(path.join(pgData, 'postmaster.pid'))) {
        await pgCommand('pg_ctl', ['-D', pgData, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      }
      if (!keep) await rm(root, { recursive: true, force: true });
    },
  };
}
