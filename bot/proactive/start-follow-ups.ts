import { hostname } from 'node:os';
import type { Config } from '../../src/config/config';
import type { Db } from '../../src/db/database';
import type { DatabaseConnection } from '../../src/db/database-connection';
import { systemClock, type Clock } from '../../src/follow-ups/clock';
import { createFollowUpRunner, type FollowUpRunner } from '../../src/follow-ups/follow-up-scheduler';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import { createBotTransport } from '../transport/bot-framework';
import type { MeetingService } from '../../src/meetings/meeting-service';
import { createFollowUpMessenger } from './follow-up-messenger';
import { createMeetingPosts } from './meeting-posts';
import { createReportPosts } from './report-posts';
import { reportTabUrl } from '../services/report-views';

/** Wires the scheduled follow-ups: Bot Framework transport → messenger → service → pg-boss. */
export async function startFollowUps(deps: {
  config: Config;
  db: Db;
  connectionString: DatabaseConnection;
  log: (message: string, error?: unknown) => void;
  clock?: Clock;
  /** With it, the meetings' timed posts (agenda card, the trusted person's cards) run on the same tick. */
  meetings?: MeetingService;
}): Promise<FollowUpRunner> {
  const transport = createBotTransport(deps.config.bot, deps.log);
  const messenger = createFollowUpMessenger(deps.db, transport.proactive);
  const service = createFollowUpService({ db: deps.db, clock: deps.clock ?? systemClock, messenger, workerId: `${hostname()}:${process.pid}` });
  const posts = deps.meetings ? createMeetingPosts(deps.db, transport.proactive, deps.meetings, { clock: deps.clock ?? systemClock, log: deps.log }) : undefined;
  // The chair's report card before the college meets rides on the same tick (claimed per report).
  const reportPosts = createReportPosts(deps.db, transport.proactive, { clock: deps.clock ?? systemClock, url: reportTabUrl(deps.config.publicUrl), log: deps.log });
  const runner = createFollowUpRunner({
    connectionString: deps.connectionString,
    service,
    log: deps.log,
    alsoOnTick: async () => {
      if (posts) await posts.runDue();
      await reportPosts.runDue();
    },
  });
  await runner.start();
  return runner;
}
