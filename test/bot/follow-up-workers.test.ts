import { sql } from 'kysely';
import { createFollowUpFixture, followUpIdOf } from '../../bench/follow-up-fixtures';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpRunner } from '../../src/follow-ups/follow-up-scheduler';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * Many owners, several workers, Teams' limits enforced by the stand-in: every reminder arrives
 * exactly once, none breaks a limit, and a worker that dies mid-send causes neither a duplicate
 * nor a silent loss.
 */
const TODAY = '2026-03-11';
const clock = manualClock('2026-03-11T09:00:00Z');
let db: TestDatabase;
let standIn: ConnectorStandIn;
const log = (): void => undefined;

beforeEach(async () => {
  db = await createTestDatabase();
  standIn = await startConnectorStandIn();
});
afterEach(async () => {
  await db.close();
  await standIn.close();
});

function serviceOn(handle: { db: DatabaseHandle['db'] }, workerId: string) {
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
  return createFollowUpService({ db: handle.db, clock, workerId, messenger: createFollowUpMessenger(handle.db, transport.proactive) });
}

async function states(): Promise<Record<string, number>> {
  const rows = await db.db.selectFrom('followUp').select(['state', sql<number>`count(*)::int`.as('n')]).groupBy('state').execute();
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

function deliveredIds(): string[] {
  return standIn.proactive().map((a) => followUpIdOf(a.activity)!);
}

test('120 reminders to one tenant stay under 50 per second; 12 in one chat under 7 per second', async () => {
  const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [120], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
  const service = serviceOn(db, 'w1');
  await service.planAll();
  await service.dispatchTenant(fixture.tenantIds[0]!);
  expect(standIn.proactive()).toHaveLength(120);
  expect(standIn.violations).toEqual([]);

  // One person, many reminders at once (the daily cap is the dispatcher's; the messenger alone
  // must still keep the per-conversation limits).
  standIn.reset();
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
  const messenger = createFollowUpMessenger(db.db, transport.proactive);
  const action = await db.db.selectFrom('action').select(['id', 'ownerId', 'trajectoryId', 'tenantId']).executeTakeFirstOrThrow();
  const outcomes = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      messenger.deliver({ id: `burst-${i}`, tenantId: action.tenantId, trajectoryId: action.trajectoryId, personId: action.ownerId!, kind: 'due', occasion: `due:${TODAY}`, actionId: action.id, meetingId: null, today: TODAY }),
    ),
  );
  expect(outcomes.every((o) => o.outcome === 'sent')).toBe(true);
  expect(standIn.proactive()).toHaveLength(12);
  expect(new Set(standIn.proactive().map((a) => a.conversationId)).size).toBe(1);
  expect(standIn.violations).toEqual([]);
});

test('a worker killed mid-send: the restarted one sends the rest; nothing twice, nothing lost', async () => {
  const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [30], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
  const tenantId = fixture.tenantIds[0]!;

  // Worker A has its own connections, as a separate process would.
  const handleA = connectDatabase(`${db.url}?application_name=worker-a`, 2);
  const workerA = serviceOn(handleA, 'worker-a');
  await workerA.planAll();
  standIn.hold();
  const dying = workerA.dispatchTenant(tenantId).catch((error: unknown) => error);
  await standIn.waitFor(1);
  // The process dies while its first message is in flight: its connections are gone for good.
  await handleA.close();
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'worker-a'`.execute(db.db);
  standIn.release();
  expect(await dying).toBeInstanceOf(Error);
  expect(await states()).toMatchObject({ sending: 1, pending: 29 });

  // Restarted worker B: sends everything still pending; the claimed one is left alone.
  const workerB = serviceOn(db, 'worker-b');
  await workerB.dispatchTenant(tenantId);
  expect(await states()).toEqual({ sending: 1, sent: 29 });
  // Ten minutes on, the tick marks it uncertain instead of resending it (at most once).
  clock.set('2026-03-11T09:11:00Z');
  expect(await workerB.reapStale()).toBe(1);
  clock.set('2026-03-11T09:00:00Z');
  expect(await states()).toEqual({ uncertain: 1, sent: 29 });

  const ids = deliveredIds();
  expect(ids).toHaveLength(30);
  expect(new Set(ids).size).toBe(30); // the in-flight one did reach Teams, once
});

test('two instances with pg-boss on one database: each reminder exactly once', async () => {
  const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [20, 20, 20, 20, 20], remindersPerPerson: [1, 2, 3], serviceUrl: standIn.serviceUrl, today: TODAY });
  const handles = [connectDatabase(db.url, 5), connectDatabase(db.url, 5)];
  const runners = handles.map((handle, i) =>
    createFollowUpRunner({ connectionString: db.url, service: serviceOn(handle, `instance-${i}`), log, concurrency: 3, pollingIntervalSeconds: 0.5 }),
  );
  try {
    for (const runner of runners) await runner.start();
    await Promise.all(runners.map((r) => r.trigger()));
    await standIn.waitFor(fixture.expectedReminders, 60_000);
    // Both ticks ran (or one did, twice): let any late duplicate show up before counting.
    await Promise.all(runners.map((r) => r.trigger()));
    await new Promise((resolve) => setTimeout(resolve, 3000));
  } finally {
    for (const runner of runners) await runner.stop();
    for (const handle of handles) await handle.close();
  }
  const ids = deliveredIds();
  expect(ids).toHaveLength(fixture.expectedReminders);
  expect(new Set(ids).size).toBe(fixture.expectedReminders);
  expect(await states()).toEqual({ sent: fixture.expectedReminders });
  expect(standIn.violations).toEqual([]);
  const senders = await db.db.selectFrom('followUp').select('claimedBy').distinct().execute();
  expect(senders.length).toBeGreaterThanOrEqual(1);
}, 90_000);
