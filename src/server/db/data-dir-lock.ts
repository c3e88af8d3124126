import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The embedded database serves one process at a time: two processes writing the same PGlite
 * directory would corrupt it. A lock file holding the owner's process id keeps a second one out;
 * a lock left by a process that no longer runs (killed, crashed) is taken over.
 */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the data directory ${dataDir} is in use by another Suoja process (pid ${pid}). The embedded database serves one process at a time: stop that process first, or use PostgreSQL (DATABASE_URL) to run several.`,
    );
    this.name = 'DataDirInUse';
  }
}

export const LOCK_FILE = 'suoja.lock';

/** Whether `pid` is a running Node.js process (a recycled pid of another program does not count). */
function isRunningNode(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return /node|suoja/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true; // no /proc: trust the signal check
  }
}

/** Directories this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

/** Takes the directory's lock; the returned function gives it back. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, LOCK_FILE);
  const key = path.resolve(dataDir);
  if (held.has(key)) throw new DataDirInUse(dataDir, process.pid);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await fs.open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      held.add(key);
      return async () => {
        held.delete(key);
        const owner = await fs.readFile(file, 'utf8').catch(() => '');
        if (Number(owner.trim()) === process.pid) await fs.rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      // Our own pid in the file is a previous run's (a container's process is often pid 1 every time).
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunningNode(pid)) throw new DataDirInUse(dataDir, pid);
      // Left behind by a process that is gone: take it over.
      await fs.rm(file, { force: true });
    }
  }
  throw new DataDirInUse(dataDir, Number.NaN);
}
