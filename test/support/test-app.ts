import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { withDevTokenSecret } from '../../src/auth/dev-secret';
import { signDevToken } from '../../src/auth/token-verifier';
import { loadConfig, type Config } from '../../src/config/config';
import type { AppServices } from '../../src/http/server';
import { buildServer } from './server';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { createTestDatabase, type TestDatabase } from './test-db';

export type DemoUser = keyof typeof demoUsers;
export type TokenSubject = { tenantId: string; userId: string; name?: string };

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  config: Config;
  services: AppServices;
  token(user: DemoUser | TokenSubject): Promise<string>;
  /** An authenticated request as a demo user; JSON body in, parsed JSON out. */
  call(user: DemoUser | TokenSubject | null, method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse & { json<T = unknown>(): T }>;
  close(): Promise<void>;
}

// One per test file (jest gives each file its own module registry), so that every config a file
// makes signs and verifies alike, and no test depends on a secret file in the working tree.
const testDevTokenSecret = randomBytes(32).toString('base64url');
// Mail without Graph lands in a folder of this file's own inside the test run's data folder
// (removed by global-teardown), never in the working tree's .data/outbox.
const testOutboxDir = path.join(process.env.KANSRIJK_TEST_DATA_DIR ?? os.tmpdir(), `outbox-${randomBytes(6).toString('hex')}`);

export function testConfig(overrides: Record<string, string> = {}): Config {
  return withDevTokenSecret(
    loadConfig({ NODE_ENV: 'test', AUTH_MODE: 'dev', LOG_LEVEL: 'silent', SEED_DEMO: 'false', JOBS_ENABLED: 'false', DEV_TOKEN_SECRET: testDevTokenSecret, OUTBOX_DIR: testOutboxDir, ...overrides }),
  );
}

/** Resolves once the meeting and report deliveries a request started in the background have ended. */
export async function deliveriesIdle(services: AppServices): Promise<void> {
  await Promise.all([services.meetingDelivery.idle(), services.reports.idle()]);
}

export async function createTestApp(options: { seed?: boolean; config?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  if (options.seed !== false) await seedDemo(db.db);
  const config = testConfig(options.config);
  const { app, services } = await buildServer({ config, db: db.db, logger: false });
  await app.ready();
  const token = async (user: DemoUser | TokenSubject): Promise<string> => {
    if (typeof user === 'string') {
      const tenantId = user.startsWith('heidebos') ? demoTenants.heidebos.id : demoTenants.beekvliet.id;
      return signDevToken(config, { tenantId, userId: demoUsers[user], name: user });
    }
    return signDevToken(config, { tenantId: user.tenantId, userId: user.userId, name: user.name ?? 'Test user' });
  };
  return {
    app,
    db,
    config,
    services,
    token,
    async call(user, method, url, body, headers = {}) {
      const auth = user ? { authorization: `Bearer ${await token(user)}` } : {};
      const response = await app.inject({
        method,
        url,
        headers: { ...auth, ...headers },
        ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
      });
      return response as LightMyRequestResponse & { json<T = unknown>(): T };
    },
    async close() {
      // Deliveries a test started may still be running: let them end before their pool does.
      await deliveriesIdle(services);
      await app.close();
      await db.close();
    },
  };
}
