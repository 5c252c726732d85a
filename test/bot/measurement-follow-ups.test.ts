import { followUpIdOf } from '../../bench/follow-up-fixtures';
import { MAX_MESSAGE_BYTES } from '../../bot/cards/elements';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { installActivity, invokeActivity } from '../support/teams-activities';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * Measurement plans on the follow-up schedule, with a controlled clock (Wednesday 11 March
 * 2026, 10:00 in Brussels): the measurer gets a card on the due date and weekly while late,
 * enters the value on the card, and the value lands as a measurement that moves the due date on.
 */
const WEDNESDAY = '2026-03-11T09:00:00Z';
let t: TestApp;
let standIn: ConnectorStandIn;
let tomId: string;
let planId: string;
let indicatorId: string;
const clock = manualClock(WEDNESDAY);
const tenantId = demoTenants.beekvliet.id;
const tom = () => ({ tenantId, serviceUrl: standIn.serviceUrl, user: { id: '29:tom-maes', name: 'Tom Maes', aadObjectId: demoUsers.actionOwner } });

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await seedDemo(t.db.db, { today: '2026-03-11' });
  standIn = await startConnectorStandIn();
  await t.app.inject({ method: 'POST', url: '/api/messages', payload: installActivity(tom(), [tom().user]) });
  tomId = (await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow()).id;
  const action = await t.db.db.selectFrom('action').select(['id', 'trajectoryId']).where('ownerId', '=', tomId).where('tenantId', '=', tenantId).orderBy('title').executeTakeFirstOrThrow();
  const indicator = await t.db.db
    .insertInto('indicator')
    .values({ tenantId, trajectoryId: action.trajectoryId, actionId: action.id, kind: 'outcome', name: 'Kinderen die wekelijks komen', unit: 'kinderen', baseline: 4, target: 20 })
    .returning('id')
    .executeTakeFirstOrThrow();
  indicatorId = indicator.id;
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});

function service() {
  const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, () => undefined);
  return createFollowUpService({ db: t.db.db, clock, messenger: createFollowUpMessenger(t.db.db, transport.proactive), workerId: 'measure-worker' });
}

async function run(): Promise<void> {
  const s = service();
  await s.planTenant(tenantId);
  await s.dispatchTenant(tenantId);
}

/** Only this plan can remind anyone: every action is closed, every meeting held, other plans gone. */
async function arrange(lastMeasuredOn: string | null, frequency = 'quarterly', nextDueOn: string | null = null): Promise<void> {
  const db = t.db.db;
  await db.deleteFrom('followUp').execute();
  await db.deleteFrom('measurementPlan').execute();
  await db.deleteFrom('measurement').where('indicatorId', '=', indicatorId).execute();
  await db.updateTable('person').set({ reminders: 'normal' }).execute();
  await db.updateTable('action').set({ status: 'done' }).execute();
  await db.updateTable('meeting').set({ state: 'held' }).execute();
  const indicator = await db.selectFrom('indicator').select('trajectoryId').where('id', '=', indicatorId).executeTakeFirstOrThrow();
  if (lastMeasuredOn) await db.insertInto('measurement').values({ tenantId, trajectoryId: indicator.trajectoryId, indicatorId, measuredOn: lastMeasuredOn, value: 7 }).execute();
  const plan = await db
    .insertInto('measurementPlan')
    .values({ tenantId, trajectoryId: indicator.trajectoryId, indicatorId, measurerId: tomId, frequency, source: 'Aanwezigheidslijst', nextDueOn })
    .returning('id')
    .executeTakeFirstOrThrow();
  planId = plan.id;
  standIn.reset();
}

const rows = () => t.db.db.selectFrom('followUp').selectAll().where('measurementPlanId', 'is not', null).execute();

interface CardJson {
  body: { type: string; id?: string; items?: { text?: string }[] }[];
  actions?: { verb?: string; data?: Record<string, unknown> }[];
}
function cardOf(activity: unknown): CardJson {
  return (activity as { attachments: { content: CardJson }[] }).attachments[0]!.content;
}

describe('measurement reminders', () => {
  test('on the due date the measurer gets a card with the value to enter; once', async () => {
    clock.set(WEDNESDAY);
    await arrange('2025-12-11'); // quarterly: due today
    await run();
    const [row] = await rows();
    expect(row).toMatchObject({ kind: 'due', occasion: 'measurement:due:2026-03-11', personId: tomId, state: 'sent', measurementPlanId: planId, actionId: null });
    expect(standIn.proactive()).toHaveLength(1);
    const sent = standIn.proactive()[0]!;
    expect(sent.conversationId).toBe('a:personal-29:tom-maes');
    const card = cardOf(sent.activity);
    expect(JSON.stringify(card)).toContain('Tijd voor een meting');
    expect(card.body.map((e) => e.id)).toEqual(expect.arrayContaining(['value', 'measuredOn', 'note']));
    expect(card.actions?.[0]).toMatchObject({ verb: 'recordMeasurement', data: { planId } });
    expect(Buffer.byteLength(JSON.stringify(sent.activity))).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(followUpIdOf(sent.activity)).toBe(row!.id);

    await run();
    expect(standIn.proactive()).toHaveLength(1);
  });

  test('not before it is due; weekly while late; a date set by hand wins until it is measured', async () => {
    clock.set(WEDNESDAY);
    await arrange('2026-01-20'); // due 20 April
    await run();
    expect(await rows()).toHaveLength(0);

    await arrange('2025-11-20'); // due 20 February: 19 days late → the second weekly reminder
    await run();
    expect((await rows()).map((r) => [r.kind, r.occasion])).toEqual([['overdue', 'measurement:overdue:2026-02-20:2']]);
    expect(JSON.stringify(standIn.proactive()[0]!.activity)).toContain('stond gepland op 20 februari 2026');

    await arrange('2025-11-20', 'quarterly', '2026-04-01'); // moved by hand to April: nothing now
    await run();
    expect(await rows()).toHaveLength(0);
  });

  test('the value entered on the card lands as a measurement and moves the due date on', async () => {
    clock.set(WEDNESDAY);
    await arrange('2025-12-11');
    await run();
    const invoke = (data: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/messages', payload: invokeActivity(tom(), 'recordMeasurement', { planId, lang: 'nl', ...data }) });

    // Bad input: the card again, with the message by the field, and nothing saved.
    const bad = (await invoke({ value: 'veel', measuredOn: '2026-03-11' })).json<{ value: CardJson }>();
    expect(JSON.stringify(bad.value)).toContain('Vul een getal in');
    expect(await t.db.db.selectFrom('measurement').select('id').where('indicatorId', '=', indicatorId).execute()).toHaveLength(1);

    const answer = (await invoke({ value: '12,5', measuredOn: '2026-03-11', note: 'Na de krokusvakantie' })).json<{ value: CardJson }>();
    expect(JSON.stringify(answer.value)).toContain('Opgeslagen');
    const saved = await t.db.db.selectFrom('measurement').selectAll().where('indicatorId', '=', indicatorId).orderBy('measuredOn', 'desc').executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ value: 12.5, measuredOn: '2026-03-11', note: 'Na de krokusvakantie' });
    const audit = await t.db.db.selectFrom('auditLog').select(['entity', 'operation']).where('entityId', '=', saved.id).execute();
    expect(audit).toEqual([{ entity: 'measurement', operation: 'create' }]);

    // Next quarter, not next week: a week later nothing is asked.
    clock.set('2026-03-18T09:00:00Z');
    await run();
    expect(standIn.proactive()).toHaveLength(1);
    expect(await rows()).toHaveLength(1);
  });

  test('a reminder planned before the value came in is not sent (superseded)', async () => {
    clock.set('2026-03-14T09:00:00Z'); // Saturday: planned for Monday
    await arrange('2025-12-16'); // due Monday 16 March... planned on the day itself
    clock.set('2026-03-16T06:00:00Z'); // Monday 07:00: planned, not yet sent (before 08:00)
    await service().planTenant(tenantId);
    const indicator = await t.db.db.selectFrom('indicator').select('trajectoryId').where('id', '=', indicatorId).executeTakeFirstOrThrow();
    await t.db.db.insertInto('measurement').values({ tenantId, trajectoryId: indicator.trajectoryId, indicatorId, measuredOn: '2026-03-16', value: 9 }).execute();
    clock.set('2026-03-16T08:00:00Z');
    await service().dispatchTenant(tenantId);
    expect(standIn.proactive()).toHaveLength(0);
    expect((await rows())[0]).toMatchObject({ state: 'skipped', detail: 'superseded' });
  });

  test('someone who may not record sees the card without inputs, and a value sent anyway is refused', async () => {
    clock.set(WEDNESDAY);
    await arrange('2025-12-11');
    const hilde = { tenantId, serviceUrl: standIn.serviceUrl, user: { id: '29:hilde', name: 'Hilde Goossens', aadObjectId: demoUsers.steeringMember } };
    const res = await t.app.inject({ method: 'POST', url: '/api/messages', payload: invokeActivity(hilde, 'recordMeasurement', { planId, value: 3, measuredOn: '2026-03-11' }) });
    expect(res.json<{ type: string; value: unknown }>()).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(await t.db.db.selectFrom('measurement').select('id').where('indicatorId', '=', indicatorId).execute()).toHaveLength(1);
  });
});
