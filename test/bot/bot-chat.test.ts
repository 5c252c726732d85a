import pg from 'pg';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { installActivity, installationUpdate, invokeActivity, messageActivity, type TeamsParty } from '../support/teams-activities';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * The bot over HTTP, as Teams talks to it: activities POSTed to /api/messages (dev mode, no
 * token), replies going to the serviceUrl (the loopback connector stand-in), results checked in
 * Postgres and the audit log.
 */
let t: TestApp;
let standIn: ConnectorStandIn;
let tom: TeamsParty;
let lotte: TeamsParty;

type Card = { body: Record<string, unknown>[]; actions?: Record<string, unknown>[]; refresh?: { userIds: string[] } };

beforeAll(async () => {
  t = await createTestApp();
  standIn = await startConnectorStandIn({ enforceLimits: false });
  tom = { tenantId: demoTenants.beekvliet.id, serviceUrl: standIn.serviceUrl, user: { id: '29:tom-maes', name: 'Tom Maes', aadObjectId: demoUsers.actionOwner } };
  lotte = { tenantId: demoTenants.beekvliet.id, serviceUrl: standIn.serviceUrl, user: { id: '29:lotte-peeters', name: 'Lotte Peeters', aadObjectId: demoUsers.coordinator } };
  // Both install the bot in their personal chat first, as in Teams.
  for (const party of [tom, lotte]) expect((await post(installActivity(party, [party.user]))).statusCode).toBe(200);
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});
beforeEach(() => standIn.reset());

function post(activity: unknown) {
  return t.app.inject({ method: 'POST', url: '/api/messages', payload: activity as Record<string, unknown> });
}

function repliedCards(): Card[] {
  return standIn.activities.flatMap((a) => ((a.activity.attachments as { content: Card }[] | undefined) ?? []).map((x) => x.content));
}
function repliedText(): string {
  return standIn.activities.map((a) => String(a.activity.text ?? '')).join('\n');
}
const titleOf = (card: Card): string => String(card.body.find((e) => e.id === 'title')?.text ?? '');
const inputs = (card: Card) => card.body.filter((e) => String(e.type).startsWith('Input.'));

async function tomsOpenActions() {
  const person = await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
  return t.db.db
    .selectFrom('action')
    .selectAll()
    .where('ownerId', '=', person.id)
    .where('status', 'in', ['planned', 'in_progress', 'postponed'])
    .orderBy('title')
    .execute();
}

async function invoke(party: TeamsParty, verb: string, data: Record<string, unknown>) {
  const res = await post(invokeActivity(party, verb, data));
  expect(res.statusCode).toBe(200);
  return res.json<{ statusCode: number; type: string; value: Card & string }>();
}

describe('installation and identity', () => {
  test('installing stores the conversation reference and links the Teams user to the person', async () => {
    const conversation = await t.db.db.selectFrom('botConversation').selectAll().where('conversationId', '=', `a:personal-${tom.user.id}`).executeTakeFirstOrThrow();
    expect(conversation).toMatchObject({ tenantId: demoTenants.beekvliet.id, kind: 'personal', serviceUrl: standIn.serviceUrl, installed: true });
    expect(conversation.reference.conversation.id).toBe(`a:personal-${tom.user.id}`);
    const user = await t.db.db.selectFrom('botUser').selectAll().where('aadObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
    const person = await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ teamsUserId: '29:tom-maes', personId: person.id, personalConversationId: `a:personal-${tom.user.id}` });
  });

  test('a team install stores the channel and links known members only; nobody is invented', async () => {
    const stranger = { id: '29:stranger', name: 'Onbekende Gebruiker', aadObjectId: 'f0000000-0000-4000-8000-00000000dead' };
    const channel: TeamsParty = { ...lotte, conversation: { id: '19:werkgroep@thread.tacv2', conversationType: 'channel' }, teamId: '19:team@thread.tacv2' };
    const peopleBefore = await t.db.db.selectFrom('person').select('id').execute();
    await post(installActivity(channel, [stranger, tom.user]));
    const row = await t.db.db.selectFrom('botConversation').selectAll().where('conversationId', '=', '19:werkgroep@thread.tacv2').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'channel', teamId: '19:team@thread.tacv2' });
    const strangerRow = await t.db.db.selectFrom('botUser').selectAll().where('aadObjectId', '=', stranger.aadObjectId).executeTakeFirstOrThrow();
    expect(strangerRow.personId).toBeNull();
    expect((await t.db.db.selectFrom('person').select('id').execute()).length).toBe(peopleBefore.length);
    // Removing the app marks the conversation so that nothing is sent there any more.
    await post(installationUpdate(channel, 'remove'));
    expect((await t.db.db.selectFrom('botConversation').select('installed').where('conversationId', '=', '19:werkgroep@thread.tacv2').executeTakeFirstOrThrow()).installed).toBe(false);
  });

  test('a personal install is greeted once, although Teams announces it twice', async () => {
    const sofie: TeamsParty = { ...tom, user: { id: '29:sofie-claes', name: 'Sofie Claes', aadObjectId: demoUsers.workGroupChair } };
    expect((await post(installationUpdate(sofie, 'add'))).statusCode).toBe(200);
    expect((await post(installActivity(sofie, [sofie.user]))).statusCode).toBe(200);
    expect(repliedCards()).toHaveLength(1);
  });

  test('activities from a tenant that is not registered are refused and leave no trace', async () => {
    const outsider: TeamsParty = { tenantId: '99999999-0000-4000-8000-000000000000', serviceUrl: standIn.serviceUrl, user: { id: '29:x', name: 'X', aadObjectId: demoUsers.actionOwner } };
    await post(messageActivity(outsider, 'mijn acties'));
    expect(repliedText()).toMatch(/niet ingesteld/);
    expect(repliedCards()).toHaveLength(0);
    const stored = await t.db.db.selectFrom('botConversation').select('conversationId').where('tenantId', '=', outsider.tenantId).execute();
    expect(stored).toHaveLength(0);
    const refused = await invoke(outsider, 'refreshAction', { actionId: (await tomsOpenActions())[0]!.id });
    expect(refused).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
  });
});

describe('commands', () => {
  test('"mijn acties" lists every open action of the owner, each with its status controls', async () => {
    const open = await tomsOpenActions();
    expect(open.length).toBeGreaterThanOrEqual(5);
    await post(messageActivity(tom, 'mijn acties'));
    const cards = repliedCards();
    expect(cards.map(titleOf).sort()).toEqual(open.map((a) => a.title).sort());
    for (const card of cards) {
      expect(inputs(card).map((i) => i.id)).toEqual(['status', 'progressNote', 'dueDate']);
      expect(card.refresh?.userIds).toEqual(expect.arrayContaining(['29:tom-maes', '29:lotte-peeters']));
    }
    expect(repliedText()).toMatch(new RegExp(`${open.length} open acties`));
    // Under Teams' message size limit.
    for (const a of standIn.activities) expect(Buffer.byteLength(JSON.stringify(a.activity))).toBeLessThan(28 * 1024);
  });

  test('commands are case-insensitive, either language; the answer speaks the Teams language', async () => {
    await post(messageActivity({ ...tom, locale: 'en-US' }, '  MY Actions '));
    expect(repliedText()).toMatch(/You have \d+ open actions/);
    expect(repliedCards().length).toBeGreaterThan(0);
    standIn.reset();
    await post(messageActivity(tom, '  MY Actions '));
    expect(repliedText()).toMatch(/Je hebt \d+ open acties/);
  });

  test('the language follows the Teams locale, whatever the command word', async () => {
    const helpCard = () => JSON.stringify(repliedCards()[0]);
    await post(messageActivity({ ...tom, locale: 'nl-BE' }, 'help'));
    expect(helpCard()).toMatch(/Wat kan Kansrijk voor je doen\?/);
    expect(helpCard()).not.toMatch(/What can Kansrijk do for you/);
    standIn.reset();
    await post(messageActivity({ ...tom, locale: 'en-US' }, 'hulp'));
    expect(helpCard()).toMatch(/What can Kansrijk do for you\?/);
    expect(helpCard()).toMatch(/my actions/);
    expect(helpCard()).not.toMatch(/Wat kan Kansrijk/);
    standIn.reset();
    // Some Teams clients send the language only in the clientInfo entity.
    const onlyClientInfo = { ...messageActivity(tom, 'hulp'), locale: undefined, entities: [{ type: 'clientInfo', locale: 'en-GB', country: 'BE', platform: 'Web' }] };
    await post(onlyClientInfo);
    expect(helpCard()).toMatch(/What can Kansrijk do for you\?/);
    standIn.reset();
    await post(messageActivity({ ...tom, locale: 'en-US' }, 'overzicht'));
    expect(helpCard()).toMatch(/Actions per policy domain/);
  });

  test('in a channel the @mention is stripped before the command is read', async () => {
    const channel: TeamsParty = { ...tom, conversation: { id: '19:kanaal@thread.tacv2', conversationType: 'channel' }, teamId: '19:team@thread.tacv2' };
    await post(messageActivity(channel, 'Overzicht', true));
    const [card] = repliedCards();
    expect(JSON.stringify(card)).toMatch(/Overzicht: /);
    expect(JSON.stringify(card)).toMatch(/Acties per beleidsdomein/);
  });

  test('"actie <zoekterm>" finds actions by title', async () => {
    const target = (await tomsOpenActions())[0]!;
    const word = target.title.split(/\s+/).find((w) => w.length > 5)!;
    await post(messageActivity(tom, `actie ${word}`));
    expect(repliedCards().map(titleOf)).toContain(target.title);
    standIn.reset();
    await post(messageActivity(tom, 'actie zzzgeenresultaatzzz'));
    expect(repliedText()).toMatch(/Geen acties gevonden/);
  });

  test('"hulp" and anything unknown get the list of commands', async () => {
    await post(messageActivity(tom, 'hulp'));
    expect(JSON.stringify(repliedCards()[0])).toMatch(/mijn acties/);
    standIn.reset();
    await post(messageActivity(tom, 'wat is het weer?'));
    const card = JSON.stringify(repliedCards()[0]);
    expect(card).toMatch(/Dat begrijp ik niet/);
    expect(card).toMatch(/overzicht/);
  });
});

describe('updating an action from its card', () => {
  async function auditOf(actionId: string) {
    return t.db.db.selectFrom('auditLog').selectAll().where('entityId', '=', actionId).orderBy('id').execute();
  }

  test('the owner changes the status: saved through the action service, card updated in place', async () => {
    const action = (await tomsOpenActions()).find((a) => a.status !== 'done')!;
    const next = action.status === 'in_progress' ? 'planned' : 'in_progress';
    const auditBefore = (await auditOf(action.id)).length;
    const res = await invoke(tom, 'updateAction', {
      actionId: action.id,
      version: action.version,
      lang: 'nl',
      shownStatus: action.status,
      shownDueDate: action.dueDate ?? '',
      status: next,
      progressNote: 'Gesprek met de scholen gehad',
      dueDate: action.dueDate ?? '',
    });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(res.value)).toMatch(/Opgeslagen/);
    expect((res.value.body.find((e) => e.id === 'status') as { value: string }).value).toBe(next);

    const after = await t.db.db.selectFrom('action').selectAll().where('id', '=', action.id).executeTakeFirstOrThrow();
    expect(after.status).toBe(next);
    expect(after.version).toBe(action.version + 1);
    const audit = await auditOf(action.id);
    expect(audit.length).toBe(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({ operation: 'update', actorUserId: demoUsers.actionOwner, actorName: 'Tom Maes' });
    expect(audit.at(-1)!.changes).toMatchObject({ status: { from: action.status, to: next }, progressNote: { from: null, to: 'Gesprek met de scholen gehad' } });
    const timeline = await t.db.db.selectFrom('actionUpdate').selectAll().where('actionId', '=', action.id).orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
    expect(timeline).toMatchObject({ note: 'Gesprek met de scholen gehad', statusFrom: action.status, statusTo: next });
    // The new card carries the new version, so the next save is not a conflict.
    expect(JSON.stringify(res.value)).toContain(`"version":${action.version + 1}`);
    // Built from what the change wrote rather than read back, it reads as a freshly loaded one.
    const fresh = await invoke(tom, 'refreshAction', { actionId: action.id, lang: 'nl' });
    const withoutBanner = (card: Card) => ({ ...card, body: card.body.filter((e) => e.id !== 'banner') });
    expect(withoutBanner(res.value)).toEqual(withoutBanner(fresh.value));
    expect(JSON.stringify(res.value)).toContain('Gesprek met de scholen gehad');
  });

  test('a save from the card costs two statements: the read (access, card, channels) and the checked write (timeline, audit)', async () => {
    const [action] = await tomsOpenActions();
    const data = (a: { id: string; version: number; status: string; dueDate: string | null }, status: string) => ({
      actionId: a.id,
      version: a.version,
      lang: 'nl',
      shownStatus: a.status,
      shownDueDate: a.dueDate ?? '',
      status,
      progressNote: 'Stand van zaken',
    });
    // The first save warms what is cached per instance (the tenant's registration).
    const first = await invoke(tom, 'updateAction', data(action!, action!.status === 'in_progress' ? 'planned' : 'in_progress'));
    expect(JSON.stringify(first.value)).toMatch(/Opgeslagen/);
    const now = await t.db.db.selectFrom('action').selectAll().where('id', '=', action!.id).executeTakeFirstOrThrow();
    const statements = jest.spyOn(pg.Client.prototype, 'query');
    try {
      const second = await invoke(tom, 'updateAction', data(now, now.status === 'in_progress' ? 'planned' : 'in_progress'));
      expect(JSON.stringify(second.value)).toMatch(/Opgeslagen/);
      expect(statements).toHaveBeenCalledTimes(2);
    } finally {
      statements.mockRestore();
    }
    const after = await t.db.db.selectFrom('action').select(['version']).where('id', '=', action!.id).executeTakeFirstOrThrow();
    expect(after.version).toBe(now.version + 1);
  });

  test('a card rendered before someone else changed the action shows the current state and saves nothing', async () => {
    const action = (await tomsOpenActions())[1]!;
    // Someone else (the coordinator, through the API) changes it first.
    const other = await t.call('coordinator', 'PATCH', `/api/v1/actions/${action.id}`, { dueDate: '2031-01-31' });
    expect(other.statusCode).toBe(200);
    const auditBefore = (await auditOf(action.id)).length;
    const res = await invoke(tom, 'updateAction', {
      actionId: action.id,
      version: action.version,
      lang: 'nl',
      shownStatus: action.status,
      shownDueDate: action.dueDate ?? '',
      status: 'done',
      progressNote: 'Afgewerkt',
    });
    const card = JSON.stringify(res.value);
    expect(card).toMatch(/Iemand anders heeft deze actie intussen gewijzigd/);
    expect(card).toContain('2031-01-31');
    expect(card).toContain(`"version":${action.version + 1}`);
    expect(card).toContain('Afgewerkt'); // the note they typed is kept
    const after = await t.db.db.selectFrom('action').selectAll().where('id', '=', action.id).executeTakeFirstOrThrow();
    expect(after.status).toBe(action.status);
    expect((await auditOf(action.id)).length).toBe(auditBefore);
  });

  test('postponing without a reason: the error appears under the note, typed values stay, nothing saved', async () => {
    const action = (await tomsOpenActions()).find((a) => a.status !== 'postponed')!;
    const res = await invoke(tom, 'updateAction', {
      actionId: action.id,
      version: action.version,
      lang: 'nl',
      shownStatus: action.status,
      shownDueDate: action.dueDate ?? '',
      status: 'postponed',
      progressNote: '   ',
      dueDate: '2030-06-30',
    });
    const body = res.value.body;
    const noteIndex = body.findIndex((e) => e.id === 'progressNote');
    expect(body[noteIndex + 1]).toMatchObject({ id: 'progressNoteError', color: 'attention', text: 'Geef een reden op als je de actie uitstelt.' });
    expect(body.find((e) => e.id === 'status')).toMatchObject({ value: 'postponed' });
    expect(body.find((e) => e.id === 'dueDate')).toMatchObject({ value: '2030-06-30' });
    const after = await t.db.db.selectFrom('action').selectAll().where('id', '=', action.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: action.status, version: action.version, dueDate: action.dueDate });
  });

  test('an impossible date is refused next to the date field', async () => {
    const action = (await tomsOpenActions())[0]!;
    const res = await invoke(tom, 'updateAction', { actionId: action.id, version: action.version, lang: 'en', shownStatus: action.status, shownDueDate: '', dueDate: '2030-02-31' });
    expect(res.value.body.find((e) => e.id === 'dueDateError')).toMatchObject({ text: 'Choose a valid date.' });
  });

  test('the refresh gives whoever may report on the action the controls (owner, coordinator) and other readers a read-only card', async () => {
    const action = (await tomsOpenActions())[0]!;
    const owner = await invoke(tom, 'refreshAction', { actionId: action.id, lang: 'nl' });
    expect(inputs(owner.value).length).toBe(3);
    const coordinator = await invoke(lotte, 'refreshAction', { actionId: action.id, lang: 'nl' });
    expect(inputs(coordinator.value).length).toBe(3);
    const alderman: TeamsParty = { ...lotte, user: { id: '29:griet-janssens', name: 'Griet Janssens', aadObjectId: demoUsers.aldermanWelfare } };
    const reader = await invoke(alderman, 'refreshAction', { actionId: action.id, lang: 'nl' });
    expect(inputs(reader.value)).toHaveLength(0);
    expect(JSON.stringify(reader.value)).toMatch(/jij kunt ze lezen/);
  });

  test('the reminder button changes the person’s reminders through the people service', async () => {
    const action = (await tomsOpenActions())[0]!;
    const settings = await invoke(tom, 'showReminderSettings', { actionId: action.id, lang: 'nl' });
    const trajectoryId = JSON.stringify(settings.value).match(/"trajectoryId":"([^"]+)"/)![1];
    const saved = await invoke(tom, 'setReminders', { trajectoryId, lang: 'nl', reminders: 'reduced' });
    expect(JSON.stringify(saved.value)).toMatch(/Bewaard/);
    const person = await t.db.db.selectFrom('person').select(['id', 'reminders']).where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
    expect(person.reminders).toBe('reduced');
    const audit = await t.db.db.selectFrom('auditLog').selectAll().where('entityId', '=', person.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.changes).toMatchObject({ reminders: { from: 'normal', to: 'reduced' } });
  });
});
