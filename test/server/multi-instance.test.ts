import type { AddressInfo } from 'node:net';
import { createFollowUpFixture, followUpIdOf } from '../../bench/follow-up-fixtures';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { signDevToken } from '../../src/auth/token-verifier';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpRunner, prepareFollowUpSchema } from '../../src/follow-ups/follow-up-scheduler';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import type { BuiltServer } from '../../src/http/server';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { startPgBouncer, type PgBouncer } from '../support/pgbouncer';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy';
import { buildServer } from '../support/server';
import { testConfig } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * The production shape on one machine: two server instances, each with its own pool, on one
 * database reached through PgBouncer in transaction mode, behind a round-robin proxy. Each
 * instance caches plans in its own memory; the cache is keyed by each domain's revision in the
 * database (plan_domain_revision), so a write on one instance is seen on the other at the next read.
 */
interface Instance {
  url: string;
  handle: DatabaseHandle;
  server: BuiltServer;
}

let upstream: TestDatabase;
let bouncer: PgBouncer;
let instances: Instance[];
let proxy: RoundRobinProxy;
let standIn: ConnectorStandIn;
let token: string;
let trajectoryId: string;
let preparedStatements: boolean;
const log = (): void => undefined;

beforeAll(async () => {
  upstream = await createTestDatabase(2);
  await seedDemo(upstream.db);
  standIn = await startConnectorStandIn();
  bouncer = await startPgBouncer({ upstreamUrl: upstream.url, poolSize: 6 });
  preparedStatements = bouncer.maxPreparedStatements > 0;
  const config = testConfig({ DATABASE_PREPARED_STATEMENTS: String(preparedStatements) });
  instances = [];
  for (let i = 0; i < 2; i++) {
    const handle = connectDatabase(bouncer.urlFor(upstream.url), 8, undefined, { preparedStatements });
    const server = await buildServer({ config, db: handle.db, logger: false });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    instances.push({ url: `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`, handle, server });
  }
  proxy = await startRoundRobinProxy(instances.map((i) => i.url));
  token = await signDevToken(config, { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' });
  const me = (await (await fetch(`${proxy.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { trajectories: { id: string }[] };
  trajectoryId = me.trajectories[0]!.id;
});
afterAll(async () => {
  await proxy.close();
  for (const i of instances) {
    await i.server.app.close();
    await i.handle.close();
  }
  await bouncer.stop();
  await standIn.close();
  await upstream.close();
});

const api = (base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
  fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });

type PlanBody = { domains: { strategicObjectives: { operationalObjectives: { actions: { id: string; status: string; title: string }[] }[] }[] }[] };
const actionsOf = (plan: PlanBody) => plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions)));

test('a write on instance A is read on instance B at once: B does not serve its cached plan (nor a 304 for the old ETag)', async () => {
  const [a, b] = instances as [Instance, Instance];
  const planPath = `/api/v1/trajectories/${trajectoryId}/plan`;
  // Both instances cache the same plan, under the same ETag (it names the database revision).
  const first = await Promise.all([api(a.url, planPath), api(b.url, planPath)]);
  const etags = first.map((r) => r.headers.get('etag'));
  expect(etags[0]).toBeTruthy();
  expect(etags[1]).toBe(etags[0]);
  const action = actionsOf((await first[1]!.json()) as PlanBody).find((x) => x.status !== 'done')!;
  expect((await api(b.url, planPath, { headers: { 'if-none-match': etags[0]! } })).status).toBe(304);

  const write = await api(a.url, `/api/v1/actions/${action.id}`, { method: 'PATCH', body: { title: `${action.title} (via A)` } });
  expect(write.status).toBe(200);

  const onB = await api(b.url, planPath, { headers: { 'if-none-match': etags[0]! } });
  expect(onB.status).toBe(200);
  expect(actionsOf((await onB.json()) as PlanBody).find((x) => x.id === action.id)?.title).toBe(`${action.title} (via A)`);
  const onA = await api(a.url, planPath);
  expect(onA.headers.get('etag')).toBe(onB.headers.get('etag'));
  expect(onB.headers.get('etag')).not.toBe(etags[0]);
});

test('through the proxy, every write is read back on the other instance', async () => {
  const planPath = `/api/v1/trajectories/${trajectoryId}/plan`;
  const plan = (await (await api(proxy.url, planPath)).json()) as PlanBody;
  const targets = actionsOf(plan).slice(0, 10);
  const handedBefore = [...proxy.handed];
  for (const [i, action] of targets.entries()) {
    const title = `Ronde ${i}: ${action.title}`.slice(0, 200);
    // Round robin: the write goes to one instance, the read right after it to the other.
    expect((await api(proxy.url, `/api/v1/actions/${action.id}`, { method: 'PATCH', body: { title } })).status).toBe(200);
    const read = (await (await api(proxy.url, planPath)).json()) as PlanBody;
    expect(actionsOf(read).find((x) => x.id === action.id)?.title).toBe(title);
  }
  // Both instances took half of the 20 requests.
  expect(proxy.handed.map((n, i) => n - handedBefore[i]!)).toEqual([10, 10]);
});

test('with the follow-up dispatch running on both instances, each reminder is sent once', async () => {
  const clock = manualClock('2026-03-11T09:00:00Z');
  const fixture = await createFollowUpFixture(upstream.db, { peoplePerTenant: [12, 12, 12, 12], remindersPerPerson: [1, 2, 3], serviceUrl: standIn.serviceUrl, today: '2026-03-11' });
  const url = bouncer.urlFor(upstream.url);
  await prepareFollowUpSchema(url);
  const runners = instances.map((instance, i) => {
    const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
    const service = createFollowUpService({ db: instance.handle.db, clock, workerId: `instance-${i}`, messenger: createFollowUpMessenger(instance.handle.db, transport.proactive) });
    return createFollowUpRunner({ connectionString: url, service, log, concurrency: 2, pollingIntervalSeconds: 0.5 });
  });
  try {
    for (const runner of runners) await runner.start();
    // Both instances' ticks fire (the singleton queue lets one plan at a time).
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
  const states = await upstream.db.selectFrom('followUp').select('state').distinct().where('tenantId', 'in', fixture.tenantIds).execute();
  expect(states.map((s) => s.state)).toEqual(['sent']);
}, 60_000);
