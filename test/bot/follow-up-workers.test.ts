import { sql } from 'kysely';
import { createFollowUpFixture, followUpIdOf } from '../../bench/follow-up-fixtures';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { createSharedRateWindows } from '../../bot/proactive/shared-rate-windows';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpRunner } from '../../src/follow-ups/follow-up-scheduler';
import { createFollowUpService, defaultPolicy, type FollowUpMessenger, type FollowUpPolicy } from '../../src/follow-ups/follow-up-service';
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

function serviceOn(handle: { db: DatabaseHandle['db'] }, workerId: string, policy: Partial<FollowUpPolicy> = {}, messenger?: FollowUpMessenger) {
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
  return createFollowUpService({ db: handle.db, clock, workerId, policy, messenger: messenger ?? createFollowUpMessenger(handle.db, transport.proactive) });
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

// One at a time, and as many in flight as the default allows: every reminder a dying worker had
// claimed is in flight when it dies, and all of those (and only those) end up 'uncertain'. More
// reminders than the dying worker may hold, so that some are left for the restarted one.
test.each([
  { label: 'one in flight', sendConcurrency: 1 },
  { label: 'the default in flight', sendConcurrency: defaultPolicy.sendConcurrency },
])('a worker killed mid-send ($label): the restarted one sends the rest; nothing twice, nothing lost', async ({ sendConcurrency }) => {
  const total = Math.max(30, sendConcurrency + 10);
  const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [total], remindersPerPerson: 1, serviceUrl: standIn.serviceUrl, today: TODAY });
  const tenantId = fixture.tenantIds[0]!;

  // Worker A has its own connections, as a separate process would.
  const handleA = connectDatabase(`${db.url}?application_name=worker-a`, 2);
  const workerA = serviceOn(handleA, 'worker-a', { sendConcurrency });
  await workerA.planAll();
  standIn.hold();
  const dying = workerA.dispatchTenant(tenantId).catch((error: unknown) => error);
  await standIn.waitFor(1);
  // Its claim committed before the first send left; everything it claimed is on its way.
  const claimedByA = (await states()).sending!;
  expect(claimedByA).toBeGreaterThanOrEqual(1);
  expect(claimedByA).toBeLessThanOrEqual(sendConcurrency);
  await standIn.waitFor(claimedByA);
  // The process dies while those messages are in flight: its connections are gone for good.
  await handleA.close();
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'worker-a'`.execute(db.db);
  standIn.release();
  expect(await dying).toBeInstanceOf(Error);
  expect(await states()).toMatchObject({ sending: claimedByA, pending: total - claimedByA });

  // Restarted worker B: sends everything still pending; the claimed ones are left alone. A's
  // unanswered sends hold their places in the shared windows only for a bounded time (here
  // shortened): otherwise they would hold them for good and B could never send.
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
  const limiter = createSharedRateWindows(db.db, { flightMs: 1_000 });
  const workerB = serviceOn(db, 'worker-b', {}, createFollowUpMessenger(db.db, transport.proactive, { limiter }));
  await workerB.dispatchTenant(tenantId);
  expect(await states()).toEqual({ sending: claimedByA, sent: total - claimedByA });
  // Ten minutes on, the tick marks them uncertain instead of resending them (at most once).
  clock.set('2026-03-11T09:11:00Z');
  expect(await workerB.reapStale()).toBe(claimedByA);
  clock.set('2026-03-11T09:00:00Z');
  expect(await states()).toEqual({ uncertain: claimedByA, sent: total - claimedByA });

  const ids = deliveredIds();
  expect(ids).toHaveLength(total);
  expect(new Set(ids).size).toBe(total); // the in-flight ones did reach Teams, once
  const uncertain = await db.db.selectFrom('followUp').select('id').where('state', '=', 'uncertain').execute();
  expect(uncertain.every((r) => ids.includes(r.id))).toBe(true);
});

test('with reminders in flight and two dispatchers racing on one tenant, the daily cap stays exact', async () => {
  // 60 owners with three reminders each (due today, due in two days, a week late); ten of them
  // chose 'reduced' (due date and lateness only, one a week). A cap of two a day for the rest.
  const fixture = await createFollowUpFixture(db.db, { peoplePerTenant: [60], remindersPerPerson: 3, serviceUrl: standIn.serviceUrl, today: TODAY });
  const tenantId = fixture.tenantIds[0]!;
  const reduced = fixture.personIds.slice(0, 10);
  await db.db.updateTable('person').set({ reminders: 'reduced' }).where('id', 'in', reduced).execute();
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
  // One process, one messenger (and so one rate limiter), two dispatches of the same tenant.
  const messenger = createFollowUpMessenger(db.db, transport.proactive);
  const policy = { perDay: 2, sendConcurrency: 8 };
  const [w1, w2] = [serviceOn(db, 'w1', policy, messenger), serviceOn(db, 'w2', policy, messenger)];
  expect(await w1.planAll()).toBe(50 * 3 + 10 * 2);
  const results = await Promise.all([w1.dispatchTenant(tenantId), w2.dispatchTenant(tenantId)]);
  expect(results[0]!.sent + results[1]!.sent).toBe(50 * 2 + 10);

  const rows = await db.db.selectFrom('followUp').select(['personId', 'kind', 'state', 'claimedBy']).execute();
  const sentTo = new Map<string, string[]>();
  for (const r of rows.filter((r) => r.state === 'sent')) sentTo.set(r.personId, [...(sentTo.get(r.personId) ?? []), r.kind]);
  for (const personId of fixture.personIds) {
    const kinds = (sentTo.get(personId) ?? []).sort();
    // The most pressing ones first: the due date, then the coming one; lateness waits.
    expect(kinds).toEqual(reduced.includes(personId) ? ['due'] : ['before_due', 'due']);
  }
  expect(rows.filter((r) => r.state === 'pending')).toHaveLength(60);
  expect(new Set(rows.filter((r) => r.state === 'sent').map((r) => r.claimedBy))).toEqual(new Set(['w1', 'w2']));
  const ids = deliveredIds();
  expect(ids).toHaveLength(110);
  expect(new Set(ids).size).toBe(110);
  expect(standIn.violations).toEqual([]);

  // Later the same day nothing more goes out; the next morning the rest does, within the cap.
  clock.set('2026-03-11T15:00:00Z');
  await w1.dispatchTenant(tenantId);
  expect(deliveredIds()).toHaveLength(110);
  clock.set('2026-03-12T09:00:00Z');
  await Promise.all([w1.dispatchTenant(tenantId), w2.dispatchTenant(tenantId)]);
  clock.set('2026-03-11T09:00:00Z');
  // 'reduced' owners had theirs this week already; the others get their late one now.
  expect(deliveredIds()).toHaveLength(160);
  expect(new Set(deliveredIds()).size).toBe(160);
  expect(standIn.violations).toEqual([]);
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
