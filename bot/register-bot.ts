import type { FastifyInstance } from 'fastify';
import type { ActionService } from '../src/actions/action-service';
import type { Config } from '../src/config/config';
import type { Db } from '../src/db/database';
import type { ServerPlugin } from '../src/http/server';
import type { MeetingEvents, MeetingService } from '../src/meetings/meeting-service';
import { createKansrijkBot } from './kansrijk-bot';
import { createMeetingPosts, type MeetingPosts } from './proactive/meeting-posts';
import { createReportPosts, type ReportPosts } from './proactive/report-posts';
import { reportTabUrl } from './services/report-views';
import type { ReportEvents, ReportService } from '../src/reports/report-service';
import { createBotTransport, type BotTransport } from './transport/bot-framework';
import type { BotLogic } from './transport/conversation-reference';
import { registerMessagesEndpoint } from './transport/fastify-endpoint';

export interface RegisterBotDeps {
  config: Config;
  db: Db;
  actions: ActionService;
  tenants: { isRegistered(tenantId: string): Promise<boolean> };
  meetings: MeetingService;
  /** Where the meetings' committed changes are announced; the bot posts in the channels from there. */
  meetingEvents?: MeetingEvents;
  /** Reports to the college: the chair's and the coordinators' cards follow its events. */
  reports: ReportService;
  reportEvents?: ReportEvents;
  /** Tests may bring their own transport; by default the Bot Framework one from the config. */
  transport?: BotTransport;
}

/**
 * Mounts the bot on the Kansrijk server at POST /api/messages. With BOT_ID set, every activity
 * must carry a valid Bot Framework token; without it (development, tests, the Agents
 * Playground) activities are accepted unauthenticated. Production refuses to start without
 * BOT_ID and BOT_TENANT_ID (see config).
 */
export function registerBot(app: FastifyInstance, deps: RegisterBotDeps): { transport: BotTransport; logic: BotLogic; posts: MeetingPosts; reportPosts: ReportPosts } {
  const log = (message: string, error?: unknown): void => app.log.error({ err: error }, message);
  const transport = deps.transport ?? createBotTransport(deps.config.bot, log);
  // The event-driven posts (final agenda, chair's card, minutes); the timed ones run with the follow-ups (start-follow-ups.ts).
  const posts = createMeetingPosts(deps.db, transport.proactive, deps.meetings, { log });
  deps.meetingEvents?.on((event) => posts.onEvent(event));
  const reportPosts = createReportPosts(deps.db, transport.proactive, { url: reportTabUrl(deps.config.publicUrl), log });
  deps.reportEvents?.on((event) => reportPosts.onEvent(event));
  const logic = createKansrijkBot({ db: deps.db, actions: deps.actions, tenants: deps.tenants, meetings: deps.meetings, posts, reports: deps.reports, reportViews: reportPosts.views, log });
  registerMessagesEndpoint(app, transport, logic);
  return { transport, logic, posts, reportPosts };
}

/** The bot as a server plugin: what the composition root (src/main.ts) hands to buildServer. */
export const botPlugin: ServerPlugin = (app, { config, db, services }) => {
  registerBot(app, { config, db, actions: services.actions, tenants: services.tenants, meetings: services.meetings, meetingEvents: services.meetingEvents, reports: services.reports, reportEvents: services.reportEvents });
};
