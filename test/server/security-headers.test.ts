import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer } from '../support/server';
import { teamsFrameAncestors } from '../../src/http/security-headers';
import { assertTabsBuilt, TABS_DIR } from '../support/live-server';
import { testConfig } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * Response headers on every kind of answer, the Teams-only framing of the tabs, and the build
 * artefacts that must never be served. The tab folder is a hand-made one that does contain a
 * source map and a Vite manifest, as an old or careless build would.
 */

let db: TestDatabase;
let app: FastifyInstance;
let tabsDir: string;

beforeAll(async () => {
  tabsDir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-tabs-'));
  mkdirSync(path.join(tabsDir, 'assets'));
  mkdirSync(path.join(tabsDir, '.vite'));
  writeFileSync(path.join(tabsDir, 'index.html'), '<!doctype html><title>Kansrijk</title><script type="module" src="/tabs/assets/index.js"></script>');
  writeFileSync(path.join(tabsDir, 'assets', 'index.js'), 'console.log("tab");\n//# sourceMappingURL=index.js.map\n');
  writeFileSync(path.join(tabsDir, 'assets', 'index.js.map'), '{"version":3,"sources":["../src/main.tsx"],"sourcesContent":["secret source"]}');
  writeFileSync(path.join(tabsDir, 'assets', 'index.css.MAP'), '{}');
  writeFileSync(path.join(tabsDir, '.vite', 'manifest.json'), '{"src/main.tsx":{"file":"assets/index.js"}}');
  db = await createTestDatabase(2);
  ({ app } = await buildServer({ config: testConfig(), db: db.db, tabsDir, logger: false }));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await db.close();
  rmSync(tabsDir, { recursive: true, force: true });
});

const get = (url: string): Promise<LightMyRequestResponse> => app.inject({ method: 'GET', url });

function directives(response: LightMyRequestResponse): Map<string, string[]> {
  const header = response.headers['content-security-policy'];
  if (typeof header !== 'string') throw new Error(`no Content-Security-Policy on ${response.statusCode} ${response.body.slice(0, 80)}`);
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('X-Content-Type-Options: nosniff on every response', () => {
  const cases: [string, () => Promise<LightMyRequestResponse>, number][] = [
    ['API JSON', () => get('/api/openapi.json'), 200],
    ['a problem+json error', () => get('/api/v1/me'), 401],
    ['an unknown route', () => get('/nope'), 404],
    ['an unknown file under /tabs/', () => get('/tabs/assets/missing.js'), 404],
    ['a static file', () => get('/tabs/assets/index.js'), 200],
    ['the tab page', () => get('/tabs/index.html'), 200],
    ['the bot endpoint', () => app.inject({ method: 'POST', url: '/api/messages', payload: { type: 'message' } }), -1],
    ['the dev sign-in', () => app.inject({ method: 'POST', url: '/dev/token', payload: {} }), 400],
    ['the legal pages', () => get('/privacy'), 200],
    // Refused by an earlier onRequest hook (request limits), whatever the order of the hooks.
    ['an over-long URL', () => get(`/api/v1/${'x'.repeat(9000)}`), -1],
  ];
  test.each(cases)('%s', async (_name, request, status) => {
    const response = await request();
    if (status !== -1) expect(response.statusCode).toBe(status);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('Content-Security-Policy', () => {
  test('the tab pages may be framed by exactly the Teams and Microsoft 365 hosts Microsoft documents', async () => {
    for (const url of ['/tabs/index.html', '/tabs/assets/index.js']) {
      const response = await get(url);
      const csp = directives(response);
      expect(csp.get('frame-ancestors')).toEqual(["'self'", ...teamsFrameAncestors]);
      expect(csp.get('frame-ancestors')).toEqual(expect.arrayContaining(['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://outlook.office.com']));
      for (const source of csp.get('frame-ancestors')!) expect(source).not.toMatch(/^(\*|https?:|https:\/\/\*)$/);
      // X-Frame-Options cannot list several origins; left out so that it cannot contradict the CSP.
      expect(response.headers['x-frame-options']).toBeUndefined();
    }
  });

  test('the tabs run only their own scripts: no inline or eval, no plugins, no foreign connections', async () => {
    const csp = directives(await get('/tabs/index.html'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    for (const [, values] of csp) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain('*');
    }
  });

  test('everything else is framed by nobody and runs nothing', async () => {
    for (const response of [await get('/api/openapi.json'), await get('/api/v1/me'), await get('/nope'), await get('/privacy')]) {
      const csp = directives(response);
      expect(csp.get('default-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.has('script-src')).toBe(false);
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });
});

describe('build artefacts are not served', () => {
  test.each([
    '/tabs/assets/index.js.map',
    '/tabs/assets/index.css.MAP',
    '/tabs/assets/index.js.map?x=1',
    '/tabs/assets/index%2Ejs%2Emap',
    '/tabs/.vite/manifest.json',
    '/tabs/%2evite/manifest.json',
    '/tabs/assets/../.vite/manifest.json',
    '/tabs/.vite/',
  ])('%s answers 404', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('sourcesContent');
    expect(response.body).not.toContain('src/main.tsx');
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  test('the files beside them still are', async () => {
    expect((await get('/tabs/assets/index.js')).statusCode).toBe(200);
    expect((await get('/tabs/index.html')).statusCode).toBe(200);
  });

  test('the tab build emits neither a source map nor a Vite manifest', () => {
    assertTabsBuilt();
    const files = (readdirSync(TABS_DIR, { recursive: true, withFileTypes: false }) as string[]).map((f) => f.split(path.sep).join('/'));
    expect(files).toContain('index.html');
    expect(files.filter((f) => f.endsWith('.map') || f.split('/').some((segment) => segment.startsWith('.')))).toEqual([]);
  });
});
