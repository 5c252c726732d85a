import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding } from '../../src/plan/plan-encoding';
import { buildServer } from '../support/server';
import { seedDemo } from '../../src/seed/demo-seed';
import { beekvlietTrajectoryId } from '../support/demo';
import { assertTabsBuilt, TABS_DIR } from '../support/live-server';
import { createTestApp, testConfig, type TestApp } from '../support/test-app';

/*
 * Lighter on the wire: JSON compressed when the client asks (the plan from cached bytes), and the
 * built tab assets sent precompressed and cached for a year, their page never.
 */
let t: TestApp;
let tabs: FastifyInstance;
let trajectoryId: string;

beforeAll(async () => {
  assertTabsBuilt();
  t = await createTestApp({ seed: false });
  await seedDemo(t.db.db);
  trajectoryId = await beekvlietTrajectoryId(t);
  ({ app: tabs } = await buildServer({ config: testConfig(), db: t.db.db, tabsDir: TABS_DIR, logger: false }));
  await tabs.ready();
});
afterAll(async () => {
  await tabs.close();
  await t.close();
});

const decode = (encoding: string | undefined, body: Buffer): Buffer =>
  encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;

describe('API answers', () => {
  test.each(['br', 'gzip'])('the plan in %s: the same document, fewer bytes, and the same bytes for a second reader', async (encoding) => {
    const url = `/api/v1/trajectories/${trajectoryId}/plan`;
    const plain = await t.call('coordinator', 'GET', url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const packed = await t.call('coordinator', 'GET', url, undefined, { 'accept-encoding': `${encoding}` });
    expect(packed.headers['content-encoding']).toBe(encoding);
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    expect(packed.headers.etag).toBe(plain.headers.etag);
    expect(JSON.parse(decode(encoding, packed.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const other = await t.call('chair', 'GET', url, undefined, { 'accept-encoding': encoding });
    expect(other.rawPayload.equals(packed.rawPayload)).toBe(true);
  });

  test('other JSON answers are compressed too, and a refusal stays a plain problem', async () => {
    const people = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/people`, undefined, { 'accept-encoding': 'gzip' });
    expect(people.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(people.rawPayload).toString('utf8')).length).toBeGreaterThan(5);
    const outsider = { tenantId: (await t.db.db.selectFrom('tenant').select('id').executeTakeFirstOrThrow()).id, userId: '0d3c0000-0000-4000-8000-00000000b0b0' };
    const refused = await t.call(outsider, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`, undefined, { 'accept-encoding': 'br' });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
  });

  test.each([
    ['br, gzip', 'br'],
    ['gzip;q=1, br;q=0', 'gzip'],
    ['identity', undefined],
    ['*', 'br'],
    ['', undefined],
  ] as const)('Accept-Encoding %j chooses %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('tab assets', () => {
  const assets = () => readdirSync(path.join(TABS_DIR, 'assets')).filter((f) => f.endsWith('.js'));

  test('a hashed script is sent precompressed as built, and cached for a year as immutable', async () => {
    const file = assets()[0]!;
    const res = await tabs.inject({ method: 'GET', url: `/tabs/assets/${file}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.equals(readFileSync(path.join(TABS_DIR, 'assets', `${file}.br`)))).toBe(true);
    expect(brotliDecompressSync(res.rawPayload).equals(readFileSync(path.join(TABS_DIR, 'assets', file)))).toBe(true);
  });

  test('the page that names the assets is revalidated on every load', async () => {
    const res = await tabs.inject({ method: 'GET', url: '/tabs/index.html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
