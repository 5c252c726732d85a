import { hostname } from 'node:os';
import type { Config } from '../../src/config/config';
import type { Db } from '../../src/db/database';
import type { DatabaseConnection } from '../../src/db/database-connection';
import { systemClock, type Clock } from '../../src/follow-ups/clock';
import { createFollowUpRunner, type FollowUpRunner } from '../../src/follow-ups/follow-up-scheduler';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import { createBotTransport } from '../transport/bot-framework';
import { createFollowUpMessenger } from './follow-up-messenger';

/** Wires the scheduled follow-ups: Bot Framework transport → messenger → service → pg-boss. */
export async function startFollowUps(deps: {
  config: Config;
  db: Db;
  connectionString: DatabaseConnection;
  log: (message: string, error?: unknown) => void;
  clock?: Clock;
}): Promise<FollowUpRunner> {
  const transport = createBotTransport(deps.config.bot, deps.log);
  const messenger = createFollowUpMessenger(deps.db, transport.proactive);
  const service = createFollowUpService({ db: deps.db, clock: deps.clock ?? systemClock, messenger, workerId: `${hostname()}:${process.pid}` });
  const runner = createFollowUpRunner({ connectionString: deps.connectionString, service, log: deps.log });
  await runner.start();
  return runner;
}
