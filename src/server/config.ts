import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles.js';

export class ConfigError extends Error {}

/** Everything the server and the `suoja` command read from the environment, parsed once. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  SUOJA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SUOJA_PUBLIC_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  SUOJA_MASTER_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  SUOJA_KEY_FILE: z.string().optional().or(z.literal('').transform(() => undefined)),
  SUOJA_OIDC_ISSUER: z.url().optional().or(z.literal('').transform(() => undefined)),
  SUOJA_OIDC_CLIENT_ID: z.string().optional(),
  SUOJA_OIDC_CLIENT_SECRET: z.string().optional(),
  SUOJA_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  SUOJA_OIDC_GROUP_MAP: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().optional(),
});

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | null } // null: in memory (tests)
  | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** The origin browsers use to reach the app; when unset, the request's own host is trusted. */
  publicOrigin: string | null;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /**
   * Where the master key comes from: the base64 value of SUOJA_MASTER_KEY, else a key file
   * outside the data directory (SUOJA_KEY_FILE, default `suoja-master.key` beside it).
   */
  masterKey: { kind: 'env'; base64: string } | { kind: 'file'; path: string };
  /** Single sign-on with the organisation's OpenID Connect provider, when configured. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  /** Provider group → the roles and offices it gives in Suoja. */
  groupMap: Record<string, { roles: Role[]; offices: string[] }>;
}

const GroupMapSchema = z.record(
  z.string().min(1),
  z.strictObject({ roles: z.array(z.enum(ROLES)).default([]), offices: z.array(z.string()).default([]) }),
);

function parseOidc(e: z.infer<typeof EnvSchema>): OidcConfig | null {
  if (!e.SUOJA_OIDC_ISSUER) return null;
  if (!e.SUOJA_OIDC_CLIENT_ID || !e.SUOJA_OIDC_CLIENT_SECRET) {
    throw new ConfigError('Invalid configuration: SUOJA_OIDC_CLIENT_ID and SUOJA_OIDC_CLIENT_SECRET are needed with SUOJA_OIDC_ISSUER');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(e.SUOJA_OIDC_GROUP_MAP ?? '{}');
  } catch {
    throw new ConfigError('Invalid configuration: SUOJA_OIDC_GROUP_MAP is not valid JSON');
  }
  const map = GroupMapSchema.safeParse(raw);
  if (!map.success) throw new ConfigError(`Invalid configuration: SUOJA_OIDC_GROUP_MAP: ${map.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { issuer: e.SUOJA_OIDC_ISSUER, clientId: e.SUOJA_OIDC_CLIENT_ID, clientSecret: e.SUOJA_OIDC_CLIENT_SECRET, groupsClaim: e.SUOJA_OIDC_GROUPS_CLAIM, groupMap: map.data };
}


export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.SUOJA_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    publicOrigin: e.SUOJA_PUBLIC_URL ? new URL(e.SUOJA_PUBLIC_URL).origin : null,
    logLevel: e.LOG_LEVEL,
    masterKey: e.SUOJA_MASTER_KEY
      ? { kind: 'env', base64: e.SUOJA_MASTER_KEY }
      : { kind: 'file', path: path.resolve(e.SUOJA_KEY_FILE ?? path.join(path.dirname(dataDir), 'suoja-master.key')) },
    oidc: parseOidc(e),
  };
}
