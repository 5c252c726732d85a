import { botPlugin } from '../bot/register-bot';
import { startFollowUps } from '../bot/proactive/start-follow-ups';
import { withDevTokenSecret } from '../src/auth/dev-secret';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/bootstrap';
import { manualClock } from '../src/follow-ups/clock';
import { buildServer } from '../src/http/server';

/*
 * One server instance for `npm run bench:reliability`: composed as src/main.ts composes it
 * (config from the environment, migrations, the API with the bot, the scheduled follow-ups),
 * except that the follow-ups run on a fixed clock (a weekday morning in Brussels, inside the
 * send window whatever the hour of the run) and start a dispatch at once instead of at the next
 * cron minute. Started and killed by bench/reliability.ts.
 */
async function main(): Promise<void> {
  const config = withDevTokenSecret(loadConfig());
  const log = (line: string): void => console.log(`[instance ${config.port}] ${line}`);
  const t0 = Date.now();
  const database = await openDatabase(config, log);
  log(`database open after ${Date.now() - t0} ms`);
  const server = await buildServer({ config, db: database.db, plugins: [botPlugin] });
  await server.app.listen({ port: config.port, host: config.host });
  const clock = manualClock(process.env.BENCH_CLOCK ?? '2026-03-11T09:00:00Z');
  const followUps = await startFollowUps({ config, db: database.db, connectionString: database.connection, clock, log: (m, e) => log(e ? `${m}: ${String(e)}` : m) });
  await followUps.trigger();
  process.once('SIGTERM', () => {
    void (async () => {
      await server.app.close().catch(() => undefined);
      await followUps.stop().catch(() => undefined);
      await database.close().catch(() => undefined);
      process.exit(0);
    })();
  });
  log(`ready after ${Date.now() - t0} ms`);
}

main().catch((error: unknown) => {
  console.error('reliability instance failed to start:', error);
  process.exit(1);
});
