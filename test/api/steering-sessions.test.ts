import { randomUUID } from 'node:crypto';
import { createFollowUpMessenger } from '../../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../../bot/transport/bot-framework';
import { manualClock } from '../../src/follow-ups/clock';
import { createFollowUpService } from '../../src/follow-ups/follow-up-service';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connector-stand-in';
import { Factory } from '../support/permission-world';
import { installActivity, invokeActivity, type TeamsParty } from '../support/teams-activities';
import { createTestApp, type TestApp } from '../support/test-app';

interface Session {
  number: number;
  theme: string;
  agenda: { code: string; kind: string; minutes: number }[];
  prompts: { code: string; maxLength: number }[];
  stored: boolean;
  heldOn: string | null;
  meeting: { id: string; title: string } | null;
  answers: Record<string, string>;
}
interface Sessions {
  sessions: Session[];
  steeringMeetings: { id: string; title: string }[];
  vision: string;
  qualityCriteria: string[];
  visionCheck: { chosen: string[]; named: string[]; missing: string[]; required: number; ok: boolean };
  homework: { members: number; sent: number; answered: number };
}
interface Problem {
  errors?: { path: string; message: string }[];
}

let t: TestApp;
let standIn: ConnectorStandIn;
let beekvliet: string;
let heidebos: string;

beforeAll(async () => {
  t = await createTestApp();
  standIn = await startConnectorStandIn({ enforceLimits: false });
  const ids = async (tenantId: string) => (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow()).id;
  beekvliet = await ids(demoTenants.beekvliet.id);
  heidebos = await ids(demoTenants.heidebos.id);
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});

const sessionsUrl = (id: string) => `/api/v1/trajectories/${id}/steering-sessions`;
const read = async (id = beekvliet, user: Parameters<TestApp['call']>[0] = 'coordinator') => {
  const res = await t.call(user, 'GET', sessionsUrl(id));
  expect(res.statusCode).toBe(200);
  return res.json<Sessions>();
};

describe('the three sessions', () => {
  test('read with their agenda templates and prompts; a session never stored reads as empty', async () => {
    const { sessions, homework } = await read();
    expect(sessions.map((s) => [s.number, s.theme])).toEqual([
      [1, 'poverty_dignity'],
      [2, 'mission_vision'],
      [3, 'priority_domains'],
    ]);
    // The demo held 1 and 2, linked to their steering-group meetings; 3 is still open.
    expect(sessions[0]).toMatchObject({ stored: true, meeting: { title: 'Stuurgroep 1: armoede en menswaardigheid' } });
    expect(sessions[0]!.answers.dignity_meaning).toMatch(/meedoen/);
    expect(sessions[2]).toMatchObject({ stored: false, heldOn: null, meeting: null, answers: {} });
    for (const s of sessions) {
      expect(s.agenda.length).toBeGreaterThan(3);
      expect(s.agenda.every((a) => ['information', 'discussion', 'decision'].includes(a.kind) && a.minutes > 0)).toBe(true);
      expect(s.prompts.length).toBeGreaterThan(2);
    }
    expect(sessions[1]!.prompts.map((p) => p.code)).toEqual(expect.arrayContaining(['case_stories', 'dream_picture']));
    expect(sessions[2]!.agenda.map((a) => a.code)).toEqual(expect.arrayContaining(['choose_domains', 'compose_work_groups']));
    expect(homework).toMatchObject({ answered: 2 });
    // Every member reads them, including a parent's trusted person; a stranger learns nothing.
    expect((await read(beekvliet, 'trustedPerson')).sessions).toHaveLength(3);
    expect((await t.call('heidebosCoordinator', 'GET', sessionsUrl(beekvliet))).statusCode).toBe(404);
    expect((await read(heidebos, 'heidebosCoordinator')).sessions.every((s) => !s.stored)).toBe(true);
  });

  test('record the held date, the meeting and answers; saved, merged, audited', async () => {
    const meetings = (await read()).steeringMeetings;
    const meeting = meetings.find((m) => m.title.startsWith('Stuurgroep 6'))!;
    const res = await t.call('coordinator', 'PATCH', `${sessionsUrl(beekvliet)}/3`, {
      heldOn: '2025-03-20',
      meetingId: meeting.id,
      answers: { parents_need: 'Een inkomen waarmee je rondkomt en iemand die je de weg wijst.', children_need: 'Meedoen op school en in de vrije tijd.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Session>()).toMatchObject({ number: 3, stored: true, heldOn: '2025-03-20', meeting: { id: meeting.id } });

    // Another answer is added; an empty one clears its prompt; the rest stays.
    const again = await t.call('chair', 'PATCH', `${sessionsUrl(beekvliet)}/3`, { answers: { priority_domains: 'Onderwijs en vrije tijd; inkomen en gezondheid.', children_need: '' } });
    expect(again.statusCode).toBe(200);
    const third = (await read()).sessions[2]!;
    expect(third.answers).toEqual({ parents_need: 'Een inkomen waarmee je rondkomt en iemand die je de weg wijst.', priority_domains: 'Onderwijs en vrije tijd; inkomen en gezondheid.' });
    expect(third.heldOn).toBe('2025-03-20');

    const audit = await t.db.db.selectFrom('auditLog').select(['operation', 'actorName']).where('entity', '=', 'steering_session').where('trajectoryId', '=', beekvliet).orderBy('at').execute();
    expect(audit.map((a) => a.operation)).toEqual(['create', 'update']);

    // The same values again: nothing written.
    await t.call('chair', 'PATCH', `${sessionsUrl(beekvliet)}/3`, { heldOn: '2025-03-20' });
    expect(await t.db.db.selectFrom('auditLog').select('id').where('entity', '=', 'steering_session').where('trajectoryId', '=', beekvliet).execute()).toHaveLength(2);
  });

  test('an unknown prompt code answers 400 naming it, and nothing is saved', async () => {
    const before = (await read()).sessions[0]!;
    const res = await t.call('coordinator', 'PATCH', `${sessionsUrl(beekvliet)}/1`, { answers: { dignity_meaning: 'Nieuw', dream_picture: 'Hoort bij sessie 2' } });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.path)).toEqual(['body.answers.dream_picture']);
    expect((await read()).sessions[0]!.answers).toEqual(before.answers);

    const tooLong = await t.call('coordinator', 'PATCH', `${sessionsUrl(beekvliet)}/1`, { answers: { dignity_meaning: 'x'.repeat(4001) } });
    expect(tooLong.statusCode).toBe(400);
    expect(JSON.stringify(tooLong.json<Problem>().errors)).toContain('dignity_meaning');
    for (const number of ['0', '4', 'twee']) expect((await t.call('coordinator', 'PATCH', `${sessionsUrl(beekvliet)}/${number}`, { heldOn: '2025-01-01' })).statusCode).toBe(400);
    expect((await t.call('coordinator', 'PATCH', `${sessionsUrl(beekvliet)}/1`, { heldOn: '2025-02-30' })).statusCode).toBe(400);
  });

  test("a meeting of another trajectory, or not of the steering group, is refused on the field", async () => {
    const f = new Factory(t.db.db);
    const elsewhere = await f.trajectory(demoTenants.beekvliet.id);
    const body = await f.insert('body', { tenant_id: demoTenants.beekvliet.id, trajectory_id: elsewhere, kind: 'steering_group', name: 'Andere stuurgroep' });
    const foreign = await f.insert('meeting', {
      tenant_id: demoTenants.beekvliet.id,
      trajectory_id: elsewhere,
      body_id: body,
      title: 'Stuurgroep elders',
      starts_at: '2025-05-04T18:00:00Z',
      ends_at: '2025-05-04T20:00:00Z',
    });
    const workGroup = await t.db.db.selectFrom('body').select('id').where('trajectoryId', '=', beekvliet).where('kind', '=', 'work_group').executeTakeFirstOrThrow();
    const workGroupMeeting = await f.insert('meeting', {
      tenant_id: demoTenants.beekvliet.id,
      trajectory_id: beekvliet,
      body_id: workGroup.id,
      title: 'Werkgroep',
      starts_at: '2025-05-04T18:00:00Z',
      ends_at: '2025-05-04T20:00:00Z',
    });
    const heidebosMeeting = (await read(heidebos, 'heidebosCoordinator')).steeringMeetings[0]!.id;
    for (const meetingId of [foreign, workGroupMeeting, heidebosMeeting, randomUUID()]) {
      const res = await t.call('coordinator', 'PATCH', `${sessionsUrl(beekvliet)}/2`, { meetingId });
      expect([meetingId, res.statusCode]).toEqual([meetingId, 400]);
      expect(res.json<Problem>().errors?.[0]?.path).toBe('body.meetingId');
    }
    expect((await read()).sessions[1]!.meeting?.title).toBe('Stuurgroep 2: missie en visie');
  });

  test('read-only for who lacks trajectory.edit', async () => {
    for (const user of ['aldermanEducation', 'steeringMember', 'trustedPerson'] as const) {
      expect((await t.call(user, 'PATCH', `${sessionsUrl(beekvliet)}/1`, { answers: { agreements: 'Niet toegestaan' } })).statusCode).toBe(403);
    }
    expect((await read()).sessions[0]!.answers.agreements).not.toBe('Niet toegestaan');
  });

  test('the vision check flips when the vision names enough of the chosen criteria', async () => {
    const patch = (body: Record<string, unknown>) => t.call('coordinator', 'PATCH', `/api/v1/trajectories/${heidebos}`, body);
    const check = async () => (await read(heidebos, 'heidebosCoordinator')).visionCheck;
    // Heidebos's coordinator edits their own trajectory.
    const asHeidebos = (body: Record<string, unknown>) => t.call('heidebosCoordinator', 'PATCH', `/api/v1/trajectories/${heidebos}`, body);
    expect((await patch({ vision: 'x' })).statusCode).toBe(404);

    expect((await asHeidebos({ qualityCriteria: [], vision: 'Elk kind telt mee.' })).statusCode).toBe(200);
    expect(await check()).toMatchObject({ chosen: [], ok: false, required: 0 });

    expect((await asHeidebos({ qualityCriteria: ['proactief', 'participatief', 'integraal', 'toegankelijk'] })).statusCode).toBe(200);
    expect(await check()).toMatchObject({ named: [], missing: ['proactief', 'toegankelijk', 'integraal', 'participatief'], required: 3, ok: false });

    await asHeidebos({ vision: 'We gaan proactief op gezinnen af en werken integraal.' });
    expect(await check()).toMatchObject({ named: ['proactief', 'integraal'], ok: false });

    // A form of the word counts ("participatie"), a word merely containing it does not.
    await asHeidebos({ vision: 'We gaan proactief op gezinnen af, werken integraal en bouwen op de participatie van ouders.' });
    expect(await check()).toMatchObject({ named: ['proactief', 'integraal', 'participatief'], missing: ['toegankelijk'], ok: true });
    await asHeidebos({ vision: 'Een ontoegankelijk loket dat reactief werkt, zonder participatie.' });
    expect((await check()).named).toEqual(['participatief']);
  });
});

describe('the homework between meeting 1 and 2', () => {
  const party = (aadObjectId: string, name: string): TeamsParty => ({
    tenantId: demoTenants.beekvliet.id,
    serviceUrl: standIn.serviceUrl,
    user: { id: `29:${name}`, name, aadObjectId },
  });
  const hilde = () => party(demoUsers.steeringMember, 'hilde-goossens');
  const karim = () => party(demoUsers.aldermanEducation, 'karim-el-amrani');
  const tom = () => party(demoUsers.actionOwner, 'tom-maes');

  async function invoke(who: TeamsParty, data: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'POST', url: '/api/messages', payload: invokeActivity(who, 'submitHomework', data) });
    expect(res.statusCode).toBe(200);
    return res.json<{ type: string; value: unknown }>();
  }

  test('sent to every member with Teams through the follow-ups, answered in the card, shown to the leads', async () => {
    // Hilde and Karim have the bot installed; the other members with a sign-in have not yet.
    for (const p of [hilde(), karim(), tom()]) await t.app.inject({ method: 'POST', url: '/api/messages', payload: installActivity(p, [p.user]) });
    await t.db.db.deleteFrom('followUp').execute();
    standIn.reset();

    expect((await t.call('steeringMember', 'POST', `${sessionsUrl(beekvliet)}/homework`)).statusCode).toBe(403);
    const sent = await t.call('coordinator', 'POST', `${sessionsUrl(beekvliet)}/homework`);
    expect(sent.statusCode).toBe(200);
    const body = sent.json<{ queued: { displayName: string }[]; alreadyQueued: unknown[]; withoutTeams: { displayName: string; trustedPersonName: string | null }[]; sendsFrom: string }>();
    expect(body.queued.map((m) => m.displayName)).toEqual(expect.arrayContaining(['Hilde Goossens', 'Karim El Amrani', 'Marc Wouters', 'Lotte Peeters']));
    expect(body.queued.map((m) => m.displayName)).not.toContain('Tom Maes');
    expect(body.alreadyQueued).toEqual([]);
    // Parents without a Teams account are listed with their trusted person, for the coordinator.
    const parents = body.withoutTeams.filter((m) => m.trustedPersonName);
    expect(parents.length).toBeGreaterThanOrEqual(3);
    expect(new Set(parents.map((m) => m.trustedPersonName))).toEqual(new Set(['Nadia Benali']));

    // The follow-ups' dispatcher sends them, as it sends every reminder.
    const clock = manualClock(body.sendsFrom);
    const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, () => undefined);
    const followUps = createFollowUpService({ db: t.db.db, clock, messenger: createFollowUpMessenger(t.db.db, transport.proactive), workerId: 'homework-test' });
    const result = await followUps.dispatchTenant(demoTenants.beekvliet.id);
    expect(result.sent).toBe(2);
    const cards = standIn.proactive();
    expect(cards.map((c) => c.conversationId).sort()).toEqual(['a:personal-29:hilde-goossens', 'a:personal-29:karim-el-amrani']);
    const card = JSON.stringify(cards.find((c) => c.conversationId.includes('hilde'))!.activity);
    expect(card).toContain('Huiswerk voor de volgende stuurgroep');
    expect(card).toContain('"verb":"submitHomework"');
    expect(card).toContain(`"trajectoryId":"${beekvliet}"`);
    // Members without the bot installed are skipped, not retried; nobody gets it twice.
    const rows = await t.db.db.selectFrom('followUp').select(['state', 'detail']).where('kind', '=', 'homework').execute();
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(2);
    expect(rows.filter((r) => r.state === 'skipped').every((r) => /no Teams account/.test(r.detail ?? ''))).toBe(true);
    const resend = (await t.call('chair', 'POST', `${sessionsUrl(beekvliet)}/homework`)).json<{ queued: unknown[]; alreadyQueued: unknown[] }>();
    expect(resend.queued).toEqual([]);
    expect(resend.alreadyQueued.length).toBe(body.queued.length);
    await followUps.dispatchTenant(demoTenants.beekvliet.id);
    expect(standIn.proactive()).toHaveLength(2);

    // Hilde answers in the card.
    const answer = await invoke(hilde(), { trajectoryId: beekvliet, lang: 'nl', caseText: 'De buurtwerker die bleef komen.', dreamText: 'Eén aanspreekpunt voor elk gezin.' });
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toContain('Je antwoord is bewaard');
    // An empty answer is not saved: the card asks for at least one.
    const empty = await invoke(karim(), { trajectoryId: beekvliet, lang: 'nl', caseText: ' ', dreamText: '' });
    expect(JSON.stringify(empty.value)).toContain('Vul minstens één');

    const homework = await t.call('facilitator', 'GET', `${sessionsUrl(beekvliet)}/homework`);
    expect(homework.statusCode).toBe(200);
    const members = homework.json<{ members: { displayName: string; answer: { caseText: string; dreamText: string } | null; card: { state: string } | null }[] }>().members;
    expect(members.find((m) => m.displayName === 'Hilde Goossens')).toMatchObject({ answer: { caseText: 'De buurtwerker die bleef komen.', dreamText: 'Eén aanspreekpunt voor elk gezin.' }, card: { state: 'sent' } });
    expect(members.find((m) => m.displayName === 'Karim El Amrani')!.answer).toBeNull();
    // Only the leads read the stories; members see counts.
    expect((await t.call('steeringMember', 'GET', `${sessionsUrl(beekvliet)}/homework`)).statusCode).toBe(403);
    expect((await read(beekvliet, 'steeringMember')).homework.sent).toBe(2);
    // The audit log says that Hilde answered, not what.
    const audit = await t.db.db.selectFrom('auditLog').select('changes').where('entity', '=', 'steering_homework_answer').where('actorName', '=', 'hilde-goossens').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.changes)).not.toContain('buurtwerker');
  });

  test("a non-member's answer is refused and nothing is stored", async () => {
    const before = await t.db.db.selectFrom('steeringHomeworkAnswer').select('id').execute();
    // Tom is an action owner, not in the steering group.
    const refused = await invoke(tom(), { trajectoryId: beekvliet, lang: 'nl', caseText: 'Ik ben geen lid', dreamText: '' });
    expect(refused.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(refused.value)).toMatch(/Alleen leden van de stuurgroep/);
    // Another municipality's trajectory: as unknown.
    const elsewhere = await invoke(hilde(), { trajectoryId: heidebos, lang: 'en', caseText: 'x', dreamText: 'y' });
    expect(String(elsewhere.value)).toMatch(/cannot find/);
    const broken = await t.app.inject({ method: 'POST', url: '/api/messages', payload: invokeActivity(hilde(), 'submitHomework', { trajectoryId: 'not-a-uuid', caseText: 'x' }) });
    expect(broken.json<{ type: string }>().type).toBe('application/vnd.microsoft.error');
    expect(await t.db.db.selectFrom('steeringHomeworkAnswer').select('id').execute()).toHaveLength(before.length);
  });
});
