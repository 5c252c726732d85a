import { createFollowUpFixture, followUpIdOf } from '../../bench/follow-up-fixtures';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { sql } from 'kysely';
import { createSharedRateWindows } from '../../bot/proactive/shared-rate-windows';
import { inMemoryRateWindows, tenantWindows, type RateWindows } from '../../bot/proactive/teams-rate-limits';
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

describe('booking a place ahead of the moment it frees up', () => {
  const keysOf = (tenantId: string) => [{ key: `tenant:${tenantId}`, windows: tenantWindows }];

  test('a full window: the next sends of both instances wait for it, never less than a second after an answer', async () => {
    const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [1], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
    const tenantId = fixture.tenantIds[0]!;
    const [a, b] = [createSharedRateWindows(handles[0]!.db), createSharedRateWindows(handles[1]!.db)];
    const answers = await Promise.all(Array.from({ length: 50 }, () => a.acquire(tenantId, keysOf(tenantId))));
    // Before the answers are written: each window runs from its answer, no earlier than this.
    const answeredAt = performance.now();
    await Promise.all(answers.map((answered) => answered()));
    // Booked at once (the places free up within the look-ahead), each sent when its place is free.
    const next = await Promise.all([b, a, b, a].map(async (windows) => {
      const answered = await windows.acquire(tenantId, keysOf(tenantId));
      const at = performance.now();
      await answered();
      return at;
    }));
    for (const at of next) expect(at - answeredAt).toBeGreaterThanOrEqual(1_000);
    // And about when they may (a generous bound: the machine may be busy).
    expect(Math.max(...next) - answeredAt).toBeLessThan(2_500);
    // Booked ahead: each of the four got its place (a start time) before that place was free.
    const slots = await sql<{ n: number }>`select count(*)::int as n from rate_window_slot where tenant_id = ${tenantId} and starts_ms is not null`.execute(db.db);
    expect(slots.rows[0]!.n).toBe(54);
  });

  test('how many to claim: the instance sending counts its own bookings, one starting after another reads the database', async () => {
    const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [1], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
    const tenantId = fixture.tenantIds[0]!;
    const [a, b] = [createSharedRateWindows(handles[0]!.db), createSharedRateWindows(handles[1]!.db)];
    // A books 45 of the 50 places and has its answers back.
    const answers = await Promise.all(Array.from({ length: 45 }, () => a.acquire(tenantId, keysOf(tenantId))));
    await Promise.all(answers.map((answered) => answered()));
    // Each sees 5 places left now; with a look-ahead past the window's end, all 50.
    expect(await a.room(tenantId, keysOf(tenantId), 50, 1)).toBe(5);
    expect(await b.room(tenantId, keysOf(tenantId), 50, 1)).toBe(5);
    expect(await b.room(tenantId, keysOf(tenantId), 50, 1, 1_100)).toBe(50);
    // Asking for ten, both wait until the window has let enough go (from A's answers on).
    const asked = performance.now();
    expect(await b.room(tenantId, keysOf(tenantId), 50, 10)).toBeGreaterThanOrEqual(10);
    expect(performance.now() - asked).toBeGreaterThanOrEqual(900);
  });

  test("a dead instance's unanswered sends hold their places for a bounded time only", async () => {
    const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [1], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
    const tenantId = fixture.tenantIds[0]!;
    // Instance A books a whole window and dies before any answer.
    const dead = createSharedRateWindows(handles[0]!.db);
    await Promise.all(Array.from({ length: 50 }, () => dead.acquire(tenantId, keysOf(tenantId))));
    const bookedAt = performance.now();
    // Instance B: with the default bound it would wait 15 s; here the bound is one second.
    const live = createSharedRateWindows(handles[1]!.db, { flightMs: 1_000 });
    const answered = await live.acquire(tenantId, keysOf(tenantId));
    await answered();
    // The bound, then the window (the sends count as answered when the bound ran out).
    expect(performance.now() - bookedAt).toBeGreaterThanOrEqual(2_000);
    expect(performance.now() - bookedAt).toBeLessThan(5_000);
  });
});
