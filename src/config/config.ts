import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    // Loopback unless the deployment says otherwise, so that `npm start` on a laptop is not on the LAN.
    HOST: z.string().min(1).default('127.0.0.1'),
    TRUST_PROXY: z.string().optional(),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: one readable line per request on a terminal, JSON where a machine reads the logs.
    LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
    // Set by App Service itself; its log stream and Azure Monitor want JSON.
    WEBSITE_SITE_NAME: z.string().optional(),
    // Azure Monitor's connection string; without it no telemetry leaves the process (src/telemetry/).
    APPLICATIONINSIGHTS_CONNECTION_STRING: z
      .string()
      .regex(/(^|;)\s*InstrumentationKey\s*=\s*[^;\s]+/i, 'expected an Application Insights connection string (InstrumentationKey=…;IngestionEndpoint=…)')
      .optional(),
    AUTH_MODE: z.enum(['dev', 'entra']).optional(),
    // Without it, dev mode uses a secret generated per data folder (src/auth/dev-secret.ts).
    DEV_TOKEN_SECRET: z.string().min(32).optional(),
    DATABASE_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    // false behind a pooler in transaction mode that cannot carry named statements (PgBouncer < 1.21, or max_prepared_statements = 0).
    DATABASE_PREPARED_STATEMENTS: bool.default(true),
    // entra: no password anywhere; each new connection presents a managed identity's token (src/db/database-connection.ts).
    DATABASE_AUTH: z.enum(['password', 'entra']).default('password'),
    DATABASE_ENTRA_CLIENT_ID: z.string().min(1).optional(),
    // Migrations run as a role that owns the schema, so the pool serving requests needs no DDL rights.
    DATABASE_MIGRATION_URL: z.url().optional(),
    DATABASE_MIGRATION_ENTRA_CLIENT_ID: z.string().min(1).optional(),
    DATABASE_APP_ROLE: z.string().regex(/^[A-Za-z0-9_.@-]{1,63}$/, 'letters, digits and _ . @ - only, at most 63').optional(),
    DATABASE_APP_ROLE_ENTRA_OBJECT_ID: z.uuid().optional(),
    ENTRA_CLIENT_ID: z.string().min(1).optional(),
    ENTRA_APP_ID_URI: z.string().min(1).optional(),
    ENTRA_AUTHORITY: z.url().default('https://login.microsoftonline.com'),
    ENTRA_JWKS_URL: z.url().optional(),
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
    // Graph is on when an app registration is named; without it mail goes to the local outbox (src/mail/).
    GRAPH_TENANT_ID: z.string().min(1).optional(),
    GRAPH_CLIENT_ID: z.string().min(1).optional(),
    GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
    GRAPH_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
    // The mailbox the app sends scheduled mail from (minutes, reports): limit the app to it with Exchange RBAC.
    GRAPH_MAIL_SENDER: z.string().min(3).optional(),
    GRAPH_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(15_000),
    OUTBOX_DIR: z.string().min(1).optional(),
    AGENDA_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(7),
    BOT_ID: z.string().min(1).optional(),
    BOT_PASSWORD: z.string().min(1).optional(),
    BOT_TENANT_ID: z.string().min(1).optional(),
    BOT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    SEED_DEMO: bool.optional(),
    JOBS_ENABLED: bool.default(true),
    // Far above one person's use and above `npm run bench` (one user, ~1,000 req/s for ~30 s).
    RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(90_000),
    RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(180_000),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    const trust = parseTrustProxy(env.TRUST_PROXY);
    if (typeof trust === 'string') ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY'], message: trust });
    // The per-IP limit catches forged user keys, so one IP must be allowed at least one user's share.
    if (env.RATE_LIMIT_IP_PER_MINUTE < env.RATE_LIMIT_USER_PER_MINUTE) {
      ctx.addIssue({ code: 'custom', path: ['RATE_LIMIT_IP_PER_MINUTE'], message: 'must be at least RATE_LIMIT_USER_PER_MINUTE' });
    }
    const authMode = env.AUTH_MODE ?? (production ? 'entra' : 'dev');
    if (production && authMode === 'dev') {
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'dev sign-in is refused when NODE_ENV=production; use AUTH_MODE=entra' });
    }
    if (authMode === 'entra') {
      for (const key of ['ENTRA_CLIENT_ID', 'ENTRA_APP_ID_URI'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when AUTH_MODE=entra' });
      }
    }
    if (env.GRAPH_CLIENT_ID) {
      if (!env.GRAPH_TENANT_ID) ctx.addIssue({ code: 'custom', path: ['GRAPH_TENANT_ID'], message: 'required when GRAPH_CLIENT_ID is set' });
      if (!env.GRAPH_CLIENT_SECRET && !env.GRAPH_CLIENT_CERTIFICATE_PATH) {
        ctx.addIssue({ code: 'custom', path: ['GRAPH_CLIENT_SECRET'], message: 'GRAPH_CLIENT_SECRET or GRAPH_CLIENT_CERTIFICATE_PATH is required when GRAPH_CLIENT_ID is set' });
      }
      if (!env.GRAPH_MAIL_SENDER) ctx.addIssue({ code: 'custom', path: ['GRAPH_MAIL_SENDER'], message: 'required when GRAPH_CLIENT_ID is set (the mailbox scheduled mail is sent from)' });
    }
    for (const problem of databaseProblems(env)) ctx.addIssue({ code: 'custom', path: [problem.key], message: problem.message });
    if (production) {
      for (const key of ['BOT_ID', 'BOT_TENANT_ID', 'DATABASE_URL', 'PUBLIC_URL'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when NODE_ENV=production' });
      }
      if (env.BOT_APP_TYPE === 'SingleTenant' && !env.BOT_PASSWORD) {
        ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: 'required for BOT_APP_TYPE=SingleTenant in production' });
      }
    }
  });

type DatabaseEnv = {
  DATABASE_URL?: string | undefined;
  DATABASE_AUTH: 'password' | 'entra';
  DATABASE_ENTRA_CLIENT_ID?: string | undefined;
  DATABASE_MIGRATION_URL?: string | undefined;
  DATABASE_MIGRATION_ENTRA_CLIENT_ID?: string | undefined;
  DATABASE_APP_ROLE?: string | undefined;
  DATABASE_APP_ROLE_ENTRA_OBJECT_ID?: string | undefined;
};

function databaseProblems(env: DatabaseEnv): { key: keyof DatabaseEnv; message: string }[] {
  const problems: { key: keyof DatabaseEnv; message: string }[] = [];
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_URL) problems.push({ key: 'DATABASE_MIGRATION_URL', message: 'needs DATABASE_URL (the role the requests use)' });
  if (env.DATABASE_APP_ROLE && !env.DATABASE_MIGRATION_URL) {
    problems.push({ key: 'DATABASE_APP_ROLE', message: 'needs DATABASE_MIGRATION_URL: the migration role grants the app role its rights' });
  }
  if (env.DATABASE_APP_ROLE_ENTRA_OBJECT_ID && !env.DATABASE_APP_ROLE) problems.push({ key: 'DATABASE_APP_ROLE_ENTRA_OBJECT_ID', message: 'needs DATABASE_APP_ROLE' });
  if (env.DATABASE_AUTH !== 'entra') {
    if (env.DATABASE_APP_ROLE_ENTRA_OBJECT_ID) problems.push({ key: 'DATABASE_APP_ROLE_ENTRA_OBJECT_ID', message: 'only with DATABASE_AUTH=entra' });
    return problems;
  }
  if (!env.DATABASE_URL) problems.push({ key: 'DATABASE_URL', message: 'required when DATABASE_AUTH=entra' });
  if (!env.DATABASE_ENTRA_CLIENT_ID) problems.push({ key: 'DATABASE_ENTRA_CLIENT_ID', message: 'required when DATABASE_AUTH=entra: the client id of the managed identity' });
  if (env.DATABASE_MIGRATION_URL && !env.DATABASE_MIGRATION_ENTRA_CLIENT_ID) {
    problems.push({ key: 'DATABASE_MIGRATION_ENTRA_CLIENT_ID', message: 'required with DATABASE_MIGRATION_URL when DATABASE_AUTH=entra' });
  }
  // A token is a bearer credential for the whole tenant's Entra sign-in to PostgreSQL: it may only go to a server whose name the certificate proves.
  for (const key of ['DATABASE_URL', 'DATABASE_MIGRATION_URL'] as const) {
    const url = env[key];
    if (!url) continue;
    const parsed = new URL(url);
    if (parsed.searchParams.get('sslmode') !== 'verify-full') problems.push({ key, message: 'must say sslmode=verify-full when DATABASE_AUTH=entra' });
    if (parsed.password) problems.push({ key, message: 'must not hold a password when DATABASE_AUTH=entra' });
    if (!parsed.username) problems.push({ key, message: 'must name the database role (the managed identity) when DATABASE_AUTH=entra' });
  }
  return problems;
}

/** Fastify's trustProxy: nothing, a number of hops, or the addresses of the proxies. */
export type TrustProxy = false | number | readonly string[];

const proxyNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (proxyNames.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * A hop count or a comma list of proxy addresses/CIDRs; a string result is the problem. `true`
 * is refused on purpose: trusting every hop lets any client choose its own request.ip.
 */
function parseTrustProxy(raw: string | undefined): TrustProxy | string {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value) <= 10 ? Number(value) : 'a hop count must be at most 10';
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) return `expected a hop count or a comma list of IP addresses/CIDRs, not ${bad.join(', ')}`;
  return entries;
}

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  trustProxy: TrustProxy;
  publicUrl: string | undefined;
  logLevel: string;
  logFormat: 'pretty' | 'json';
  /** Azure Monitor; undefined means no telemetry is exported. */
  telemetry: Readonly<{ connectionString: string | undefined }>;
  auth: Readonly<{
    mode: 'dev' | 'entra';
    /** Set in dev mode once withDevTokenSecret (src/auth/dev-secret.ts) has run. */
    devTokenSecret: string | undefined;
    clientId: string | undefined;
    appIdUri: string | undefined;
    authority: string;
    jwksUrl: string | undefined;
  }>;
  database: Readonly<{
    url: string | undefined;
    dataDir: string;
    embeddedPort: number;
    poolSize: number;
    /** Whether hot statements are sent as named (prepared) ones; see src/db/database.ts. */
    preparedStatements: boolean;
    auth: 'password' | 'entra';
    /** The managed identity whose token is the password (DATABASE_AUTH=entra). */
    entraClientId: string | undefined;
    migrationUrl: string | undefined;
    migrationEntraClientId: string | undefined;
    /** The role DATABASE_URL logs in as; the migration role grants it what the app needs after migrating. */
    appRole: string | undefined;
    appRoleEntraObjectId: string | undefined;
  }>;
  graphBaseUrl: string;
  /** Undefined when Graph is not configured: then invitations are .ics and mail lands in the outbox. */
  graph: Readonly<{
    baseUrl: string;
    tenantId: string;
    clientId: string;
    clientSecret: string | undefined;
    certificatePath: string | undefined;
    authority: string;
    mailSender: string;
    timeoutMs: number;
  }> | undefined;
  outboxDir: string;
  agendaDaysBefore: number;
  bot: Readonly<{ appId: string | undefined; password: string | undefined; tenantId: string | undefined; appType: 'SingleTenant' | 'UserAssignedMSI' }>;
  seedDemo: boolean;
  jobsEnabled: boolean;
  rateLimit: Readonly<{ userPerMinute: number; ipPerMinute: number }>;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') deepFreeze(inner as object);
  return Object.freeze(value);
}

/** What the environment variables cannot tell: whether a person reads stdout. */
export interface Runtime {
  stdoutIsTty: boolean;
}

/** Reads and validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, runtime: Runtime = { stdoutIsTty: process.stdout.isTTY === true }): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return deepFreeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    trustProxy: parseTrustProxy(e.TRUST_PROXY) as TrustProxy,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (runtime.stdoutIsTty && !production && !e.WEBSITE_SITE_NAME ? 'pretty' : 'json'),
    telemetry: { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING },
    auth: {
      mode: e.AUTH_MODE ?? (production ? 'entra' : 'dev'),
      devTokenSecret: e.DEV_TOKEN_SECRET,
      clientId: e.ENTRA_CLIENT_ID,
      appIdUri: e.ENTRA_APP_ID_URI,
      authority: e.ENTRA_AUTHORITY.replace(/\/$/, ''),
      jwksUrl: e.ENTRA_JWKS_URL,
    },
    database: {
      url: e.DATABASE_URL,
      dataDir: path.resolve(e.DATA_DIR),
      embeddedPort: e.EMBEDDED_PG_PORT,
      poolSize: e.DB_POOL_SIZE,
      preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
      auth: e.DATABASE_AUTH,
      entraClientId: e.DATABASE_ENTRA_CLIENT_ID,
      migrationUrl: e.DATABASE_MIGRATION_URL,
      migrationEntraClientId: e.DATABASE_MIGRATION_ENTRA_CLIENT_ID,
      appRole: e.DATABASE_APP_ROLE,
      appRoleEntraObjectId: e.DATABASE_APP_ROLE_ENTRA_OBJECT_ID,
    },
    graphBaseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ''),
    graph:
      e.GRAPH_CLIENT_ID && e.GRAPH_TENANT_ID && e.GRAPH_MAIL_SENDER
        ? {
            baseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ''),
            tenantId: e.GRAPH_TENANT_ID,
            clientId: e.GRAPH_CLIENT_ID,
            clientSecret: e.GRAPH_CLIENT_SECRET,
            certificatePath: e.GRAPH_CLIENT_CERTIFICATE_PATH,
            authority: e.ENTRA_AUTHORITY.replace(/\/$/, ''),
            mailSender: e.GRAPH_MAIL_SENDER,
            timeoutMs: e.GRAPH_TIMEOUT_MS,
          }
        : undefined,
    outboxDir: path.resolve(e.OUTBOX_DIR ?? path.join(e.DATA_DIR, 'outbox')),
    agendaDaysBefore: e.AGENDA_DAYS_BEFORE,
    bot: { appId: e.BOT_ID, password: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, appType: e.BOT_APP_TYPE },
    seedDemo: e.SEED_DEMO ?? !production,
    jobsEnabled: e.JOBS_ENABLED,
    rateLimit: { userPerMinute: e.RATE_LIMIT_USER_PER_MINUTE, ipPerMinute: e.RATE_LIMIT_IP_PER_MINUTE },
  });
}
