// First: the telemetry distro instruments http and pg only if it starts before they are loaded.
import { telemetry } from './telemetry/preload';
import { withDevTokenSecret } from './auth/dev-secret';
import { ConfigError, loadConfig, type Config } from './config/config';
import { openDatabase } from './db/bootstrap';
import { buildServer, type BuiltServer } from './http/server';
import { seedDemo } from './seed/demo-seed';
// The composition root: the only module of src/ that wires bot/ in (eslint.config.mjs enforces it).
import { botPlugin } from '../bot/register-bot';
import { startFollowUps } from '../bot/proactive/start-follow-ups';
import type { FollowUpRunner } from './follow-ups/follow-up-scheduler';

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
  const config = withDevTokenSecret(configOrExit());
  const log = (line: string): void => console.log(`[kansrijk] ${line}`);
  const database = await openDatabase(config, log);
  let closing = false;
  // Filled in as start-up proceeds, so that a signal at any moment stops what has started.
  const running: { server?: BuiltServer; followUps?: FollowUpRunner } = {};
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    // Before anything awaits: the same signal may be stopping Postgres right now, which is no crash to recover from.
    database.embedded?.stopSupervising();
    log(`${signal} received, stopping`);
    await running.server?.app.close().catch(() => undefined);
    // Mail already being sent finishes before the database closes.
    await running.server?.services.meetingDelivery.idle().catch(() => undefined);
    await running.server?.services.reports.idle().catch(() => undefined);
    // Scheduled sends stop before the database they record into.
    await running.followUps?.stop().catch((e: unknown) => log(`while stopping the follow-ups: ${String(e)}`));
    await database.close().catch((e: unknown) => log(`while stopping the database: ${String(e)}`));
    // Last: what the steps above recorded is still sent.
    await telemetry.shutdown().catch((e: unknown) => log(`while flushing telemetry: ${String(e)}`));
    process.exit(0);
  };
  // Registered before anything slow so that Ctrl-C during start-up still stops Postgres.
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  if (config.seedDemo) {
    const { seeded } = await seedDemo(database.db);
    if (seeded) log('demo data loaded (Gemeente Beekvliet, Gemeente Heidebos)');
  }
  const embedded = database.embedded;
  const server = await buildServer({ config, db: database.db, plugins: [botPlugin], ...(embedded ? { postgresStatus: () => embedded.status() } : {}) });
  running.server = server;
  await server.app.listen({ port: config.port, host: config.host });
  // Approved minutes whose delivery a restart interrupted go out now, and are looked after every
  // five minutes (a recipient that failed is retried; nobody gets a second copy).
  const resumeDeliveries = (): void => void server.services.meetingDelivery.resume().catch((e: unknown) => log(`resuming minutes deliveries: ${String(e)}`));
  const resumeReports = (): void => void server.services.reports.resume().catch((e: unknown) => log(`resuming report deliveries: ${String(e)}`));
  if (config.jobsEnabled) {
    resumeDeliveries();
    resumeReports();
    setInterval(() => {
      resumeDeliveries();
      resumeReports();
    }, 5 * 60_000).unref();
  }
  if (config.jobsEnabled && !closing) {
    const followUps = await startFollowUps({ config, db: database.db, connectionString: database.connection, meetings: server.services.meetings, log: (m, e) => log(e ? `${m}: ${String(e)}` : m) });
    // A signal that came while the runner was starting found nothing to stop yet.
    if (closing) await followUps.stop();
    else running.followUps = followUps;
  }
  log(
    `listening on http://127.0.0.1:${config.port} (auth: ${config.auth.mode}, database: ${database.embedded ? 'embedded' : 'DATABASE_URL'}, telemetry: ${telemetry.enabled ? 'Azure Monitor' : 'off'})`,
  );
}

main().catch((error: unknown) => {
  console.error('Kansrijk failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
