import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildServer } from './server';
import { seedDemo } from '../../src/seed/demo-seed';
import { createTestDatabase, type TestDatabase } from './test-db';
import { deliveriesIdle, testConfig } from './test-app';

export const TABS_DIR = process.env.KANSRIJK_TABS_OUT ?? path.resolve(__dirname, '../../dist/tabs');

export interface LiveServer {
  /** http://127.0.0.1:<port> */
  url: string;
  db: TestDatabase;
  /** A bearer token as the dev sign-in would give it, for API calls beside the browser. */
  token(user: { tenantId: string; userId: string; name: string }): Promise<string>;
  close(): Promise<void>;
}

/** Fails early and clearly when the tabs were not built: the tests build nothing themselves. */
export function assertTabsBuilt(): void {
  if (!existsSync(path.join(TABS_DIR, 'index.html'))) {
    throw new Error(`${path.join(TABS_DIR, 'index.html')} is missing: run \`npm run build:tabs\` before the end-to-end tests`);
  }
}

/**
 * The real server on a random loopback port, with a fresh seeded database of its own and the
 * built tabs under /tabs/: what a browser test talks to.
 */
export async function startLiveServer(): Promise<LiveServer> {
  assertTabsBuilt();
  const db = await createTestDatabase();
  await seedDemo(db.db);
  const { app, services } = await buildServer({ config: testConfig(), db: db.db, tabsDir: TABS_DIR, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    db,
    async token(user) {
      const response = await fetch(`${url}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
      if (!response.ok) throw new Error(`dev token: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    async close() {
      // Deliveries a page started may still be running: let them end before their pool does.
      await deliveriesIdle(services);
      await app.close();
      await db.close();
    },
  };
}
