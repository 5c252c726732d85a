import type { Config } from '../config/config';
import { ensureEntraPrincipal, grantAppRole } from './app-role';
import { connectDatabase, withDatabase, type DatabaseHandle } from './database';
import { configuredConnections, type DatabaseConnection, type TokenSource } from './database-connection';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { prepareFollowUpSchema } from '../follow-ups/follow-up-scheduler';
import { migrateToLatest } from './migrate';

export interface RunningDatabase extends DatabaseHandle {
  connectionString: string;
  /** How the app's role connects (a URL, or settings with a token as password): for pg-boss. */
  connection: DatabaseConnection;
  /** The schema owner's connection when one is configured: for migrations and person:erase. */
  migration: DatabaseConnection | undefined;
  embedded: EmbeddedPostgres | undefined;
}

export interface OpenDatabaseOptions {
  /** Replaces the managed identity's tokens (tests). */
  tokensFor?: (clientId: string) => TokenSource;
  /** Where pgaadauth's functions live; Azure keeps them in `postgres`. */
  principalDatabase?: string;
}

/**
 * Migrates with the schema owner's role when DATABASE_MIGRATION_URL is set, then grants the app's
 * role its rights; without it the app's own connection migrates, as on a laptop.
 */
async function migrate(config: Config, app: DatabaseHandle, migration: DatabaseConnection | undefined, options: OpenDatabaseOptions, log: (line: string) => void): Promise<void> {
  if (!migration) {
    const applied = await migrateToLatest(app.db);
    if (applied.length) log(`database migrations applied: ${applied.join(', ')}`);
    return;
  }
  const owner = connectDatabase(migration, 2);
  try {
    const { appRole, appRoleEntraObjectId, migrationUrl } = config.database;
    if (appRole && appRoleEntraObjectId && migrationUrl) {
      const principalDatabase = options.principalDatabase ?? 'postgres';
      const postgres = connectDatabase(typeof migration === 'string' ? withDatabase(migration, principalDatabase) : { ...migration, database: principalDatabase }, 1);
      try {
        if (await ensureEntraPrincipal(postgres.db, appRole, appRoleEntraObjectId)) log(`database role ${appRole} created for the app's managed identity`);
      } finally {
        await postgres.close();
      }
    }
    const applied = await migrateToLatest(owner.db);
    if (applied.length) log(`database migrations applied by the migration role: ${applied.join(', ')}`);
    await prepareFollowUpSchema(migration);
    if (appRole) await grantAppRole(owner.db, appRole);
  } finally {
    await owner.close();
  }
}

/** DATABASE_URL when set, else the embedded cluster in the data folder; migrated to the latest version. */
export async function openDatabase(config: Config, log: (line: string) => void, options: OpenDatabaseOptions = {}): Promise<RunningDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let connectionString = config.database.url;
  if (!connectionString) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.database.dataDir,
      port: config.database.embeddedPort,
      log: (line) => {
        if (/ready to accept|embedded Postgres|FATAL|PANIC|ERROR/.test(line)) log(line);
      },
    });
    connectionString = embedded.connectionString;
  }
  const connections = configuredConnections(config.database, connectionString, options.tokensFor);
  const handle = connectDatabase(connections.app, config.database.poolSize, undefined, { preparedStatements: config.database.preparedStatements });
  try {
    await migrate(config, handle, connections.migration, options, log);
  } catch (error) {
    await handle.close();
    await embedded?.stop();
    throw error;
  }
  const running = embedded;
  return {
    ...handle,
    connectionString,
    connection: connections.app,
    migration: connections.migration,
    embedded: running,
    close: async () => {
      await handle.close();
      await running?.stop();
    },
  };
}
