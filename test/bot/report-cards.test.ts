import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { byteSize, MAX_MESSAGE_BYTES } from '../../bot/cards/elements';
import { createReportPosts } from '../../bot/proactive/report-posts';
import { createSharedRateWindows } from '../../bot/proactive/shared-rate-windows';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { manualClock } from '../../src/follow-ups/clock';
import { workingDaysBefore } from '../../src/reports/college-calendar';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { installActivity, invokeActivity, type TeamsParty } from '../support/teams-activities';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * The bot's side of reports to the college over HTTP, as Teams talks to it: the steering
 * group's chair gets their card when the coordinator submits, sends it back with a remark (the
 * coordinator then gets their card) or approves and sends (the delivery rows follow), and gets
 * the card again some working days before the college meets, once, also with two instances.
 */
jest.setTimeout(90_000);

const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
type Card = { body: Record<string, unknown>[]; actions?: Record<string, unknown>[]; fallbackText?: string };
type InvokeAnswer = { statusCode: number; type: string; value: Card & string };

let t: TestApp;
let standIn: ConnectorStandIn;
let trajectoryId: string;
const tenantId = demoTenants.beekvliet.id;
const person = (id: string, name: string, aadObjectId: string) => ({ id, name, aadObjectId });
let lotte: TeamsParty;
let marc: TeamsParty;
let tom: TeamsParty;
const marcChat = 'a:personal-29:marc-wouters';
const lotteChat = 'a:personal-29:lotte-peeters';

function post(activity: unknown) {
  return t.app.inject({ method: 'POST', url: '/api/messages', payload: activity as Record<string, unknown> });
}
async function invoke(party: TeamsParty, verb: string, data: Record<string, unknown>): Promise<InvokeAnswer> {
  const res = await post(invokeActivity(party, verb, data));
  expect(res.statusCode).toBe(200);
  return res.json<InvokeAnswer>();
}
const cardsIn = (conversationId: string): Card[] =>
  standIn.activities.filter((a) => a.conversationId === conversationId).flatMap((a) => ((a.activity.attachments as { content: Card }[] | undefined) ?? []).map((x) => x.content));
function titleOf(card: Card): string {
  let found = '';
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const e = node as Record<string, unknown>;
    if (e.id === 'title' && typeof e.text === 'string') found = e.text;
    else Object.values(e).forEach(walk);
  };
  walk(card.body);
  return found;
}
function parseEvents(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  return [...Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message), ...card.validateProperties().validationEvents.map((e) => e.message)];
}
function checkCard(card: unknown): void {
  expect(parseEvents(card)).toEqual([]);
  expect(byteSize(card)).toBeLessThan(MAX_MESSAGE_BYTES);
  expect((card as Card).fallbackText).toEqual(expect.any(String));
}
const reportRow = (id: string) => t.db.db.selectFrom('report').select(['state', 'remark', 'approvedBy', 'chairCardSentAt']).where('id', '=', id).executeTakeFirstOrThrow();

async function newReport(body: Record<string, unknown>): Promise<string> {
  const res = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/reports`, body);
  expect(res.statusCode).toBe(201);
  const id = res.json<{ id: string }>().id;
  const patched = await t.call('coordinator', 'PATCH', `/api/v1/reports/${id}`, { decisionsRequested: 'Het college beslist over 12.000 euro voor de zomerwerking.' });
  expect(patched.statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  standIn = await startConnectorStandIn({ enforceLimits: true });
  const base = { tenantId, serviceUrl: standIn.serviceUrl };
  lotte = { ...base, user: person('29:lotte-peeters', 'Lotte Peeters', demoUsers.coordinator) };
  marc = { ...base, user: person('29:marc-wouters', 'Marc Wouters', demoUsers.chair) };
  tom = { ...base, user: person('29:tom-maes', 'Tom Maes', demoUsers.actionOwner) };
  for (const party of [lotte, marc, tom]) expect((await post(installActivity(party, [party.user]))).statusCode).toBe(200);
  trajectoryId = (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).id;
  const schedule = await t.call('coordinator', 'PUT', `/api/v1/trajectories/${trajectoryId}/college-schedule`, {
    weekday: 1,
    time: '09:00',
    frequency: 'quarterly',
    cardWorkingDaysBefore: 2,
    secretaryName: 'Secretariaat Beekvliet',
    secretaryEmail: 'secretariaat@beekvliet.example',
  });
  expect(schedule.statusCode).toBe(200);
});
afterAll(async () => {
  await t.services.reports.idle();
  await t.close();
  await standIn.close();
});
beforeEach(() => standIn.reset());

describe("the chair's card", () => {
  let reportId: string;

  test('submitting sends the chair their card with the key figures; a non-chair is refused; a remark is required to send back', async () => {
    reportId = await newReport({ periodStart: '2026-07-01', periodEnd: '2026-09-30' });
    expect((await t.call('coordinator', 'POST', `/api/v1/reports/${reportId}/submit`, {})).statusCode).toBe(200);
    const cards = cardsIn(marcChat);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    checkCard(card);
    expect(titleOf(card)).toMatch(/^Voortgangsrapport ter goedkeuring: /);
    expect(JSON.stringify(card)).toContain('Het college beslist over 12.000 euro voor de zomerwerking.');
    const detail = (await t.call('chair', 'GET', `/api/v1/reports/${reportId}`)).json<{ totals: { actions: number; overdue: number } }>();
    expect(JSON.stringify(card)).toContain(`"title":"Over tijd","value":"${detail.totals.overdue}"`);
    expect(JSON.stringify(card)).toContain(`${detail.totals.actions} in totaal`);
    expect(card.actions!.map((a) => a.type)).toEqual(['Action.OpenUrl', 'Action.Execute', 'Action.Execute']);
    expect(card.actions![0]!.url).toContain(`#/t/${trajectoryId}/reports/${reportId}`);
    expect(card.actions!.slice(1).map((a) => a.verb)).toEqual(['approveReport', 'sendBackReport']);
    expect(card.body.filter((e) => String(e.type).startsWith('Input.'))).toEqual([expect.objectContaining({ id: 'remark', isRequired: true, label: expect.any(String), errorMessage: expect.any(String) })]);
    // Nobody else got it.
    expect(cardsIn(lotteChat)).toHaveLength(0);

    const tomTry = await invoke(tom, 'approveReport', { reportId, lang: 'nl' });
    expect(tomTry.type).toBe('application/vnd.microsoft.activity.message');
    expect(tomTry.value).toMatch(/Alleen de voorzitter/);
    expect((await reportRow(reportId)).state).toBe('submitted');
    const lotteTry = await invoke(lotte, 'sendBackReport', { reportId, lang: 'nl', remark: 'Mag ik?' });
    expect(lotteTry.type).toBe('application/vnd.microsoft.activity.message');

    const empty = await invoke(marc, 'sendBackReport', { reportId, lang: 'nl', remark: '   ' });
    expect(empty.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(empty.value.body.find((e) => e.id === 'remarkError')).toMatchObject({ text: 'Schrijf wat er nog moet veranderen.' });
    expect((await reportRow(reportId)).state).toBe('submitted');
  });

  test("sending back with a remark records it and posts the coordinator's card", async () => {
    const back = await invoke(marc, 'sendBackReport', { reportId, lang: 'nl', remark: 'Voeg de cijfers van de schoolmaaltijden toe.' });
    checkCard(back.value);
    expect(JSON.stringify(back.value)).toContain('Teruggestuurd met je opmerking.');
    expect(await reportRow(reportId)).toMatchObject({ state: 'sent_back', remark: 'Voeg de cijfers van de schoolmaaltijden toe.' });
    const cards = cardsIn(lotteChat);
    expect(cards).toHaveLength(1);
    checkCard(cards[0]);
    expect(titleOf(cards[0]!)).toMatch(/^Voortgangsrapport teruggestuurd: /);
    expect(JSON.stringify(cards[0])).toContain('Voeg de cijfers van de schoolmaaltijden toe.');
    expect(JSON.stringify(cards[0])).toContain('Marc Wouters stuurde het rapport terug.');
    expect(cards[0]!.actions).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', url: expect.stringContaining(`/reports/${reportId}`) })]);
    // The chair's old buttons now say there is nothing to decide.
    const again = await invoke(marc, 'approveReport', { reportId, lang: 'nl' });
    expect(JSON.stringify(again.value)).toContain('wacht niet (meer) op goedkeuring');
    expect((await reportRow(reportId)).state).toBe('sent_back');
  });

  test('resubmitted, the chair approves from the card: the report is delivered (one row per recipient, sent to the outbox)', async () => {
    expect((await t.call('coordinator', 'PATCH', `/api/v1/reports/${reportId}`, { summary: 'Aangevuld met de schoolmaaltijden.' })).statusCode).toBe(200);
    expect((await t.call('coordinator', 'POST', `/api/v1/reports/${reportId}/submit`, {})).statusCode).toBe(200);
    expect(cardsIn(marcChat)).toHaveLength(1);
    const approved = await invoke(marc, 'approveReport', { reportId, lang: 'nl' });
    checkCard(approved.value);
    expect(JSON.stringify(approved.value)).toContain('Goedgekeurd. Het rapport gaat naar de schepenen');
    expect(approved.value.actions!.map((a) => a.type)).toEqual(['Action.OpenUrl']);
    const chair = await t.db.db.selectFrom('person').select('id').where('tenantId', '=', tenantId).where('entraObjectId', '=', demoUsers.chair).executeTakeFirstOrThrow();
    expect(await reportRow(reportId)).toMatchObject({ state: 'approved', approvedBy: chair.id });
    await t.services.reports.idle();
    const deliveries = await t.db.db.selectFrom('reportDelivery').select(['address', 'state', 'transport', 'reason']).where('reportId', '=', reportId).execute();
    expect(deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ address: 'secretariaat@beekvliet.example', reason: 'secretary', state: 'sent', transport: 'outbox' })]));
    expect(deliveries.every((d) => d.state === 'sent')).toBe(true);
    const log = await t.call('chair', 'GET', `/api/v1/reports/${reportId}/deliveries`);
    expect(log.json<{ deliveries: unknown[] }>().deliveries).toHaveLength(deliveries.length);
  });
});

describe('the scheduled card before the college meets', () => {
  test('goes out from N working days before the college date, once, even with two instances; not for a report that no longer waits', async () => {
    const collegeDate = '2027-03-15'; // a Monday
    const reportId = await newReport({ periodStart: '2026-10-01', periodEnd: '2026-12-31', collegeDate });
    // Submitted long before the window: the chair's first card only.
    expect((await t.call('coordinator', 'POST', `/api/v1/reports/${reportId}/submit`, {})).statusCode).toBe(200);
    expect(cardsIn(marcChat)).toHaveLength(1);
    standIn.reset();
    const dueOn = workingDaysBefore(collegeDate, 2);
    expect(dueOn).toBe('2027-03-11');
    const clock = manualClock(new Date(`2027-03-10T10:00:00+01:00`));
    const poster = () => createReportPosts(t.db.db, createBotTransport(t.config.bot, () => undefined).proactive, { clock, limiter: createSharedRateWindows(t.db.db) });
    const [a, b] = [poster(), poster()];
    await Promise.all([a.runDue(), b.runDue()]);
    expect(cardsIn(marcChat)).toHaveLength(0);
    expect((await reportRow(reportId)).chairCardSentAt).toBeNull();

    clock.set(new Date(`2027-03-11T08:00:00+01:00`));
    await Promise.all([a.runDue(), b.runDue()]);
    const cards = cardsIn(marcChat);
    expect(cards).toHaveLength(1);
    checkCard(cards[0]);
    expect(JSON.stringify(cards[0])).toContain('Het college vergadert op 15 maart 2027. Dit rapport wacht nog op je beslissing.');
    expect((await reportRow(reportId)).chairCardSentAt).not.toBeNull();
    await a.runDue();
    expect(cardsIn(marcChat)).toHaveLength(1);
    // Nobody but the chair got it.
    expect(standIn.activities.every((x) => x.conversationId === marcChat)).toBe(true);

    // Approved: a later tick has nothing to remind of.
    standIn.reset();
    expect((await invoke(marc, 'approveReport', { reportId, lang: 'nl' })).type).toBe('application/vnd.microsoft.card.adaptive');
    await t.services.reports.idle();
    await sqlReset(reportId);
    clock.set(new Date(`2027-03-12T08:00:00+01:00`));
    await a.runDue();
    expect(cardsIn(marcChat)).toHaveLength(0);
  });
});

/** Clears the claim, so only the report's state can stop a second card. */
async function sqlReset(reportId: string): Promise<void> {
  await t.db.db.updateTable('report').set({ chairCardSentAt: null }).where('id', '=', reportId).execute();
}
