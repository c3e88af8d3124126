import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { operatorActor } from '../access/actor.js';
import { CommandFailed } from '../cli-context.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { loadMasterKey, masterKeyId } from '../crypto/master-key.js';
import { connectDatabase, type Database } from '../db/connect.js';
import { createLogger } from '../logger.js';
import { createBackup } from './backup.js';
import { BackupRefused } from './format.js';
import { restoreBackup } from './restore.js';

const count = new Intl.NumberFormat('en-GB');
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** `suoja backup FILE` and `suoja restore FILE` (exchange.md §2). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('write a consistent, encrypted backup of the whole database to a new file')
    .argument('<file>', 'the backup file to create; an existing file is never overwritten')
    .addHelpText(
      'after',
      '\nEvery table is read from one snapshot of the database, so the backup is consistent even while\n' +
        'Suoja serves on PostgreSQL. The file is compressed and encrypted (AES-256-GCM) under a key derived\n' +
        'from the master key: keep the master key apart from the backups; restoring needs both.\n' +
        'The embedded database serves one process at a time: stop the server first, or run on PostgreSQL.\n' +
        'Exit 0 when the backup is written; 1 with the reason on stderr and no file left behind.',
    )
    .action(async (file: string) => {
      // Before the database is opened: a name already taken is the operator's typo, not worth a wait.
      if (await fs.lstat(file).then(() => true, () => false)) throw new CommandFailed(`backup refused: ${file} already exists; choose another file name (a backup never overwrites a file).`);
      await withDatabase('backup', async (database, masterKey) => {
        const started = Date.now();
        const bar = progressLine();
        let summary;
        try {
          summary = await createBackup({ db: database.db, kind: database.kind, masterKey, clock: systemClock }, operatorActor(), file, {
            onProgress: (p) => bar.update(`backup: table ${p.tableIndex}/${p.tableCount} ${p.table}, ${count.format(p.rows)} rows`),
          });
        } finally {
          bar.finish();
        }
        process.stdout.write(
          `Backed up ${count.format(summary.rows)} rows of ${summary.tables} tables (schema ${summary.schemaVersion}) to ${summary.file} in ${seconds(started)}: ${megabytes(summary.bytes)}.\n` +
            `SHA-256 ${summary.sha256}\n` +
            `The file is encrypted under the master key ${summary.masterKeyId}. Keep that key apart from the backups: restoring needs both.\n`,
        );
      });
    });

  program
    .command('restore')
    .description('restore a backup into a fresh installation, all or nothing (needs the master key it was made with)')
    .argument('<file>', 'a file written by `suoja backup`')
    .addHelpText(
      'after',
      '\nThe target must be a fresh installation: an empty data directory (SUOJA_DATA_DIR) or a new, empty\n' +
        'PostgreSQL database (DATABASE_URL); one that holds persons, applications or staff users is refused.\n' +
        'The file is checked first (a damaged or altered file is refused and nothing is written); then the\n' +
        'schema is created at the backup\'s version and every table is loaded in one transaction. The data\n' +
        'keys come from the backup, so run with the master key it was made with (SUOJA_MASTER_KEY or\n' +
        'SUOJA_KEY_FILE). Keep Suoja stopped on the target while restoring, and start it afterwards with that\n' +
        'key. A backup of an older version is migrated to the current schema after the load.\n' +
        'Exit 0 when restored; 1 with the reason on stderr.',
    )
    .action(async (file: string) => {
      const info = await fs.stat(file).catch(() => null);
      if (!info?.isFile()) throw new CommandFailed(`restore refused: cannot read ${file}: ${info ? 'not a file' : 'no such file'}.`);
      await withDatabase('restore', async (database, masterKey) => {
        const started = Date.now();
        const bar = progressLine();
        let summary;
        try {
          summary = await restoreBackup({ db: database.db, masterKey, clock: systemClock }, operatorActor(), file, {
            onProgress: (p) =>
              bar.update(p.phase === 'checking' ? `restore: checking the file, ${megabytes(p.done)} of ${megabytes(p.total)}` : `restore: ${count.format(p.done)} of ${count.format(p.total)} rows`),
          });
        } finally {
          bar.finish();
        }
        process.stdout.write(
          `Restored ${count.format(summary.rows)} rows of ${summary.tables} tables in ${seconds(started)} from the backup made ${summary.createdAt} ` +
            `by Suoja ${summary.suojaVersion} on ${summary.engine} (schema ${summary.schemaVersion}${summary.installationId ? `, installation ${summary.installationId}` : ''}).\n` +
            (summary.migratedAfter.length > 0 ? `Then migrated to the current schema: ${summary.migratedAfter.join(', ')}.\n` : '') +
            (summary.auditChain.ok ? `The audit chain is intact: ${count.format(summary.auditChain.entries)} entries, the last one this restore's.\n` : '') +
            `Start Suoja with the same master key (${masterKeyId(masterKey)}).\n`,
        );
        if (!summary.auditChain.ok) {
          process.stderr.write(
            `suoja: warning: the restored audit chain is broken at entry #${summary.auditChain.brokenAt} (${summary.auditChain.problem}); it was so in the backup. ` +
              'Run `suoja audit verify` and investigate.\n',
          );
        }
      });
    });
}

/** Connects without migrating (a backup must not change the schema it copies) and with the existing master key. */
async function withDatabase(command: 'backup' | 'restore', work: (database: Database, masterKey: Buffer) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 2);
  if (config.masterKey.kind === 'file') {
    const file = config.masterKey.path;
    const exists = await fs.stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) {
      throw new CommandFailed(
        command === 'backup'
          ? `there is no master key file ${file} (SUOJA_KEY_FILE); a backup is encrypted under the master key the installation runs with: supply it through SUOJA_MASTER_KEY or SUOJA_KEY_FILE`
          : `there is no master key file ${file} (SUOJA_KEY_FILE); a backup is restored with the master key it was made with: supply it through SUOJA_MASTER_KEY or SUOJA_KEY_FILE`,
      );
    }
  }
  if (command === 'backup' && config.database.kind === 'pglite' && config.database.dataDir) {
    const dataDir = config.database.dataDir;
    // Opening a directory that does not exist would create an empty database in it.
    if (!(await fs.stat(dataDir).then(() => true, () => false))) throw new CommandFailed(`backup refused: there is no embedded database in ${config.dataDir} (SUOJA_DATA_DIR); nothing to back up.`);
  }
  const masterKey = await loadMasterKey(config.masterKey, logger);
  const database = await connectDatabase(config.database, { onIdleError: (err) => logger.warn({ err }, 'a database connection failed; it will be replaced') });
  try {
    await work(database, masterKey);
  } catch (error) {
    if (error instanceof BackupRefused) throw new CommandFailed(`${command} refused: ${error.message}.`);
    throw error;
  } finally {
    await database.close();
  }
}

/** One redrawn line on a terminal (stderr), at most ten times a second; nothing elsewhere. */
function progressLine(stream: NodeJS.WriteStream = process.stderr): { update(text: string): void; finish(): void } {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      stream.write(`\r\u001b[K${text}`);
      shown = true;
    },
    finish() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
