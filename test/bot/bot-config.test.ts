import { MicrosoftAppCredentials } from 'botframework-connector';
import { createBotTransport, PROACTIVE_SEND_TIMEOUT_MS } from '../../bot/transport/bot-framework';
import { IN_FLIGHT_BOUND_MS } from '../../bot/proactive/shared-rate-windows';
import { ConfigError, loadConfig } from '../../src/config/config';
import { buildServer } from '../support/server';
import { testConfig } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { demoTenants } from '../../src/seed/demo-ids';
import { startConnectorStandIn } from '../support/connector-stand-in';
import { messageActivity } from '../support/teams-activities';
import { freePort } from '../support/free-port';

const production = {
  NODE_ENV: 'production',
  AUTH_MODE: 'entra',
  ENTRA_CLIENT_ID: 'c0ffee00-0000-4000-8000-000000000001',
  ENTRA_APP_ID_URI: 'api://kansrijk.example/c0ffee00',
  DATABASE_URL: 'postgres://kansrijk@db.internal/kansrijk',
  PUBLIC_URL: 'https://kansrijk.example',
  BOT_ID: 'b0000000-0000-4000-8000-00000000b07b',
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: demoTenants.beekvliet.id,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const tokenCache = (MicrosoftAppCredentials as unknown as { cache: Map<string, { accessToken: string; expiresOn: Date }> }).cache;

describe('bot configuration', () => {
  test('production refuses to start without the bot app id or tenant', () => {
    expect(problems(production)).toEqual([]);
    const { BOT_ID: _id, ...noId } = production;
    expect(problems(noId).join('\n')).toMatch(/BOT_ID: required when NODE_ENV=production/);
    const { BOT_TENANT_ID: _tenant, ...noTenant } = production;
    expect(problems(noTenant).join('\n')).toMatch(/BOT_TENANT_ID: required when NODE_ENV=production/);
    const { BOT_PASSWORD: _password, ...noPassword } = production;
    expect(problems(noPassword).join('\n')).toMatch(/BOT_PASSWORD/);
    expect(problems({ ...noPassword, BOT_APP_TYPE: 'UserAssignedMSI' })).toEqual([]);
  });

  test('a proactive send that gets no answer is given up as "maybe delivered" once its time is out', async () => {
    const standIn = await startConnectorStandIn();
    try {
      const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, () => undefined, { sendTimeoutMs: 300 });
      const reference = {
        serviceUrl: standIn.serviceUrl,
        channelId: 'msteams',
        conversation: { id: 'a:personal-29:y', conversationType: 'personal', tenantId: demoTenants.beekvliet.id },
        bot: { id: '28:kansrijk-bot', name: 'Kansrijk' },
        user: { id: '29:y' },
      };
      standIn.hold();
      const started = Date.now();
      await expect(transport.proactive.send(reference, { text: 'Herinnering', alert: true })).rejects.toMatchObject({ kind: 'unknown' });
      // Given up well before the rate windows count an unanswered booking as answered.
      expect(Date.now() - started).toBeLessThan(IN_FLIGHT_BOUND_MS);
      expect(standIn.proactive()).toHaveLength(1);
      expect(PROACTIVE_SEND_TIMEOUT_MS).toBeLessThan(IN_FLIGHT_BOUND_MS);
    } finally {
      await standIn.close();
    }
  });

  test('with a bot app id, a reminder goes out with the bot\'s token, and a 5xx is not sent again', async () => {
    const standIn = await startConnectorStandIn();
    try {
      // The token the app would get from Entra for the Bot Framework, put where botbuilder caches
      // it (a private static: no network in tests).
      const scope = 'https://api.botframework.com';
      tokenCache.set(`${production.BOT_ID}${scope}-cache`, { accessToken: 'token-of-the-bot', expiresOn: new Date(Date.now() + 3_600_000) });
      const transport = createBotTransport({ appId: production.BOT_ID, password: production.BOT_PASSWORD, tenantId: production.BOT_TENANT_ID, appType: 'SingleTenant' }, () => undefined);
      const reference = {
        serviceUrl: standIn.serviceUrl,
        channelId: 'msteams',
        conversation: { id: 'a:personal-29:x', conversationType: 'personal', tenantId: demoTenants.beekvliet.id },
        bot: { id: '28:kansrijk-bot', name: 'Kansrijk' },
        user: { id: '29:x' },
      };
      await transport.proactive.send(reference, { text: 'Herinnering', alert: true });
      expect(standIn.proactive()).toHaveLength(1);
      expect(standIn.proactive()[0]!.authorization).toBe('Bearer token-of-the-bot');

      standIn.reset();
      standIn.failNext(1, 500);
      await expect(transport.proactive.send(reference, { text: 'Herinnering', alert: true })).rejects.toMatchObject({ kind: 'unknown', status: 500 });
      expect(standIn.requests()).toBe(1);
    } finally {
      tokenCache.clear();
      await standIn.close();
    }
  });

  test('proactive sends: Teams ids reach the connector intact, an update replaces the message, and failures are told apart', async () => {
    const standIn = await startConnectorStandIn();
    try {
      const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, () => undefined);
      // A channel thread's id, with the characters that must be escaped in the path.
      const conversationId = '19:abc123@thread.tacv2;messageid=1700000000000';
      const reference = {
        serviceUrl: standIn.serviceUrl,
        channelId: 'msteams',
        conversation: { id: conversationId, conversationType: 'channel', tenantId: demoTenants.beekvliet.id },
        bot: { id: '28:kansrijk-bot', name: 'Kansrijk' },
      };
      const { activityId } = await transport.proactive.send(reference, { text: 'Agenda', alert: true });
      expect(standIn.proactive()).toHaveLength(1);
      expect(standIn.proactive()[0]).toMatchObject({ conversationId, activityId, reply: false });
      expect(standIn.proactive()[0]!.activity).toMatchObject({ type: 'message', text: 'Agenda', conversation: { id: conversationId }, from: { id: '28:kansrijk-bot' } });

      await transport.proactive.update(reference, activityId!, { text: 'Agenda (bijgewerkt)' });
      expect(standIn.updates).toEqual([expect.objectContaining({ conversationId, activityId, activity: expect.objectContaining({ text: 'Agenda (bijgewerkt)', id: activityId }) })]);
      await expect(transport.proactive.update(reference, 'activity-unknown', { text: 'x' })).rejects.toMatchObject({ kind: 'rejected', status: 404 });

      standIn.failNext(1, 429, 2);
      await expect(transport.proactive.send(reference, { text: 'x', alert: true })).rejects.toMatchObject({ kind: 'throttled', status: 429, retryAfterMs: 2000 });
      standIn.failNext(1, 403);
      await expect(transport.proactive.send(reference, { text: 'x', alert: true })).rejects.toMatchObject({ kind: 'rejected', status: 403 });

      // Nothing listens there: nothing left this machine, so it may be tried again.
      const closed = { ...reference, serviceUrl: `http://127.0.0.1:${await freePort()}/` };
      await expect(transport.proactive.send(closed, { text: 'x', alert: true })).rejects.toMatchObject({ kind: 'notDelivered' });
    } finally {
      await standIn.close();
    }
  });

  describe('with a bot app id, /api/messages demands a Bot Framework token', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.close());

    test('an activity without a token is rejected with 401; in dev mode (no app id) it is accepted', async () => {
      const activity = messageActivity({ tenantId: demoTenants.beekvliet.id, serviceUrl: 'http://127.0.0.1:9/', user: { id: '29:x', name: 'X' } }, 'hulp');
      const secured = await buildServer({ config: testConfig({ BOT_ID: production.BOT_ID, BOT_PASSWORD: production.BOT_PASSWORD, BOT_TENANT_ID: production.BOT_TENANT_ID }), db: db.db, logger: false });
      const refused = await secured.app.inject({ method: 'POST', url: '/api/messages', payload: activity });
      expect(refused.statusCode).toBe(401);
      await secured.app.close();

      const dev = await buildServer({ config: testConfig(), db: db.db, logger: false });
      // The tenant is not registered in this empty database: accepted, then politely refused by the bot.
      const accepted = await dev.app.inject({ method: 'POST', url: '/api/messages', payload: activity });
      expect(accepted.statusCode).toBe(200);
      await dev.app.close();
    });
  });
});
