import pg from 'pg';
import { createFollowUpFixture, followUpIdOf } from '../../bench/follow-up-fixtures';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { createActionService } from '../../src/actions/action-service';
import { connectDatabase, withDatabase, type DatabaseHandle } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpRunner, prepareFollowUpSchema } from '../../src/follow-ups/follow-up-scheduler';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import type { BuiltServer } from '../../src/http/server';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { signDevToken } from '../../src/auth/token-verifier';
import { startConnectorStandIn } from '../support/connector-stand-in';
import { startPgBouncer, type PgBouncer } from '../support/pgbouncer';
import { buildServer } from '../support/server';
import { testConfig } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * The app behind PgBouncer in transaction mode, as Azure Database for PostgreSQL offers it built
 * in: every transaction may run on another server connection, so nothing may rely on session
 * state. What the app does: advisory locks only transaction-scoped (pg_advisory_xact_lock, also
 * Kysely's migration lock and pg-boss's), pg-boss 10 polls (no LISTEN/NOTIFY), and named
 * prepared statements only where the pooler carries them (PgBouncer ≥ 1.21 with
 * max_prepared_statements > 0); elsewhere DATABASE_PREPARED_STATEMENTS=false.
 */
let upstream: TestDatabase;
let bouncer: PgBouncer;
let handle: DatabaseHandle;
let server: BuiltServer;
let preparedStatements: boolean;
const config = (): ReturnType<typeof testConfig> => testConfig({ DATABASE_PREPARED_STATEMENTS: String(preparedStatements) });

beforeAll(async () => {
  upstream = await createTestDatabase(2);
  await seedDemo(upstream.db);
  // Fewer server connections than the app's pool has clients: transactions must share them.
  bouncer = await startPgBouncer({ upstreamUrl: upstream.url, poolSize: 3 });
  // What the installed PgBouncer can carry decides the setting, as it would in a deployment.
  preparedStatements = bouncer.maxPreparedStatements > 0;
  handle = connectDatabase(bouncer.urlFor(upstream.url), 12, undefined, { preparedStatements: config().database.preparedStatements });
  server = await buildServer({ config: config(), db: handle.db, logger: false });
  await server.app.ready();
});
afterAll(async () => {
  await server.app.close();
  await handle.close();
  await bouncer.stop();
  await upstream.close();
});

test('the client connections really go through PgBouncer in transaction mode', async () => {
  const before = (await upstream.db.selectFrom('tenant').select('id').execute()).length;
  expect((await handle.db.selectFrom('tenant').select('id').execute()).length).toBe(before);
  const admin = new pg.Client({ connectionString: bouncer.adminUrl(upstream.url) });
  await admin.connect();
  try {
    const pools = await admin.query<{ database: string; pool_mode: string }>('show pools');
    expect(pools.rows.find((p) => p.database === upstream.name)).toMatchObject({ pool_mode: 'transaction' });
  } finally {
    await admin.end();
  }
});

test('without max_prepared_statements, named statements break in transaction mode (why the switch exists)', async () => {
  const old = await startPgBouncer({ upstreamUrl: upstream.url, poolSize: 1, maxPreparedStatements: 0 });
  const named = connectDatabase(old.urlFor(upstream.url), 2, undefined, { preparedStatements: true });
  try {
    const actions = createActionService(named.db);
    const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
    const { id } = await upstream.db.selectFrom('action').select('id').where('tenantId', '=', coordinator.tenantId).executeTakeFirstOrThrow();
    // Two client connections, one server connection: the second to prepare finds the first's statement there.
    const results = await Promise.allSettled([actions.get(coordinator, id), actions.get(coordinator, id)]);
    const failures = results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { code?: string }).code);
    expect(failures).toContain('42P05');
  } finally {
    await named.close();
    await old.stop();
  }
});

test('reads, writes and the prepared hot path through PgBouncer, 12 clients on 3 server connections', async () => {
  const cfg = config();
  const token = await signDevToken(cfg, { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' });
  const call = (method: 'GET' | 'PATCH', url: string, payload?: unknown) =>
    server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
  const me = (await call('GET', '/api/v1/me')).json<{ trajectories: { id: string }[] }>();
  const trajectoryId = me.trajectories[0]!.id;
  const actionIds = (await upstream.db.selectFrom('action').select('id').where('tenantId', '=', demoTenants.beekvliet.id).where('trajectoryId', '=', trajectoryId).execute()).map((r) => r.id);
  expect(actionIds.length).toBeGreaterThan(10);

  // Writes and reads at once, each on whichever server connection is free.
  const notes = actionIds.slice(0, 12).map((id, i) => ({ id, note: `via PgBouncer ${i}` }));
  const responses = await Promise.all([
    ...notes.map(({ id, note }) => call('PATCH', `/api/v1/actions/${id}`, { status: 'in_progress', progressNote: note })),
    ...Array.from({ length: 6 }, () => call('GET', `/api/v1/trajectories/${trajectoryId}/plan`)),
  ]);
  expect(responses.map((r) => r.statusCode)).toEqual([...notes.map(() => 200), ...Array.from({ length: 6 }, () => 200)]);
  // What got a 2xx is in the database, read past PgBouncer.
  const stored = await upstream.db.selectFrom('action').select(['id', 'status']).where('id', 'in', notes.map((n) => n.id)).execute();
  expect(stored.every((r) => r.status === 'in_progress')).toBe(true);

  // The card actions' statements (marked `prepared`), many at once on every client connection.
  const actions = createActionService(handle.db);
  const coordinator = { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' };
  const read = await Promise.all(Array.from({ length: 60 }, (_, i) => actions.get(coordinator, actionIds[i % actionIds.length]!)));
  expect(read.map((a) => a.id)).toEqual(Array.from({ length: 60 }, (_, i) => actionIds[i % actionIds.length]));
  // Inside transactions too (a transaction keeps its server connection to the end).
  const inTrx = await Promise.all(Array.from({ length: 12 }, (_, i) => handle.db.transaction().execute((trx) => createActionService(trx).get(coordinator, actionIds[i]!))));
  expect(inTrx).toHaveLength(12);
});

test('two instances migrating an empty database through PgBouncer at once: the transaction-scoped lock lets one apply', async () => {
  const name = `${upstream.name}_m`;
  const admin = new pg.Client({ connectionString: process.env.KANSRIJK_TEST_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = withDatabase(bouncer.urlFor(upstream.url), name);
  const instances = [connectDatabase(url, 2), connectDatabase(url, 2)];
  try {
    const applied = await Promise.all(instances.map((i) => migrateToLatest(i.db)));
    const total = applied.flat();
    // Every migration applied once in all, by whichever instance took the lock first.
    expect(new Set(total).size).toBe(total.length);
    expect(total).toContain('0001-policy-model');
    await prepareFollowUpSchema(url);
  } finally {
    for (const i of instances) await i.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}, 60_000);

test('pg-boss through PgBouncer: two runners dispatch every reminder exactly once', async () => {
  const jobsDb = await createTestDatabase(2);
  const standIn = await startConnectorStandIn();
  const url = bouncer.urlFor(jobsDb.url);
  const clock = manualClock('2026-03-11T09:00:00Z');
  const handles = [connectDatabase(url, 4, undefined, { preparedStatements }), connectDatabase(url, 4, undefined, { preparedStatements })];
  const log = (): void => undefined;
  try {
    const fixture = await createFollowUpFixture(jobsDb.db, { peoplePerTenant: [15, 15, 15], remindersPerPerson: [1, 2], serviceUrl: standIn.serviceUrl, today: '2026-03-11' });
    await prepareFollowUpSchema(url);
    const runners = handles.map((h, i) => {
      const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
      const service = createFollowUpService({ db: h.db, clock, workerId: `bouncer-${i}`, messenger: createFollowUpMessenger(h.db, transport.proactive) });
      return createFollowUpRunner({ connectionString: url, service, log, concurrency: 2, pollingIntervalSeconds: 0.5 });
    });
    try {
      for (const runner of runners) await runner.start();
      await Promise.all(runners.map((r) => r.trigger()));
      await standIn.waitFor(fixture.expectedReminders, 40_000);
      await Promise.all(runners.map((r) => r.trigger()));
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      for (const runner of runners) await runner.stop();
    }
    const ids = standIn.proactive().map((a) => followUpIdOf(a.activity));
    expect(ids).toHaveLength(fixture.expectedReminders);
    expect(new Set(ids).size).toBe(fixture.expectedReminders);
    expect(standIn.violations).toEqual([]);
  } finally {
    for (const h of handles) await h.close();
    await standIn.close();
    await jobsDb.close();
  }
}, 60_000);
