import type { FastifyInstance } from 'fastify';
import type { ActionService } from '../src/actions/action-service';
import type { Config } from '../src/config/config';
import type { Db } from '../src/db/database';
import type { ServerPlugin } from '../src/http/server';
import { createKansrijkBot } from './kansrijk-bot';
import { createBotTransport, type BotTransport } from './transport/bot-framework';
import type { BotLogic } from './transport/conversation-reference';
import { registerMessagesEndpoint } from './transport/fastify-endpoint';

export interface RegisterBotDeps {
  config: Config;
  db: Db;
  actions: ActionService;
  tenants: { isRegistered(tenantId: string): Promise<boolean> };
  /** Tests may bring their own transport; by default the Bot Framework one from the config. */
  transport?: BotTransport;
}

/**
 * Mounts the bot on the Kansrijk server at POST /api/messages. With BOT_ID set, every activity
 * must carry a valid Bot Framework token; without it (development, tests, the Agents
 * Playground) activities are accepted unauthenticated. Production refuses to start without
 * BOT_ID and BOT_TENANT_ID (see config).
 */
export function registerBot(app: FastifyInstance, deps: RegisterBotDeps): { transport: BotTransport; logic: BotLogic } {
  const log = (message: string, error?: unknown): void => app.log.error({ err: error }, message);
  const transport = deps.transport ?? createBotTransport(deps.config.bot, log);
  const logic = createKansrijkBot({ db: deps.db, actions: deps.actions, tenants: deps.tenants, log });
  registerMessagesEndpoint(app, transport, logic);
  return { transport, logic };
}

/** The bot as a server plugin: what the composition root (src/main.ts) hands to buildServer. */
export const botPlugin: ServerPlugin = (app, { config, db, services }) => {
  registerBot(app, { config, db, actions: services.actions, tenants: services.tenants });
};
