import type pg from 'pg';
import type { Config } from '../config/config';

/**
 * What a pg pool needs to reach the database: a URL that carries its own credentials, or pool
 * settings whose password is asked for each new connection (an Entra token, valid about an hour).
 */
export type DatabaseConnection = string | Readonly<pg.PoolConfig>;

export type TokenSource = () => Promise<string>;

/** The resource Azure Database for PostgreSQL accepts Entra tokens for. */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

/**
 * Tokens of a user-assigned managed identity. @azure/identity is loaded on the first call only,
 * so that a server with DATABASE_AUTH=password never touches the instance metadata endpoint.
 */
export function managedIdentityTokens(clientId: string): TokenSource {
  let credential: Promise<{ getToken(scope: string): Promise<{ token: string } | null> }> | undefined;
  return async () => {
    credential ??= import('@azure/identity').then(({ ManagedIdentityCredential }) => new ManagedIdentityCredential({ clientId }));
    const token = await (await credential).getToken(POSTGRES_ENTRA_SCOPE);
    if (!token) throw new Error(`the managed identity ${clientId} returned no token for PostgreSQL`);
    return token.token;
  };
}

/**
 * Pool settings for a URL without a password. pg lets a connection string's (empty) password win
 * over a password function, so the URL is taken apart here rather than passed on. The server's
 * certificate is checked against its host name (sslmode=verify-full, enforced by the config).
 */
export function tokenConnection(url: string, tokens: TokenSource): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    user: decodeURIComponent(parsed.username),
    password: tokens,
    ssl: { rejectUnauthorized: true, servername: parsed.hostname },
  };
}

export interface DatabaseConnections {
  /** The requests' pool and the scheduled follow-ups. */
  app: DatabaseConnection;
  /** The schema owner's, for migrations only; absent when the app's role migrates itself. */
  migration: DatabaseConnection | undefined;
}

/** The connections the configuration describes; tokensFor is replaced in tests. */
export function configuredConnections(
  database: Config['database'],
  embeddedUrl: string | undefined,
  tokensFor: (clientId: string) => TokenSource = managedIdentityTokens,
): DatabaseConnections {
  const url = database.url ?? embeddedUrl;
  if (!url) throw new Error('no database: set DATABASE_URL or let the embedded PostgreSQL start');
  if (database.auth === 'password' || !database.url) return { app: url, migration: database.migrationUrl };
  const app = tokenConnection(database.url, tokensFor(required(database.entraClientId, 'DATABASE_ENTRA_CLIENT_ID')));
  const migration = database.migrationUrl
    ? tokenConnection(database.migrationUrl, tokensFor(required(database.migrationEntraClientId, 'DATABASE_MIGRATION_ENTRA_CLIENT_ID')))
    : undefined;
  return { app, migration };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required when DATABASE_AUTH=entra`);
  return value;
}
