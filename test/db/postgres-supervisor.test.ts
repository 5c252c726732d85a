import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres, type PostgresStatus } from '../../src/db/embedded-postgres';
import { migrateToLatest } from '../../src/db/migrate';
import type { BuiltServer } from '../../src/http/server';
import { buildServer } from '../support/server';
import { signDevToken } from '../../src/auth/token-verifier';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { freePort } from '../support/free-port';
import { invokeActivity } from '../support/teams-activities';
import { testConfig } from '../support/test-app';

/*
 * The embedded cluster going away under a running server: a cluster of its own (not the one the
 * other test files share), its postmaster killed or stopped behind the supervisor's back.
 */
jest.setTimeout(90_000);

/** Long enough to look at the outage before the supervisor ends it. */
const BACKOFF = { initialMs: 1500, maxMs: 6000 };

let dataDir: string;
let postgres: EmbeddedPostgres;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-supervisor-'));
  chmodSync(dataDir, 0o755);
  postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), restartBackoff: BACKOFF });
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('select 1 as one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

function runningPid(): number {
  const { state, pid } = postgres.status();
  if (state !== 'running' || !pid) throw new Error(`postgres is ${state}`);
  return pid;
}

describe('the embedded PostgreSQL supervisor', () => {
  test('restarts a killed postmaster and reports the exit and the restart', async () => {
    const before: PostgresStatus = postgres.status();
    expect(before).toMatchObject({ state: 'running', lastExit: null, nextAttemptAt: null });
    const pid = runningPid();

    process.kill(pid, 'SIGKILL');
    await until('the supervisor sees the exit', () => postgres.status().state === 'restarting');
    expect(postgres.status()).toMatchObject({ state: 'restarting', pid: undefined, lastExit: { signal: 'SIGKILL', code: null }, nextAttemptAt: expect.any(String) });

    await until('it runs again', () => postgres.status().state === 'running');
    const after = postgres.status();
    expect(after.restarts).toBe(before.restarts + 1);
    expect(after.pid).not.toBe(pid);
    expect(after.nextAttemptAt).toBeNull();
    expect(await selectOne(postgres.connectionString)).toBe(1);
  });
});

describe('a server whose embedded database goes away', () => {
  let handle: DatabaseHandle;
  let server: BuiltServer;
  let token: string;
  let actionId: string;

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: postgres.connectionString });
    await client.connect();
    await client.query('create database kansrijk');
    await client.end();
    const url = new URL(postgres.connectionString);
    url.pathname = '/kansrijk';
    handle = connectDatabase(url.toString(), 5, 2000);
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    actionId = (await handle.db.selectFrom('action').select('id').where('tenantId', '=', demoTenants.beekvliet.id).executeTakeFirstOrThrow()).id;
    const config = testConfig();
    server = await buildServer({ config, db: handle.db, logger: false, postgresStatus: () => postgres.status() });
    await server.app.ready();
    token = await signDevToken(config, { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte' });
  });
  afterAll(async () => {
    await server?.app.close();
    await handle?.close();
  });

  const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const requests = () => [api('GET', '/api/v1/me'), api('GET', '/api/v1/trajectories'), api('GET', '/dev/users')];
  // A card action in Teams: answered in the response, so nothing goes out to the serviceUrl.
  const cardAction = () =>
    server.app.inject({
      method: 'POST',
      url: '/api/messages',
      payload: invokeActivity({ tenantId: demoTenants.beekvliet.id, serviceUrl: 'http://127.0.0.1:9/', user: { id: '29:lotte', name: 'Lotte', aadObjectId: demoUsers.coordinator } }, 'refreshAction', { actionId }),
    });
  // Who may write is not this test's business; while the database is down any write is a 503 alike.
  const write = () => api('POST', '/api/v1/trajectories', { name: 'Nieuw traject', municipality: 'Beekvliet', periodStart: '2026-01-01', periodEnd: '2031-12-31' });

  test('answers 503 problem+json with Retry-After (API, dev routes, bot card actions; /healthz 503) while it is down, and 2xx again once the supervisor has it back', async () => {
    for (const res of await Promise.all([...requests(), cardAction()])) expect(res.statusCode).toBeLessThan(300);
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok', postgres: { state: 'running' } });
    const restarts = postgres.status().restarts;

    // A fast shutdown nobody asked the supervisor for: backends end their sessions (57P01), then the postmaster exits.
    process.kill(runningPid(), 'SIGINT');
    await until('the supervisor sees the exit', () => postgres.status().state === 'restarting');

    for (const res of await Promise.all([...requests(), write(), cardAction()])) {
      expect({ status: res.statusCode, type: res.headers['content-type'] }).toEqual({ status: 503, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.json<{ title: string }>().title).toBe('Service unavailable');
    }
    const health = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', postgres: { state: 'restarting', lastExit: { code: 0 } } });
    // All of this happened within the outage, not after the restart.
    expect(postgres.status().state).toBe('restarting');

    await until('/healthz is ok again', async () => (await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode === 200);
    expect(postgres.status().restarts).toBe(restarts + 1);
    // The same app and pool: pg opens new connections by itself.
    for (const res of await Promise.all([...requests(), cardAction()])) expect(res.statusCode).toBeLessThan(300);
  });

  test('after stopSupervising an exit is not restarted, as during a clean shutdown', async () => {
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-supervisor-'));
    chmodSync(otherDir, 0o755);
    const other = await startEmbeddedPostgres({ dataDir: otherDir, port: await freePort(), restartBackoff: { initialMs: 100, maxMs: 100 } });
    const { pid } = other.status();
    other.stopSupervising();
    process.kill(pid!, 'SIGINT');
    await new Promise((r) => setTimeout(r, 800));
    expect(other.status()).toMatchObject({ restarts: 0, lastExit: null });
    await expect(selectOne(other.connectionString)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await other.stop();
    expect(other.status().state).toBe('stopped');
    rmSync(otherDir, { recursive: true, force: true });
  });
});
