import type { Config } from '../config/config';
import { connectDatabase, type DatabaseHandle } from './database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { migrateToLatest } from './migrate';

export interface RunningDatabase extends DatabaseHandle {
  connectionString: string;
  embedded: EmbeddedPostgres | undefined;
}

/** DATABASE_URL when set, else the embedded cluster in the data folder; migrated to the latest version. */
export async function openDatabase(config: Config, log: (line: string) => void): Promise<RunningDatabase> {
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
  const handle = connectDatabase(connectionString, config.database.poolSize);
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length) log(`database migrations applied: ${applied.join(', ')}`);
  } catch (error) {
    await handle.close();
    await embedded?.stop();
    throw error;
  }
  const running = embedded;
  return {
    ...handle,
    connectionString,
    embedded: running,
    close: async () => {
      await handle.close();
      await running?.stop();
    },
  };
}
