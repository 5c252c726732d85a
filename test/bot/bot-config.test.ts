import { ConfigError, loadConfig } from '../../src/config/config';
import { buildServer } from '../../src/http/server';
import { testConfig } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-db';
import { demoTenants } from '../../src/seed/demo-ids';
import { messageActivity } from '../support/teams-activities';

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
