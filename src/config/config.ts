import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    AUTH_MODE: z.enum(['dev', 'entra']).optional(),
    DEV_TOKEN_SECRET: z.string().min(32).default('kansrijk-local-development-signing-key-not-secret'),
    DATABASE_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    ENTRA_CLIENT_ID: z.string().min(1).optional(),
    ENTRA_CLIENT_SECRET: z.string().min(1).optional(),
    ENTRA_APP_ID_URI: z.string().min(1).optional(),
    ENTRA_AUTHORITY: z.url().default('https://login.microsoftonline.com'),
    ENTRA_JWKS_URL: z.url().optional(),
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
    BOT_ID: z.string().min(1).optional(),
    BOT_PASSWORD: z.string().min(1).optional(),
    BOT_TENANT_ID: z.string().min(1).optional(),
    BOT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    SEED_DEMO: bool.optional(),
    JOBS_ENABLED: bool.default(true),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    const authMode = env.AUTH_MODE ?? (production ? 'entra' : 'dev');
    if (production && authMode === 'dev') {
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'dev sign-in is refused when NODE_ENV=production; use AUTH_MODE=entra' });
    }
    if (authMode === 'entra') {
      for (const key of ['ENTRA_CLIENT_ID', 'ENTRA_APP_ID_URI'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when AUTH_MODE=entra' });
      }
    }
    if (production) {
      for (const key of ['BOT_ID', 'BOT_TENANT_ID', 'DATABASE_URL', 'PUBLIC_URL'] as const) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when NODE_ENV=production' });
      }
      if (env.BOT_APP_TYPE === 'SingleTenant' && !env.BOT_PASSWORD) {
        ctx.addIssue({ code: 'custom', path: ['BOT_PASSWORD'], message: 'required for BOT_APP_TYPE=SingleTenant in production' });
      }
    }
  });

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string | undefined;
  logLevel: string;
  auth: Readonly<{
    mode: 'dev' | 'entra';
    devTokenSecret: string;
    clientId: string | undefined;
    clientSecret: string | undefined;
    appIdUri: string | undefined;
    authority: string;
    jwksUrl: string | undefined;
  }>;
  database: Readonly<{ url: string | undefined; dataDir: string; embeddedPort: number; poolSize: number }>;
  graphBaseUrl: string;
  bot: Readonly<{ appId: string | undefined; password: string | undefined; tenantId: string | undefined; appType: 'SingleTenant' | 'UserAssignedMSI' }>;
  seedDemo: boolean;
  jobsEnabled: boolean;
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

/** Reads and validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
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
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    auth: {
      mode: e.AUTH_MODE ?? (production ? 'entra' : 'dev'),
      devTokenSecret: e.DEV_TOKEN_SECRET,
      clientId: e.ENTRA_CLIENT_ID,
      clientSecret: e.ENTRA_CLIENT_SECRET,
      appIdUri: e.ENTRA_APP_ID_URI,
      authority: e.ENTRA_AUTHORITY.replace(/\/$/, ''),
      jwksUrl: e.ENTRA_JWKS_URL,
    },
    database: { url: e.DATABASE_URL, dataDir: path.resolve(e.DATA_DIR), embeddedPort: e.EMBEDDED_PG_PORT, poolSize: e.DB_POOL_SIZE },
    graphBaseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ''),
    bot: { appId: e.BOT_ID, password: e.BOT_PASSWORD, tenantId: e.BOT_TENANT_ID, appType: e.BOT_APP_TYPE },
    seedDemo: e.SEED_DEMO ?? !production,
    jobsEnabled: e.JOBS_ENABLED,
  });
}
