import { ConfigError, loadConfig, type Config } from './config/config';
import { openDatabase } from './db/bootstrap';
import { buildServer, type BuiltServer } from './http/server';
import { seedDemo } from './seed/demo-seed';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Kansrijk cannot start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = (line: string): void => console.log(`[kansrijk] ${line}`);
  const database = await openDatabase(config, log);
  let closing = false;
  let server: BuiltServer | undefined;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    log(`${signal} received, stopping`);
    await server?.app.close().catch(() => undefined);
    await database.close().catch((e: unknown) => log(`while stopping the database: ${String(e)}`));
    process.exit(0);
  };
  // Registered before anything slow so that Ctrl-C during start-up still stops Postgres.
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  if (config.seedDemo) {
    const { seeded } = await seedDemo(database.db);
    if (seeded) log('demo data loaded (Gemeente Beekvliet, Gemeente Heidebos)');
  }
  server = await buildServer({ config, db: database.db });
  await server.app.listen({ port: config.port, host: config.host });
  log(`listening on http://127.0.0.1:${config.port} (auth: ${config.auth.mode}, database: ${database.embedded ? 'embedded' : 'DATABASE_URL'})`);
}

main().catch((error: unknown) => {
  console.error('Kansrijk failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
