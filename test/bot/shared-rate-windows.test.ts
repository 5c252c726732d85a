import { createFollowUpFixture, followUpIdOf } from '../../bench/follow-up-fixtures';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { inMemoryRateWindows, type RateWindows } from '../../bot/proactive/teams-rate-limits';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * Teams' rate windows live in the database: two instances (each its own pool, transport,
 * messenger and dispatcher) sending for one tenant at once stay together inside the tenant's
 * and each conversation's limits, as the stand-in (which counts like Teams) checks.
 */
jest.setTimeout(60_000);
const TODAY = '2026-03-11';
const clock = manualClock('2026-03-11T09:00:00Z');
const log = (): void => undefined;
let db: TestDatabase;
let standIn: ConnectorStandIn;
let handles: DatabaseHandle[];

beforeEach(async () => {
  db = await createTestDatabase();
  standIn = await startConnectorStandIn();
  handles = [connectDatabase(`${db.url}?application_name=instance-a`, 5), connectDatabase(`${db.url}?application_name=instance-b`, 5)];
});
afterEach(async () => {
  for (const handle of handles) await handle.close();
  await db.close();
  await standIn.close();
});

/** One instance's objects; `limiter` undefined: the default, the database's shared windows. */
function instance(handle: DatabaseHandle, name: string, limiter?: RateWindows) {
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
  const messenger = createFollowUpMessenger(handle.db, transport.proactive, limiter ? { limiter } : {});
  const service = createFollowUpService({ db: handle.db, clock, workerId: name, policy: { sendConcurrency: 16 }, messenger });
  return { messenger, service };
}

const delivered = () => standIn.proactive().map((a) => followUpIdOf(a.activity)!);

test('two dispatchers of one tenant on two instances: together under 50 per second, each reminder once', async () => {
  const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [160], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
  const tenantId = fixture.tenantIds[0]!;
  const [a, b] = [instance(handles[0]!, 'instance-a'), instance(handles[1]!, 'instance-b')];
  await a.service.planAll();
  const started = performance.now();
  const results = await Promise.all([a.service.dispatchTenant(tenantId), b.service.dispatchTenant(tenantId)]);
  const seconds = (performance.now() - started) / 1000;
  expect(results[0]!.sent + results[1]!.sent).toBe(160);
  // Both really sent: otherwise this would test one instance alone.
  expect(results[0]!.sent).toBeGreaterThan(0);
  expect(results[1]!.sent).toBeGreaterThan(0);
  expect(delivered()).toHaveLength(160);
  expect(new Set(delivered()).size).toBe(160);
  expect(standIn.violations).toEqual([]);
  // 160 at 50 a second need at least three full windows after the first.
  expect(seconds).toBeGreaterThan(3);
});

test('two instances bursting into one chat keep 7 per second and 8 per two seconds between them', async () => {
  await createFollowUpFixture(db.db, { peoplePerTenant: [1], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
  const action = await db.db.selectFrom('action').select(['id', 'ownerId', 'trajectoryId', 'tenantId']).executeTakeFirstOrThrow();
  const [a, b] = [instance(handles[0]!, 'instance-a'), instance(handles[1]!, 'instance-b')];
  const burst = (messenger: typeof a.messenger, from: number) =>
    Array.from({ length: 8 }, (_, i) =>
      messenger.deliver({ id: `burst-${from + i}`, tenantId: action.tenantId, trajectoryId: action.trajectoryId, personId: action.ownerId!, kind: 'due', occasion: `due:${TODAY}`, actionId: action.id, meetingId: null, today: TODAY }),
    );
  const outcomes = await Promise.all([...burst(a.messenger, 0), ...burst(b.messenger, 8)]);
  expect(outcomes.map((o) => o.outcome)).toEqual(Array(16).fill('sent'));
  expect(new Set(standIn.proactive().map((x) => x.conversationId)).size).toBe(1);
  expect(new Set(delivered()).size).toBe(16);
  expect(standIn.violations).toEqual([]);
});

test('control: with per-instance windows the same two instances do break the tenant limit', async () => {
  const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [160], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
  const tenantId = fixture.tenantIds[0]!;
  const [a, b] = [instance(handles[0]!, 'instance-a', inMemoryRateWindows()), instance(handles[1]!, 'instance-b', inMemoryRateWindows())];
  await a.service.planAll();
  await Promise.all([a.service.dispatchTenant(tenantId), b.service.dispatchTenant(tenantId)]);
  expect(standIn.violations.filter((v) => v.kind === 'tenant').length).toBeGreaterThan(0);
});
