import { ConfigError, loadConfig, type Config } from '../config/config';
import { openDatabase, type RunningDatabase } from '../db/bootstrap';

/** Runs a command-line task against the configured database (embedded or DATABASE_URL). */
export async function withDatabase(task: (database: RunningDatabase, config: Config) => Promise<void>): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  // Progress on standard error, so that standard output carries only the command's result (person:export's JSON).
  const database = await openDatabase(config, (line) => console.error(line));
  try {
    await task(database, config);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
