import { Command, CommanderError } from 'commander';
import { loadConfig, ConfigError } from './config.js';
import { connectDatabase } from './db/connect.js';
import { migrateToLatest, MigrationError } from './db/migrate.js';
import { startServer } from './server.js';
import { VERSION } from './version.js';

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
    if (error instanceof ConfigError || error instanceof MigrationError) {
      process.stderr.write(`suoja: ${error.message}\n`);
      return EXIT.failed;
    }
    process.stderr.write(`suoja: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}
