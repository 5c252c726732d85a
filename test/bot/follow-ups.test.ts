import { sql } from 'kysely';
import { followUpIdOf } from '../../bench/follow-up-fixtures';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { installActivity } from '../support/teams-activities';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * The schedule on the demo municipality with a controlled clock: Wednesday 11 March 2026, 10:00
 * in Brussels. Tom Maes's actions get due dates that make each kind of reminder due.
 */
const WEDNESDAY = '2026-03-11T09:00:00Z'; // 10:00 Brussels (CET)
let t: TestApp;
let standIn: ConnectorStandIn;
let tomId: string;
let tomActions: { id: string; title: string }[];
const clock = manualClock(WEDNESDAY);
const log = (): void => undefined;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await seedDemo(t.db.db, { today: '2026-03-11' });
  standIn = await startConnectorStandIn();
  const tom = { tenantId: demoTenants.beekvliet.id, serviceUrl: standIn.serviceUrl, user: { id: '29:tom-maes', name: 'Tom Maes', aadObjectId: demoUsers.actionOwner } };
  await t.app.inject({ method: 'POST', url: '/api/messages', payload: installActivity(tom, [tom.user]) });
  tomId = (await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});

function service(workerId = 'test-worker') {
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, log);
  return createFollowUpService({ db: t.db.db, clock, messenger: createFollowUpMessenger(t.db.db, transport.proactive), workerId });
}

/** Only Tom's actions get reminders in these tests: everyone else's are closed or undated. */
async function arrange(dueDates: string[], meetingInDays?: number): Promise<void> {
  const db = t.db.db;
  await db.deleteFrom('followUp').execute();
  await db.updateTable('person').set({ reminders: 'normal' }).execute();
  await db.updateTable('action').set({ status: 'done' }).where('ownerId', '<>', tomId).execute();
  const rows = await db.selectFrom('action').select(['id', 'title']).where('ownerId', '=', tomId).orderBy('title').execute();
  tomActions = rows;
  for (const [i, row] of rows.entries()) {
    await db.updateTable('action').set({ dueDate: dueDates[i] ?? null, status: dueDates[i] ? 'in_progress' : 'done' }).where('id', '=', row.id).execute();
  }
  await db.updateTable('meeting').set({ state: 'held' }).execute();
  if (meetingInDays !== undefined) {
    const steering = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.bodyId').select('meeting.id').where('body.kind', '=', 'steering_group').where('meeting.tenantId', '=', demoTenants.beekvliet.id).executeTakeFirstOrThrow();
    const startsAt = new Date(new Date(WEDNESDAY).getTime() + meetingInDays * 86_400_000 + 9 * 3_600_000);
    await db.updateTable('meeting').set({ state: 'planned', startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3_600_000) }).where('id', '=', steering.id).execute();
  }
  standIn.reset();
}

async function rows() {
  return t.db.db.selectFrom('followUp').selectAll().orderBy('priority').execute();
}

async function run(s = service()): Promise<void> {
  await s.planTenant(demoTenants.beekvliet.id);
  await s.dispatchTenant(demoTenants.beekvliet.id);
}

describe('the schedule', () => {
  test('before the due date, on it, weekly when late and before the steering group; at most three a day', async () => {
    clock.set(WEDNESDAY);
    // Beekvliet reminds 3 days ahead: due Friday → reminder; due today; two weeks late; next month → nothing.
    await arrange(['2026-03-13', '2026-03-11', '2026-02-25', '2026-04-30'], 5);
    await run();
    const planned = await rows();
    expect(planned.map((r) => r.occasion).sort()).toEqual(
      ['before_due:2026-03-13', 'due:2026-03-11', 'overdue:2026-02-25:2', 'steering_group:2026-03-16'].sort(),
    );
    // The cap: three went out (due, before the due date, steering group), the weekly nag waits.
    expect(standIn.proactive()).toHaveLength(3);
    expect(planned.filter((r) => r.state === 'sent').map((r) => r.kind).sort()).toEqual(['before_due', 'due', 'steering_group']);
    expect(planned.find((r) => r.kind === 'overdue')!.state).toBe('pending');
    const texts = standIn.proactive().map((a) => JSON.stringify(a.activity));
    expect(texts.some((x) => x.includes('Vandaag is de einddatum'))).toBe(true);
    expect(texts.some((x) => x.includes('De stuurgroep vergadert'))).toBe(true);
    for (const a of standIn.proactive()) expect(a.conversationId).toBe('a:personal-29:tom-maes');

    // Running again the same day sends nothing new: every occasion is in the sent log once.
    await run();
    expect(standIn.proactive()).toHaveLength(3);

    // Thursday: the late one goes out; nothing is repeated.
    clock.set('2026-03-12T09:00:00Z');
    await run();
    expect(standIn.proactive()).toHaveLength(4);
    const ids = standIn.proactive().map((a) => followUpIdOf(a.activity));
    expect(new Set(ids).size).toBe(4);
  });

  test('nothing at night or at the weekend: deferred to the next working morning', async () => {
    clock.set('2026-03-14T09:00:00Z'); // Saturday 10:00
    await arrange(['2026-03-14']);
    await run();
    expect(standIn.proactive()).toHaveLength(0);
    const [row] = await rows();
    expect(row!.notBefore.toISOString()).toBe('2026-03-16T07:00:00.000Z'); // Monday 08:00 Brussels
    clock.set('2026-03-16T06:59:00Z');
    await run();
    expect(standIn.proactive()).toHaveLength(0);
    clock.set('2026-03-16T07:00:00Z');
    await run();
    expect(standIn.proactive()).toHaveLength(1);
    expect(JSON.stringify(standIn.proactive()[0]!.activity)).toMatch(/De einddatum van deze actie was 14 maart 2026/);

    // Evening: 18:30 on a weekday waits for 08:00 the next day.
    clock.set('2026-03-17T17:30:00Z');
    await arrange(['2026-03-17']);
    await run();
    expect(standIn.proactive()).toHaveLength(0);
    expect((await rows())[0]!.notBefore.toISOString()).toBe('2026-03-18T07:00:00.000Z');
  });

  test('a person can turn reminders down or off', async () => {
    clock.set(WEDNESDAY);
    await arrange(['2026-03-13', '2026-03-11', '2026-02-25'], 5);
    await t.db.db.updateTable('person').set({ reminders: 'off' }).where('id', '=', tomId).execute();
    await run();
    expect(await rows()).toHaveLength(0);
    expect(standIn.proactive()).toHaveLength(0);

    // 'reduced': only the due date and lateness, and at most one message a week.
    await t.db.db.updateTable('person').set({ reminders: 'reduced' }).where('id', '=', tomId).execute();
    await run();
    expect((await rows()).map((r) => r.kind).sort()).toEqual(['due', 'overdue']);
    expect(standIn.proactive()).toHaveLength(1);
    clock.set('2026-03-16T09:00:00Z'); // five days later: still within the week
    await run();
    expect(standIn.proactive()).toHaveLength(1);

    // Turned off after planning: what was still pending is dropped, not sent.
    await t.db.db.updateTable('person').set({ reminders: 'off' }).where('id', '=', tomId).execute();
    clock.set('2026-03-19T09:00:00Z');
    await run();
    expect(standIn.proactive()).toHaveLength(1);
    expect((await rows()).find((r) => r.state === 'skipped')?.detail).toBe('reminders off');
  });

  test('a reminder for an action closed in the meantime is not sent', async () => {
    clock.set('2026-03-14T09:00:00Z');
    await arrange(['2026-03-16']);
    await run(); // planned on Saturday for Monday
    await t.db.db.updateTable('action').set({ status: 'done' }).where('id', '=', tomActions[0]!.id).execute();
    clock.set('2026-03-16T08:00:00Z');
    await run();
    expect(standIn.proactive()).toHaveLength(0);
    expect((await rows())[0]).toMatchObject({ state: 'skipped', detail: 'action done' });
  });
});

describe('sending', () => {
  test('429 with Retry-After is honoured and the message arrives once; a 500 is never resent', async () => {
    clock.set(WEDNESDAY);
    await arrange(['2026-03-11', '2026-03-13']);
    standIn.failNext(2, 429, 1);
    await run();
    expect(standIn.proactive()).toHaveLength(2);
    expect(standIn.requests()).toBe(4);
    expect((await rows()).every((r) => r.state === 'sent')).toBe(true);

    await arrange(['2026-03-11']);
    standIn.failNext(1, 500);
    await run();
    // One request only: the SDK's own retry is off, so a maybe-delivered message is not repeated.
    expect(standIn.requests()).toBe(1);
    expect((await rows())[0]).toMatchObject({ state: 'uncertain' });
  });

  test('a person unknown to Teams is skipped, not lost silently', async () => {
    clock.set(WEDNESDAY);
    await arrange(['2026-03-11']);
    await t.db.db.updateTable('botUser').set({ personId: null }).where('personId', '=', tomId).execute();
    await run();
    expect((await rows())[0]).toMatchObject({ state: 'skipped', detail: 'no Teams account linked to this person' });
    await t.db.db.updateTable('botUser').set({ personId: tomId }).where('aadObjectId', '=', demoUsers.actionOwner).execute();
  });

  test('without a personal chat yet, the bot opens one (POST /v3/conversations) and remembers it', async () => {
    clock.set(WEDNESDAY);
    await arrange(['2026-03-11']);
    await t.db.db.updateTable('botUser').set({ personalConversationId: null }).where('aadObjectId', '=', demoUsers.actionOwner).execute();
    await run();
    expect(standIn.created).toEqual([{ tenantId: demoTenants.beekvliet.id, memberId: '29:tom-maes', conversationId: 'a:personal-29:tom-maes' }]);
    expect(standIn.proactive()).toHaveLength(1);
    const user = await t.db.db.selectFrom('botUser').select('personalConversationId').where('aadObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
    expect(user.personalConversationId).toBe('a:personal-29:tom-maes');
  });

  test('the sent log holds one row per person, subject and occasion', async () => {
    const constraint = await sql<{ def: string }>`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'follow_up_tenant_id_person_id_subject_id_occasion_key'`.execute(t.db.db);
    expect(constraint.rows[0]?.def).toBe('UNIQUE (tenant_id, person_id, subject_id, occasion)');
  });
});
