import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { ConfigError, loadConfig } from '../../src/config/config';
import { addressKeyOf, userKeyOf } from '../../src/http/rate-limit';
import { buildServer } from '../support/server';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { createTestApp, testConfig, type TestApp, type TokenSubject } from '../support/test-app';

/*
 * The per-user and per-IP limits with tiny numbers, on servers of their own (each server has
 * its own counters), and which address the per-IP limit sees behind (forged) proxies.
 */

let t: TestApp;
const servers: FastifyInstance[] = [];

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await t.close();
});

async function server(env: Record<string, string>): Promise<FastifyInstance> {
  const { app } = await buildServer({ config: testConfig(env), db: t.db.db, logger: false });
  await app.ready();
  servers.push(app);
  return app;
}

type User = keyof typeof demoUsers;
const users: User[] = ['coordinator', 'actionOwner', 'steeringMember'];

async function call(app: FastifyInstance, user: User | TokenSubject | null, remoteAddress: string, extra: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...((extra.headers as Record<string, string> | undefined) ?? {}) };
  if (user) headers.authorization = `Bearer ${await t.token(user)}`;
  return app.inject({ method: 'GET', url: '/api/v1/me', remoteAddress, ...extra, headers });
}

function expectRateLimited(response: LightMyRequestResponse, who: RegExp): void {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const body = response.json<Record<string, unknown>>();
  expect(body).toMatchObject({ status: 429, code: 'rate_limited', title: 'Too many requests', type: expect.stringContaining('rate_limited') });
  expect(String(body.detail)).toMatch(who);
}

describe('rate limits', () => {
  test('one user over the limit gets 429 with Retry-After, from any address; other users are unaffected', async () => {
    const app = await server({ RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_IP_PER_MINUTE: '100' });
    for (let i = 0; i < 3; i++) expect((await call(app, 'coordinator', '10.0.0.1')).statusCode).toBe(200);
    expectRateLimited(await call(app, 'coordinator', '10.0.0.1'), /this user/);
    // The user bucket follows the token, not the address.
    expectRateLimited(await call(app, 'coordinator', '10.0.0.2'), /this user/);
    expect((await call(app, 'actionOwner', '10.0.0.1')).statusCode).toBe(200);
    expect((await call(app, 'steeringMember', '10.0.0.2')).statusCode).toBe(200);
  });

  test('one address over the limit gets 429 whatever tokens it sends; other addresses are unaffected', async () => {
    const app = await server({ RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_IP_PER_MINUTE: '5' });
    for (let i = 0; i < 5; i++) expect((await call(app, users[i % users.length]!, '10.0.0.1')).statusCode).toBe(200);
    expectRateLimited(await call(app, 'steeringMember', '10.0.0.1'), /this address/);
    // A fresh (forged) identity does not get round it, nor does no token at all.
    expectRateLimited(await call(app, { tenantId: demoTenants.beekvliet.id, userId: 'someone-else' }, '10.0.0.1'), /this address/);
    expectRateLimited(await call(app, null, '10.0.0.1'), /this address/);
    expect((await call(app, 'steeringMember', '10.0.0.2')).statusCode).toBe(200);
  });

  test('/dev/token and /api/messages are limited; /healthz is not', async () => {
    const app = await server({ RATE_LIMIT_USER_PER_MINUTE: '2', RATE_LIMIT_IP_PER_MINUTE: '2' });
    const devToken = { method: 'POST' as const, url: '/dev/token', payload: { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte' } };
    expect((await call(app, null, '10.0.1.1', devToken)).statusCode).toBe(200);
    expect((await call(app, null, '10.0.1.1', devToken)).statusCode).toBe(200);
    expectRateLimited(await call(app, null, '10.0.1.1', devToken), /this address/);

    const message = { method: 'POST' as const, url: '/api/messages', payload: { type: 'message' } };
    expect((await call(app, null, '10.0.1.2', message)).statusCode).not.toBe(429);
    expect((await call(app, null, '10.0.1.2', message)).statusCode).not.toBe(429);
    expectRateLimited(await call(app, null, '10.0.1.2', message), /this address/);

    for (let i = 0; i < 5; i++) expect((await call(app, null, '10.0.1.1', { url: '/healthz' })).statusCode).toBe(200);
  });

  test('the defaults leave room for the benchmark: one user, one address, 1,000 requests a second for a minute', () => {
    const { rateLimit } = loadConfig({});
    expect(rateLimit.userPerMinute).toBeGreaterThanOrEqual(60_000);
    expect(rateLimit.ipPerMinute).toBeGreaterThan(rateLimit.userPerMinute);
  });
});

describe('request.ip and proxies', () => {
  const forged = { headers: { 'x-forwarded-for': '203.0.113.7' } };

  test('by default a forged X-Forwarded-For does not change the address the limit counts', async () => {
    const app = await server({ RATE_LIMIT_USER_PER_MINUTE: '2', RATE_LIMIT_IP_PER_MINUTE: '2' });
    expect((await call(app, null, '10.0.2.1')).statusCode).toBe(401);
    expect((await call(app, null, '10.0.2.1')).statusCode).toBe(401);
    for (const xff of ['203.0.113.7', '198.51.100.1, 203.0.113.8', '::1']) {
      expectRateLimited(await call(app, null, '10.0.2.1', { headers: { 'x-forwarded-for': xff } }), /this address/);
    }
  });

  test('TRUST_PROXY=1 takes the address the one proxy in front saw', async () => {
    const app = await server({ RATE_LIMIT_USER_PER_MINUTE: '1', RATE_LIMIT_IP_PER_MINUTE: '1', TRUST_PROXY: '1' });
    expect((await call(app, null, '10.0.3.1', forged)).statusCode).toBe(401);
    expectRateLimited(await call(app, null, '10.0.3.2', forged), /this address/);
    // Only the nearest hop counts: an address the client wrote before it is not believed.
    expectRateLimited(await call(app, null, '10.0.3.1', { headers: { 'x-forwarded-for': '192.0.2.99, 203.0.113.7' } }), /this address/);
    expect((await call(app, null, '10.0.3.1', { headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(401);
  });

  test('TRUST_PROXY with addresses believes X-Forwarded-For only from those proxies', async () => {
    const app = await server({ RATE_LIMIT_USER_PER_MINUTE: '1', RATE_LIMIT_IP_PER_MINUTE: '1', TRUST_PROXY: '10.0.4.0/24, 10.0.5.5' });
    expect((await call(app, null, '10.0.4.1', forged)).statusCode).toBe(401);
    expectRateLimited(await call(app, null, '10.0.5.5', forged), /this address/);
    // Not a proxy: its own address is counted, whatever it claims.
    expect((await call(app, null, '10.0.6.1', forged)).statusCode).toBe(401);
    expectRateLimited(await call(app, null, '10.0.6.1', { headers: { 'x-forwarded-for': '203.0.113.50' } }), /this address/);
  });

  test('TRUST_PROXY and the limits are validated', () => {
    for (const bad of ['true', 'everything', '10.0.0.0/33', '300.1.1.1', '11']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
    }
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.1', 'fd00::/8', 'loopback']);
    expect(() => loadConfig({ RATE_LIMIT_USER_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_USER_PER_MINUTE: 'many' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMIT_USER_PER_MINUTE: '100', RATE_LIMIT_IP_PER_MINUTE: '50' })).toThrow(/RATE_LIMIT_IP_PER_MINUTE/);
  });

  test('npm start listens on loopback unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

describe('bucket keys', () => {
  test('addresses: ports dropped, IPv4-mapped IPv6 as IPv4, IPv6 per /64', () => {
    expect(addressKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKeyOf('203.0.113.7:50123')).toBe('203.0.113.7');
    expect(addressKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKeyOf('2001:db8:1:2:aaaa::1')).toBe(addressKeyOf('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(addressKeyOf('[2001:db8:1:2::1]:443')).toBe(addressKeyOf('2001:db8:1:2::9'));
    expect(addressKeyOf('2001:db8:1:2::1')).not.toBe(addressKeyOf('2001:db8:1:3::1'));
    expect(addressKeyOf('::1')).toBe('0:0:0:0::/64');
  });

  test('users: tenant and object id from the unverified token, nothing from garbage', async () => {
    const token = await t.token('coordinator');
    expect(userKeyOf(`Bearer ${token}`)).toBe(`${demoTenants.beekvliet.id}:${demoUsers.coordinator}`);
    const payload = (claims: unknown) => `Bearer e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.x`;
    expect(userKeyOf(payload({ tid: 'a', oid: 'b' }))).toBe('a:b');
    expect(userKeyOf(payload({ tid: 'a' }))).toBeUndefined();
    expect(userKeyOf(payload({ tid: 'a', oid: 'x'.repeat(101) }))).toBeUndefined();
    expect(userKeyOf(payload({ tid: 1, oid: 'b' }))).toBeUndefined();
    for (const header of [undefined, '', 'Bearer', 'Basic abc', 'Bearer a.b.c', 'Bearer a.!!!.c', `Bearer e30.${'A'.repeat(9000)}.x`]) expect(userKeyOf(header)).toBeUndefined();
  });
});
