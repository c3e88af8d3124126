import path from 'node:path';
import type { Command } from 'commander';
import { operatorActor } from '../access/actor.js';
import { appendAudit } from '../audit/audit.js';
import { withContext } from '../cli-context.js';
import { withTransaction } from '../db/transaction.js';
import { keyFromFile, masterKeyId } from './master-key.js';

/** `suoja keys …`: the data keys and the master key that wraps them. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('encryption keys: the master key and the data keys it wraps');

  keys
    .command('status')
    .description('list the data keys (ids, purpose, when made and retired) and which master key wraps them; never the keys')
    .action(async () => {
      await withContext(async (ctx) => {
        const rows = await ctx.database.db.selectFrom('dataKey').select(['id', 'purpose', 'masterKeyId', 'createdAt', 'retiredAt']).orderBy('createdAt').execute();
        for (const r of rows) {
          process.stdout.write(`${r.id}  ${r.purpose.padEnd(6)}  wrapped by ${r.masterKeyId}  made ${r.createdAt.toISOString()}${r.retiredAt ? `  retired ${r.retiredAt.toISOString()}` : '  active'}\n`);
        }
      });
    });

  keys
    .command('rotate')
    .description('re-wrap every data key under a new master key, in one transaction; then start Suoja with the new key')
    .requiredOption('--new-key-file <path>', 'the new master key file: read if it exists, otherwise created with a fresh random key (mode 0600)')
    .action(async (options: { newKeyFile: string }) => {
      await withContext(async (ctx) => {
        const file = path.resolve(options.newKeyFile);
        const newKey = await keyFromFile(file, ctx.logger);
        const rewrapped = await withTransaction(ctx.database.db, async (tx) => {
          const count = await ctx.keyring.rewrap(tx, newKey);
          await appendAudit(tx, operatorActor(), { action: 'keys.rotate_master', details: { rewrapped: count, masterKeyId: masterKeyId(newKey) } }, ctx.clock.now());
          return count;
        });
        process.stdout.write(
          `Re-wrapped ${rewrapped} data keys under the new master key ${masterKeyId(newKey)}.\n` +
            `From now on start Suoja with SUOJA_KEY_FILE=${file} (or its content in SUOJA_MASTER_KEY). Keep the old key until Suoja has started with the new one, then destroy it.\n`,
        );
      });
    });

  keys
    .command('rotate-data-key')
    .description('retire the active data key and make a new one for new writes; values under retired keys still decrypt')
    .action(async () => {
      await withContext(async (ctx) => {
        const id = await ctx.keyring.rotateFieldKey(ctx.database.db);
        await withTransaction(ctx.database.db, (tx) => appendAudit(tx, operatorActor(), { action: 'keys.rotate_data', details: { keyId: id } }, ctx.clock.now()));
        process.stdout.write(`New data key ${id} is active; earlier ones are retired and still decrypt what they encrypted.\n`);
      });
    });
}
