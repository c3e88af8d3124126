import { registerKeysCommand } from './crypto/keys.command.js';
import { registerBackupCommands } from './backup/backup.command.js';
import { registerRetentionCommand } from './modules/retention/retention.command.js';
import { DataDirInUse } from './db/data-dir-lock.js';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles.js';
import { operatorActor } from './access/actor.js';
import { verifyAuditChain } from './audit/audit.js';
import { CommandFailed, withContext } from './cli-context.js';
import { loadConfig, ConfigError, type Config } from './config.js';
import { MasterKeyError } from './crypto/master-key.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest, MigrationError } from './db/migrate.js';
import { AppError } from './http/errors.js';
import { createUsersService } from './modules/users/users.service.js';
import { startServer } from './server.js';
import { registerInternationalCommand } from './statistics/international/international.command.js';
import { registerReportCommand } from './statistics/report.command.js';
import { registerDemoCommand } from './demo/demo.command.js';
import { registerExchangeCommands } from './exchange/exchange.command.js';
import { VERSION } from './version.js';

function appOrigin(config: Config): string {
  return config.publicOrigin ?? `http://${config.host}:${config.port}`;
}

/** Exit codes of the `suoja` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function buildCli(): Command {
  const program = new Command('suoja')
    .description('Suoja: case management and statistics for the assistance system for victims of trafficking in human beings.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nConfiguration comes from the environment: DATABASE_URL (PostgreSQL; otherwise the embedded\n' +
        'database in SUOJA_DATA_DIR, default ./data), PORT (8080), HOST (127.0.0.1), LOG_LEVEL (info).',
    )
    .exitOverride();

  program
    .command('serve')
    .description('serve the web application and the API (migrates the database first)')
    .option('--dev', 'development mode: serve the API only; the web app comes from `vite`')
    .action(async (options: { dev?: boolean }) => {
      const config = loadConfig();
      const server = await startServer(config, options.dev ? { webDir: '/nonexistent' } : {});
      const stop = async (signal: string) => {
        server.app.log.info({ signal }, 'shutting down');
        await server.close();
        process.exit(EXIT.ok);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const config = loadConfig();
      const database = await connectDatabase(config.database);
      try {
        const { applied } = await migrateToLatest(database.db);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database schema is up to date.\n');
      } finally {
        await database.close();
      }
    });

  const users = program.command('users').description('staff accounts: the first administrator and account rescue');
  users
    .command('add')
    .description('add a staff account and print its one-time set-up link (there is no default password)')
    .requiredOption('--email <address>', 'work e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .option('--admin', 'give the administrator role')
    .addOption(new Option('--role <role...>', 'roles to give').choices([...ROLES]))
    .option('--office <code...>', 'offices the user belongs to (e.g. helsinki)')
    .action(async (options: { email: string; name: string; admin?: boolean; role?: Role[]; office?: string[] }) => {
      const roles = [...new Set<Role>([...(options.role ?? []), ...(options.admin ? (['admin'] as const) : [])])];
      if (roles.length === 0) throw new CommandFailed('give at least one role: --admin or --role <role>');
      if (!z.email().safeParse(options.email).success) throw new CommandFailed(`not a valid e-mail address: ${options.email}`);
      await withContext(async (ctx) => {
        const result = await createUsersService(ctx).create(operatorActor(), { name: options.name, email: options.email, roles, offices: options.office ?? [] }, appOrigin(ctx.config));
        process.stdout.write(
          `Created ${result.user.email} (${result.user.roles.join(', ')}).\n` +
            `Give this one-time set-up link to the person, by a secure channel; it works once, for 7 days:\n${result.setupLink}\n`,
        );
      });
    });
  users
    .command('reset-mfa')
    .description("remove a user's second factor (lost phone); they enrol a new one at their next sign-in")
    .requiredOption('--email <address>', 'the account')
    .option('--setup-link', 'also print a new set-up link to choose a new password')
    .action(async (options: { email: string; setupLink?: boolean }) => {
      await withContext(async (ctx) => {
        const service = createUsersService(ctx);
        const user = await service.findByEmail(options.email);
        if (!user) throw new CommandFailed(`no account with the e-mail address ${options.email}`);
        await service.resetMfa(operatorActor(), user.id);
        process.stdout.write(`The second factor of ${user.email} was removed and their sessions ended; they enrol a new one at their next sign-in.\n`);
        if (options.setupLink) process.stdout.write(`New set-up link:\n${await service.newSetupLink(operatorActor(), user.id, appOrigin(ctx.config))}\n`);
      });
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check the hash chain of the audit trail; exit 1 at the first broken entry, naming it')
    .action(async () => {
      await withContext(async (ctx) => {
        const verdict = await verifyAuditChain(ctx.database.db);
        if (!verdict.ok) {
          throw new CommandFailed(
            `the audit chain is broken at entry #${verdict.brokenAt}: ${verdict.problem === 'altered' ? 'its contents were altered' : 'it does not link to the entry before it'} (${verdict.entries} entries checked).`,
          );
        }
        process.stdout.write(`The audit chain is intact: ${verdict.entries} entries verified.\n`);
      });
    });

  registerReportCommand(program);
  registerDemoCommand(program);
  registerInternationalCommand(program);
  registerRetentionCommand(program);
  registerKeysCommand(program);
  registerExchangeCommands(program);
  registerBackupCommands(program);

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof AppError) {
      const detail = error.fields.map((f) => `${f.field}: ${f.code}`).join(', ');
      process.stderr.write(`suoja: refused (${error.code})${detail ? `: ${detail}` : ''}\n`);
      return EXIT.failed;
    }
    if (error instanceof DataDirInUse || error instanceof ConfigError || error instanceof MigrationError || error instanceof MasterKeyError || error instanceof CommandFailed) {
      process.stderr.write(`suoja: ${error.message}\n`);
      return EXIT.failed;
    }
    process.stderr.write(`suoja: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
