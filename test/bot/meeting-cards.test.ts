import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';
import { byteSize, MAX_MESSAGE_BYTES } from '../../bot/cards/elements';
import { createMeetingPosts, type MeetingPosts } from '../../bot/proactive/meeting-posts';
import { createSharedRateWindows } from '../../bot/proactive/shared-rate-windows';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { manualClock } from '../../src/follow-ups/clock';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { installActivity, invokeActivity, messageActivity, type TeamsParty } from '../support/teams-activities';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * The bot's side of meetings over HTTP, as Teams talks to it: a body bound to its channel (by
 * the "koppel" command and by the tab's route), the agenda card posted on schedule and replaced
 * when a member proposes an item, the final agenda, the chair's approval card, the approved
 * minutes, and the trusted person's cards. Timed posts run on a manual clock, twice at once, as
 * two instances would.
 */
jest.setTimeout(60_000);

const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
type Card = { body: Record<string, unknown>[]; actions?: Record<string, unknown>[]; refresh?: { userIds: string[]; action: { verb: string } } };
type InvokeAnswer = { statusCode: number; type: string; value: Card & string };

let t: TestApp;
let standIn: ConnectorStandIn;
let trajectoryId: string;
let workGroupId: string;
let steeringId: string;
const tenantId = demoTenants.beekvliet.id;
const CHANNEL = '19:wg-onderwijs@thread.tacv2';
const TEAM = '19:team-kansrijk@thread.tacv2';
const person = (id: string, name: string, aadObjectId: string) => ({ id, name, aadObjectId });
let lotte: TeamsParty;
let tom: TeamsParty;
let sofie: TeamsParty;
let nadia: TeamsParty;
let channelLotte: TeamsParty;

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
const textsIn = (conversationId: string): string => standIn.activities.filter((a) => a.conversationId === conversationId).map((a) => String(a.activity.text ?? '')).join('\n');
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
const inputs = (card: Card) => card.body.filter((e) => String(e.type).startsWith('Input.'));

function parseEvents(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  return [...Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message), ...card.validateProperties().validationEvents.map((e) => e.message)];
}
/** Every card the bot sends here must parse in Microsoft's renderer and fit in a Teams message. */
function checkCard(card: unknown): void {
  expect(parseEvents(card)).toEqual([]);
  expect(byteSize(card)).toBeLessThan(MAX_MESSAGE_BYTES);
}

async function createMeeting(bodyId: string, startInDays: number, extra: Record<string, unknown> = {}): Promise<string> {
  const start = new Date(Date.now() + startInDays * 86_400_000);
  const res = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
    bodyId,
    title: `Werkgroep ${Math.random().toString(36).slice(2, 7)}`,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    location: 'Gemeentehuis, zaal 2',
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

function posterAt(clock: ReturnType<typeof manualClock>): MeetingPosts {
  return createMeetingPosts(t.db.db, createBotTransport(t.config.bot, () => undefined).proactive, t.services.meetings, { clock, limiter: createSharedRateWindows(t.db.db) });
}

beforeAll(async () => {
  t = await createTestApp();
  standIn = await startConnectorStandIn({ enforceLimits: true });
  const base = { tenantId, serviceUrl: standIn.serviceUrl };
  lotte = { ...base, user: person('29:lotte-peeters', 'Lotte Peeters', demoUsers.coordinator) };
  tom = { ...base, user: person('29:tom-maes', 'Tom Maes', demoUsers.actionOwner) };
  sofie = { ...base, user: person('29:sofie-claes', 'Sofie Claes', demoUsers.workGroupChair) };
  nadia = { ...base, user: person('29:nadia-benali', 'Nadia Benali', demoUsers.trustedPerson) };
  channelLotte = { ...lotte, conversation: { id: `${CHANNEL};messageid=1700000000000`, conversationType: 'channel' }, teamId: TEAM, channel: { id: CHANNEL, name: 'Werkgroep onderwijs' } };
  for (const party of [lotte, tom, sofie, nadia]) expect((await post(installActivity(party, [party.user]))).statusCode).toBe(200);
  const trajectory = await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow();
  trajectoryId = trajectory.id;
  const bodies = await t.db.db.selectFrom('body').select(['id', 'kind', 'name']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).execute();
  workGroupId = bodies.find((b) => b.name === 'Werkgroep onderwijs en vrije tijd')!.id;
  steeringId = bodies.find((b) => b.kind === 'steering_group')!.id;
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});
beforeEach(() => standIn.reset());

const bodyRow = (id: string) => t.db.db.selectFrom('body').select(['channelId', 'channelTeamId', 'channelName', 'channelBoundAt']).where('id', '=', id).executeTakeFirstOrThrow();

describe('binding a body to its channel', () => {
  test('"koppel <naam>" in the channel binds it, for who may set up bodies only; audited', async () => {
    // Tom is a member, not a lead: refused, nothing bound.
    await post(messageActivity({ ...channelLotte, user: tom.user }, 'koppel Werkgroep onderwijs en vrije tijd', true));
    expect(textsIn(channelLotte.conversation!.id)).toMatch(/Alleen de coördinator/);
    expect((await bodyRow(workGroupId)).channelId).toBeNull();
    standIn.reset();

    // Lotte's Teams speaks English this time: the answer follows it, not the command word.
    await post(messageActivity({ ...channelLotte, locale: 'en-US' }, 'koppel werkgroep', true));
    expect(textsIn(channelLotte.conversation!.id)).toMatch(/Several bodies match: .*Werkgroep onderwijs en vrije tijd/);
    standIn.reset();

    await post(messageActivity(channelLotte, 'Koppel  werkgroep ONDERWIJS en vrije tijd', true));
    expect(textsIn(channelLotte.conversation!.id)).toMatch(/Dit kanaal hoort nu bij "Werkgroep onderwijs en vrije tijd"/);
    expect(await bodyRow(workGroupId)).toMatchObject({ channelId: CHANNEL, channelTeamId: TEAM, channelName: 'Werkgroep onderwijs' });
    const audit = await t.db.db.selectFrom('auditLog').selectAll().where('entityId', '=', workGroupId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity: 'body', operation: 'update', actorUserId: demoUsers.coordinator });
    expect(audit.changes).toMatchObject({ channelId: { from: null, to: CHANNEL } });
  });

  test("an action of the work group's domain moved on a card: the work group's channel gets a short notice", async () => {
    const tomPerson = await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
    const domainId = (await t.db.db.selectFrom('body').select('domainId').where('id', '=', workGroupId).executeTakeFirstOrThrow()).domainId!;
    const action = await t.db.db.selectFrom('action').selectAll().where('ownerId', '=', tomPerson.id).where('domainId', '=', domainId).where('status', 'in', ['planned', 'postponed']).executeTakeFirstOrThrow();
    const res = await invoke(tom, 'updateAction', { actionId: action.id, version: action.version, lang: 'nl', shownStatus: action.status, shownDueDate: action.dueDate ?? '', status: 'in_progress', progressNote: 'Gestart met de scholen', dueDate: action.dueDate ?? '' });
    expect(JSON.stringify(res.value)).toMatch(/Opgeslagen/);
    const deadline = Date.now() + 5000;
    while (!textsIn(CHANNEL) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(textsIn(CHANNEL)).toBe(`Tom Maes zette "${action.title}" op lopend.`);
  });

  test('outside a channel the command explains where to use it', async () => {
    await post(messageActivity(lotte, 'koppel Stuurgroep kinderarmoede'));
    expect(textsIn(`a:personal-${lotte.user.id}`)).toMatch(/in het kanaal zelf/);
    expect((await bodyRow(steeringId)).channelId).toBeNull();
  });

  test('the tab binds and unbinds with PUT / DELETE /api/v1/bodies/{id}/channel', async () => {
    const bad = await t.call('coordinator', 'PUT', `/api/v1/bodies/${steeringId}/channel`, { channelId: 'general' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('body.channelId');
    expect((await t.call('actionOwner', 'PUT', `/api/v1/bodies/${steeringId}/channel`, { channelId: '19:stuurgroep@thread.tacv2' })).statusCode).toBe(403);
    const bound = await t.call('chair', 'PUT', `/api/v1/bodies/${steeringId}/channel`, { channelId: '19:stuurgroep@thread.tacv2', teamId: 'a7c3e9f0-group', channelName: 'Stuurgroep' });
    expect(bound.statusCode).toBe(200);
    expect(bound.json()).toMatchObject({ bodyId: steeringId, bodyName: 'Stuurgroep kinderarmoede', channelId: '19:stuurgroep@thread.tacv2', teamId: 'a7c3e9f0-group', channelName: 'Stuurgroep' });
    expect((await bodyRow(steeringId)).channelId).toBe('19:stuurgroep@thread.tacv2');
    // Another tenant's coordinator does not find the body.
    expect((await t.call('heidebosCoordinator', 'DELETE', `/api/v1/bodies/${steeringId}/channel`)).statusCode).toBe(404);
    expect((await t.call('coordinator', 'DELETE', `/api/v1/bodies/${steeringId}/channel`)).statusCode).toBe(204);
    expect(await bodyRow(steeringId)).toMatchObject({ channelId: null, channelTeamId: null, channelName: '', channelBoundAt: null });
  });
});

describe('the agenda card', () => {
  let meetingId: string;
  let activityId: string;

  test('is posted in the channel agendaDaysBefore days ahead, once, even by two instances at once', async () => {
    meetingId = await createMeeting(workGroupId, 10, { agendaDaysBefore: 5 });
    const clock = manualClock(new Date());
    const [a, b] = [posterAt(clock), posterAt(clock)];
    await Promise.all([a.runDue(), b.runDue()]);
    expect(cardsIn(CHANNEL).filter((c) => JSON.stringify(c).includes(meetingId))).toHaveLength(0);

    clock.advance(5.5 * 86_400_000);
    const results = await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
    expect(results.reduce((n, r) => n + r.agenda, 0)).toBe(1);
    const posted = standIn.activities.filter((x) => x.conversationId === CHANNEL && JSON.stringify(x.activity).includes(meetingId));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.proactive).toBe(true);
    const card = (posted[0]!.activity.attachments as { content: Card }[])[0]!.content;
    checkCard(card);
    expect(titleOf(card)).toMatch(/^Agenda in voorbereiding: Werkgroep/);
    expect(inputs(card).map((i) => i.id)).toEqual(['itemTitle', 'itemKind', 'itemMinutes']);
    expect(inputs(card).every((i) => typeof i.label === 'string')).toBe(true);
    expect(card.refresh?.action.verb).toBe('refreshAgenda');
    expect(card.refresh?.userIds).toEqual(expect.arrayContaining(['29:tom-maes', '29:sofie-claes', '29:lotte-peeters']));
    expect(card.refresh!.userIds.length).toBeLessThanOrEqual(60);
    const row = await t.db.db.selectFrom('meeting').select(['agendaPostedAt', 'agendaActivityId']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row.agendaPostedAt).not.toBeNull();
    activityId = row.agendaActivityId!;
    expect(activityId).toBe(posted[0]!.activityId);
    // A later tick posts nothing more.
    clock.advance(86_400_000);
    await a.runDue();
    expect(standIn.activities.filter((x) => x.conversationId === CHANNEL && JSON.stringify(x.activity).includes(meetingId))).toHaveLength(1);
    // The stand-in enforces Teams' published limits: nothing was refused.
    expect(standIn.violations).toEqual([]);
  });

  test('a member proposes an item: saved through the service, the posted card is replaced for everyone', async () => {
    const refreshed = await invoke(tom, 'refreshAgenda', { meetingId, lang: 'nl' });
    expect(inputs(refreshed.value).length).toBe(3);
    const answer = await invoke(tom, 'proposeAgendaItem', { meetingId, lang: 'nl', itemTitle: 'Zomeraanbod voor kinderen', itemKind: 'decision', itemMinutes: '20' });
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    checkCard(answer.value);
    expect(JSON.stringify(answer.value)).toContain('Bedankt, \\"Zomeraanbod voor kinderen\\" staat als voorstel op de agenda.');
    const item = await t.db.db.selectFrom('agendaItem').selectAll().where('meetingId', '=', meetingId).where('title', '=', 'Zomeraanbod voor kinderen').executeTakeFirstOrThrow();
    expect(item).toMatchObject({ kind: 'decision', durationMinutes: 20 });
    const tomPerson = await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
    expect(item.proposedBy).toBe(tomPerson.id);
    // The channel's copy, replaced in place (PUT …/activities/{id}), shows the proposal to everyone.
    expect(standIn.updates).toHaveLength(1);
    expect(standIn.updates[0]).toMatchObject({ conversationId: CHANNEL, activityId });
    const updated = (standIn.updates[0]!.activity.attachments as { content: Card }[])[0]!.content;
    checkCard(updated);
    expect(JSON.stringify(updated)).toContain('Zomeraanbod voor kinderen');
    expect(JSON.stringify(updated)).toContain('voorgesteld door Tom Maes');
  });

  test('a proposal without a topic comes back with the error under the field and saves nothing', async () => {
    const before = await t.db.db.selectFrom('agendaItem').select('id').where('meetingId', '=', meetingId).execute();
    const answer = await invoke(tom, 'proposeAgendaItem', { meetingId, lang: 'en', itemTitle: '   ', itemMinutes: '9999' });
    const body = answer.value.body;
    expect(body.find((e) => e.id === 'itemTitleError')).toMatchObject({ text: 'Give the item a topic.', color: 'attention' });
    expect(body.find((e) => e.id === 'itemMinutesError')).toMatchObject({ text: 'Give a number of minutes between 1 and 480.' });
    expect(await t.db.db.selectFrom('agendaItem').select('id').where('meetingId', '=', meetingId).execute()).toHaveLength(before.length);
  });

  test("a non-member's invoke is refused and changes nothing", async () => {
    const outsider: TeamsParty = { tenantId: demoTenants.heidebos.id, serviceUrl: standIn.serviceUrl, user: person('29:bram', 'Bram De Smet', demoUsers.heidebosCoordinator) };
    const stranger: TeamsParty = { ...tom, user: person('29:stranger', 'Onbekend', 'f0000000-0000-4000-8000-00000000beef') };
    const before = await t.db.db.selectFrom('agendaItem').select('id').where('meetingId', '=', meetingId).execute();
    for (const party of [outsider, stranger]) {
      const refresh = await invoke(party, 'refreshAgenda', { meetingId });
      expect(refresh.type).not.toBe('application/vnd.microsoft.card.adaptive');
      const proposal = await invoke(party, 'proposeAgendaItem', { meetingId, itemTitle: 'Binnengesmokkeld punt' });
      expect(proposal.type).not.toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(proposal.value)).not.toContain('Binnengesmokkeld');
    }
    expect(await t.db.db.selectFrom('agendaItem').select('id').where('meetingId', '=', meetingId).execute()).toHaveLength(before.length);
    expect(standIn.updates).toHaveLength(0);
  });

  test('fixing the agenda posts the final agenda card and closes the posted form', async () => {
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${meetingId}/fix-agenda`, {})).statusCode).toBe(200);
    const final = cardsIn(CHANNEL).filter((c) => titleOf(c).startsWith('Definitieve agenda'));
    expect(final).toHaveLength(1);
    checkCard(final[0]);
    expect(JSON.stringify(final[0])).toContain('Zomeraanbod voor kinderen');
    const closed = (standIn.updates.at(-1)!.activity.attachments as { content: Card }[])[0]!.content;
    expect(inputs(closed)).toHaveLength(0);
    expect(JSON.stringify(closed)).toContain('De agenda ligt vast');
    // And a late proposal from an old card is turned down on the card itself.
    const late = await invoke(tom, 'proposeAgendaItem', { meetingId, lang: 'nl', itemTitle: 'Te laat' });
    expect(JSON.stringify(late.value)).toContain('De agenda ligt vast');
    expect(await t.db.db.selectFrom('agendaItem').select('id').where('title', '=', 'Te laat').execute()).toHaveLength(0);
  });

  test("a steering group's agenda shows each active domain's progress in one compact list", async () => {
    const id = await createMeeting(steeringId, 20);
    const card = (await invoke(lotte, 'refreshAgenda', { meetingId: id, lang: 'nl' })).value;
    checkCard(card);
    const progress = card.body.find((e) => e.id === 'progress') as { items: { type: string; facts?: { title: string; value: string }[] }[] };
    const domains = await t.db.db.selectFrom('domain').select('name').where('trajectoryId', '=', trajectoryId).where('state', '=', 'active').execute();
    const shown = progress.items.find((e) => e.type === 'FactSet')!.facts!;
    expect(shown.map((f) => f.title).sort()).toEqual(domains.map((d) => d.name).sort());
    for (const fact of shown) expect(fact.value).toMatch(/^\d+ afgerond · \d+ lopend · \d+ over tijd · (1 indicator bewoog|\d+ indicatoren bewogen)$/);
  });
});

test('"agenda" in the personal chat shows the agenda card of the next meeting one can propose to', async () => {
  await post(messageActivity(tom, 'agenda'));
  const [card] = cardsIn(`a:personal-${tom.user.id}`);
  expect(card).toBeDefined();
  checkCard(card);
  expect(titleOf(card!)).toMatch(/^Agenda in voorbereiding: /);
  expect(inputs(card!).map((i) => i.id)).toEqual(['itemTitle', 'itemKind', 'itemMinutes']);
});

describe('minutes: the chair approves or sends back from the card', () => {
  let meetingId: string;
  const sofieChat = `a:personal-${'29:sofie-claes'}`;

  beforeAll(async () => {
    meetingId = await createMeeting(workGroupId, -1);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${meetingId}/held`, {})).statusCode).toBe(200);
    expect((await t.call('coordinator', 'PATCH', `/api/v1/meetings/${meetingId}/minutes`, { notes: 'Goede opkomst; de scholen doen mee.' })).statusCode).toBeLessThan(300);
  });

  test('submitting sends the chair their card; without a remark nothing is sent back; with one it is', async () => {
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${meetingId}/minutes/submit`, {})).statusCode).toBe(200);
    const [card] = cardsIn(sofieChat);
    expect(card).toBeDefined();
    checkCard(card);
    expect(titleOf(card!)).toMatch(/^Verslag ter goedkeuring/);
    expect(JSON.stringify(card)).toContain('Goede opkomst; de scholen doen mee.');
    expect(card!.actions!.map((a) => (a as { verb: string }).verb)).toEqual(['approveMinutes', 'sendBackMinutes']);
    expect(inputs(card!)).toEqual([expect.objectContaining({ id: 'remark', isRequired: true, errorMessage: expect.any(String), label: expect.any(String) })]);

    const empty = await invoke(sofie, 'sendBackMinutes', { meetingId, lang: 'nl', remark: '  ' });
    expect(empty.value.body.find((e) => e.id === 'remarkError')).toMatchObject({ text: 'Schrijf wat er nog moet veranderen.' });
    expect((await t.db.db.selectFrom('meeting').select('minutesSubmittedAt').where('id', '=', meetingId).executeTakeFirstOrThrow()).minutesSubmittedAt).not.toBeNull();

    // A member who is not the chair cannot decide.
    const tomTry = await invoke(tom, 'sendBackMinutes', { meetingId, lang: 'nl', remark: 'Mag ik?' });
    expect(tomTry.type).toBe('application/vnd.microsoft.activity.message');
    const back = await invoke(sofie, 'sendBackMinutes', { meetingId, lang: 'nl', remark: 'Vul de beslissing over de bib aan.' });
    expect(JSON.stringify(back.value)).toContain('Teruggestuurd met je opmerking.');
    expect(await t.db.db.selectFrom('meeting').select(['minutesSubmittedAt', 'minutesRemark', 'state']).where('id', '=', meetingId).executeTakeFirstOrThrow()).toMatchObject({
      minutesSubmittedAt: null,
      minutesRemark: 'Vul de beslissing over de bib aan.',
      state: 'held',
    });
  });

  test('approving records it, answers with the outcome and posts the approved minutes in the channel', async () => {
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${meetingId}/minutes/submit`, {})).statusCode).toBe(200);
    expect(cardsIn(sofieChat)).toHaveLength(1);
    expect((await invoke(tom, 'approveMinutes', { meetingId, lang: 'nl' })).type).toBe('application/vnd.microsoft.activity.message');
    const approved = await invoke(sofie, 'approveMinutes', { meetingId, lang: 'nl' });
    expect(JSON.stringify(approved.value)).toContain('Goedgekeurd. Het verslag gaat naar het kanaal');
    const sofiePerson = await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.workGroupChair).executeTakeFirstOrThrow();
    expect(await t.db.db.selectFrom('meeting').select(['state', 'minutesApprovedBy']).where('id', '=', meetingId).executeTakeFirstOrThrow()).toMatchObject({ minutesApprovedBy: sofiePerson.id });
    const minutes = cardsIn(CHANNEL).filter((c) => titleOf(c).startsWith('Goedgekeurd verslag'));
    expect(minutes).toHaveLength(1);
    checkCard(minutes[0]);
    expect(JSON.stringify(minutes[0])).toContain('Goedgekeurd door Sofie Claes.');
    // Clicking again: the card says it no longer waits; nothing changes.
    const again = await invoke(sofie, 'approveMinutes', { meetingId, lang: 'nl' });
    expect(JSON.stringify(again.value)).toContain('wacht niet (meer) op goedkeuring');
  });
});

describe("the trusted person's cards", () => {
  const nadiaChat = 'a:personal-29:nadia-benali';

  test('the day before: the parents to call, with their phone, to the trusted person only, once', async () => {
    const meetingId = await createMeeting(workGroupId, 3, { agendaDaysBefore: 0 });
    const starts = (await t.db.db.selectFrom('meeting').select('startsAt').where('id', '=', meetingId).executeTakeFirstOrThrow()).startsAt;
    const clock = manualClock(new Date(starts.getTime() - 2.5 * 86_400_000));
    const [a, b] = [posterAt(clock), posterAt(clock)];
    await Promise.all([a.runDue(), b.runDue()]);
    expect(cardsIn(nadiaChat).filter((c) => titleOf(c).startsWith('Morgen'))).toHaveLength(0);
    clock.set(new Date(starts.getTime() - 20 * 3_600_000));
    await Promise.all([a.runDue(), b.runDue()]);
    const cards = cardsIn(nadiaChat).filter((c) => titleOf(c).startsWith('Morgen'));
    expect(cards).toHaveLength(1);
    checkCard(cards[0]);
    const kelly = await t.db.db.selectFrom('person').select(['displayName', 'phone']).where('tenantId', '=', tenantId).where('displayName', 'like', 'Kelly%').executeTakeFirstOrThrow();
    expect(JSON.stringify(cards[0])).toContain(kelly.displayName);
    expect(kelly.phone).toBe('+32 470 00 00 01');
    // As a tel: link, which Teams on a phone opens in the dialler.
    expect(JSON.stringify(cards[0])).toContain('[+32 470 00 00 01](tel:+32470000001)');
    // Never in the channel, never to anyone else.
    for (const a of standIn.activities.filter((x) => x.conversationId !== nadiaChat)) expect(JSON.stringify(a.activity)).not.toContain(kelly.displayName);
    expect((await t.db.db.selectFrom('meeting').select('parentsRemindedAt').where('id', '=', meetingId).executeTakeFirstOrThrow()).parentsRemindedAt).not.toBeNull();
    await a.runDue();
    expect(cardsIn(nadiaChat).filter((c) => titleOf(c).startsWith('Morgen'))).toHaveLength(1);
  });

  test('the day after: a check-in card; the trusted person records a check-in, nobody else can', async () => {
    const meetingId = await createMeeting(workGroupId, -1.2, { agendaDaysBefore: 0 });
    const clock = manualClock(new Date());
    await Promise.all([posterAt(clock).runDue(), posterAt(clock).runDue()]);
    const cards = cardsIn(nadiaChat).filter((c) => titleOf(c).startsWith('Na de vergadering') && JSON.stringify(c).includes(meetingId));
    expect(cards).toHaveLength(1);
    checkCard(cards[0]);
    const kelly = await t.db.db.selectFrom('person').select('id').where('tenantId', '=', tenantId).where('displayName', 'like', 'Kelly%').executeTakeFirstOrThrow();
    const noteId = `note_${kelly.id.replace(/-/g, '')}`;
    expect(inputs(cards[0]!).length).toBe(0); // the inputs sit in each parent's container
    expect(JSON.stringify(cards[0])).toContain(noteId);

    const refused = await invoke(tom, 'checkInParent', { meetingId, personId: kelly.id, lang: 'nl', [noteId]: 'Ik was het' });
    expect(refused.type).toBe('application/vnd.microsoft.activity.message');
    const saved = await invoke(nadia, 'checkInParent', { meetingId, personId: kelly.id, lang: 'nl', [noteId]: 'Ze vond het fijn; volgende keer met opvang.' });
    expect(saved.type).toBe('application/vnd.microsoft.card.adaptive');
    checkCard(saved.value);
    expect(JSON.stringify(saved.value)).toContain('✓ Contact gehad: Ze vond het fijn; volgende keer met opvang.');
    const row = await t.db.db.selectFrom('meetingAttendee').select(['checkedInAt', 'checkInNote']).where('meetingId', '=', meetingId).where('personId', '=', kelly.id).executeTakeFirstOrThrow();
    expect(row.checkedInAt).not.toBeNull();
    expect(row.checkInNote).toBe('Ze vond het fijn; volgende keer met opvang.');
    expect((await t.db.db.selectFrom('meeting').select('parentsCheckPostedAt').where('id', '=', meetingId).executeTakeFirstOrThrow()).parentsCheckPostedAt).not.toBeNull();
  });
});
