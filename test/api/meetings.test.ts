import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { Factory, fingerprint, type World } from '../support/permission-world';
import { createTestApp, type TestApp } from '../support/test-app';

interface Detail {
  id: string;
  state: string;
  bodyKind: string;
  agenda: { id: string; title: string; domainId: string | null; presenterName: string | null; proposedByName: string | null; notes: string; decisions: string; position: number; can: { edit: boolean; minutes: boolean } }[];
  attendees: { personId: string; displayName: string; isParent: boolean; hasAccount: boolean; response: string; attendance: string; checkedIn: boolean | null; trustedPersonName: string | null }[];
  actions: { id: string; title: string }[];
  can: { manage: boolean; propose: boolean; approve: boolean; transitions: string[]; editAgenda: boolean; editMinutes: boolean };
  minutesRemark: string;
  minutesApprovedAt: string | null;
}

let t: TestApp;
let trajectoryId: string;
let steeringId: string;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = (await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', demoTenants.beekvliet.id).executeTakeFirstOrThrow()).id;
  steeringId = (await t.db.db.selectFrom('body').select('id').where('trajectoryId', '=', trajectoryId).where('kind', '=', 'steering_group').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

/** The data's digest once the meetings' background side effects (invitations, delivery) are done. */
const settled = async () => {
  await t.services.meetingDelivery.idle();
  return fingerprint(t.db.db);
};
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function schedule(startsInHours: number, bodyId = steeringId): Promise<Detail> {
  const res = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
    bodyId,
    title: 'Stuurgroep voorjaar',
    startsAt: hoursFromNow(startsInHours),
    endsAt: hoursFromNow(startsInHours + 2),
    location: 'Raadzaal',
    dayPart: 'evening',
  });
  expect(res.statusCode).toBe(201);
  return res.json<Detail>();
}

describe('a steering-group meeting from planning to approved minutes', () => {
  test('scheduling invites the members and puts one progress item per active domain on the agenda', async () => {
    const m = await schedule(48);
    expect(m.state).toBe('planned');
    expect(m.attendees.length).toBeGreaterThan(3);
    const domains = await t.db.db.selectFrom('domain').select(['id', 'name']).where('trajectoryId', '=', trajectoryId).where('state', '=', 'active').execute();
    expect(m.agenda.map((i) => i.domainId).sort()).toEqual(domains.map((d) => d.id).sort());
    expect(m.can.transitions).toEqual(expect.arrayContaining(['cancel', 'fix_agenda']));
    expect(m.can.transitions).not.toContain('mark_held');
  });

  test('a member proposes, the coordinator reorders and fixes; after that the agenda is closed to proposals', async () => {
    const m = await schedule(72);
    const proposed = await t.call('steeringMember', 'POST', `/api/v1/meetings/${m.id}/agenda-items`, { title: 'Ervaringen met de schoolfactuur', kind: 'discussion' });
    expect(proposed.statusCode).toBe(201);
    const item = proposed.json<{ id: string; can: { edit: boolean } }>();
    expect(item.can.edit).toBe(true);
    const asMember = await t.call('steeringMember', 'GET', `/api/v1/meetings/${m.id}`);
    expect(asMember.json<Detail>().can).toEqual(expect.objectContaining({ manage: false, propose: true, editAgenda: false }));
    // Someone else's item is not the member's to change.
    expect((await t.call('steeringMember', 'PATCH', `/api/v1/agenda-items/${m.agenda[0]!.id}`, { title: 'Anders' })).statusCode).toBe(403);
    const order = [item.id, ...m.agenda.map((i) => i.id)];
    const reordered = await t.call('coordinator', 'PUT', `/api/v1/meetings/${m.id}/agenda-order`, { itemIds: order });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json<Detail>().agenda.map((i) => i.id)).toEqual(order);
    expect((await t.call('coordinator', 'PUT', `/api/v1/meetings/${m.id}/agenda-order`, { itemIds: order.slice(1) })).statusCode).toBe(400);
    const fixed = await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/fix-agenda`, {});
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<Detail>().state).toBe('agenda_sent');
    expect((await t.call('steeringMember', 'POST', `/api/v1/meetings/${m.id}/agenda-items`, { title: 'Te laat' })).statusCode).toBe(409);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/fix-agenda`, {})).statusCode).toBe(409);
  });

  test('held, minutes with a new action, sent back by the chair, then approved', async () => {
    const m = await schedule(-1);
    expect(m.can.transitions).toContain('mark_held');
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/submit`, {})).statusCode).toBe(409);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/held`, {})).statusCode).toBe(200);
    const first = m.agenda[0]!;
    const notes = await t.call('coordinator', 'PATCH', `/api/v1/agenda-items/${first.id}`, { notes: 'De werkgroep stelde de cijfers voor.', decisions: 'We breiden de proef uit.' });
    expect(notes.statusCode).toBe(200);
    const attendee = m.attendees[0]!;
    const present = await t.call('coordinator', 'PATCH', `/api/v1/meetings/${m.id}/attendees/${attendee.personId}`, { attendance: 'present' });
    expect(present.json()).toEqual(expect.objectContaining({ state: 'held' }));
    const objective = await t.db.db.selectFrom('operationalObjective').select('id').where('trajectoryId', '=', trajectoryId).executeTakeFirstOrThrow();
    const withAction = await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/actions`, { title: 'Proef uitbreiden naar twee scholen', operationalObjectiveId: objective.id, dueDate: '2027-06-30', agendaItemId: first.id });
    expect(withAction.statusCode).toBe(201);
    const action = withAction.json<Detail>().actions[0]!;
    expect(action.title).toBe('Proef uitbreiden naar twee scholen');
    const inPlan = await t.call('coordinator', 'GET', `/api/v1/actions/${action.id}`);
    expect(inPlan.statusCode).toBe(200);
    // The coordinator writes the minutes but does not approve them.
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/submit`, {})).statusCode).toBe(200);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/approve`, {})).statusCode).toBe(403);
    expect((await t.call('coordinator', 'PATCH', `/api/v1/agenda-items/${first.id}`, { notes: 'na indienen' })).statusCode).toBe(409);
    const back = await t.call('chair', 'POST', `/api/v1/meetings/${m.id}/minutes/send-back`, { remark: 'Vermeld ook wie de proef trekt.' });
    expect(back.statusCode).toBe(200);
    expect(back.json<Detail>()).toEqual(expect.objectContaining({ state: 'held', minutesRemark: 'Vermeld ook wie de proef trekt.' }));
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/minutes/submit`, {})).statusCode).toBe(200);
    const approved = await t.call('chair', 'POST', `/api/v1/meetings/${m.id}/minutes/approve`, {});
    expect(approved.statusCode).toBe(200);
    // The minutes' delivery starts in the background as the approval commits; it may already have marked them distributed.
    expect(['minutes_approved', 'distributed']).toContain(approved.json<Detail>().state);
    expect(approved.json<Detail>().minutesApprovedAt).not.toBeNull();
    expect((await t.call('coordinator', 'DELETE', `/api/v1/meetings/${m.id}`)).statusCode).toBe(409);
  });
});

const bodyOf = async (name: string) => (await t.db.db.selectFrom('body').select('id').where('trajectoryId', '=', trajectoryId).where('name', '=', name).executeTakeFirstOrThrow()).id;
const paths = (res: { json<T>(): T }) => res.json<{ errors?: { path: string }[] }>().errors?.map((e) => e.path) ?? [];

describe("ids of another trajectory or tenant reveal nothing", () => {
  let f: Factory;
  let elsewhere: World;
  let otherTenant: World;
  const itemOf = async (w: World) =>
    (await sql<{ id: string }>`insert into agenda_item (tenant_id, meeting_id, trajectory_id, position, title) values (${w.tenantId}, ${w.meetingId}, ${w.trajectoryId}, 0, 'Elders') returning id`.execute(t.db.db)).rows[0]!.id;

  beforeAll(async () => {
    f = new Factory(t.db.db);
    elsewhere = await f.world(demoTenants.beekvliet.id, null);
    otherTenant = await f.world(demoTenants.heidebos.id, null);
    for (const w of [elsewhere, otherTenant]) await sql`insert into meeting_attendee (tenant_id, meeting_id, person_id) values (${w.tenantId}, ${w.meetingId}, ${w.memberPersonId})`.execute(t.db.db);
  });

  test.each([
    ['another trajectory', () => elsewhere],
    ['another tenant', () => otherTenant],
  ])("the coordinator aiming every route at %s's meeting, agenda item and attendee gets 404 and changes nothing", async (_label, world) => {
    const w = world();
    const item = await itemOf(w);
    const m = `/api/v1/meetings/${w.meetingId}`;
    const p = w.memberPersonId;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/trajectories/${w.trajectoryId}/meetings`],
      ['POST', `/api/v1/trajectories/${w.trajectoryId}/meetings`, { bodyId: w.steeringId, title: 'X', startsAt: hoursFromNow(5), endsAt: hoursFromNow(6) }],
      ['GET', m],
      ['PATCH', m, { title: 'Overgenomen' }],
      ['DELETE', m],
      ['POST', `${m}/fix-agenda`, {}],
      ['POST', `${m}/held`, {}],
      ['POST', `${m}/minutes/submit`, {}],
      ['POST', `${m}/minutes/approve`, {}],
      ['POST', `${m}/minutes/send-back`, { remark: 'Nee' }],
      ['POST', `${m}/cancel`, {}],
      ['PATCH', `${m}/minutes`, { notes: 'Overgenomen' }],
      ['POST', `${m}/agenda-items`, { title: 'Binnengesmokkeld' }],
      ['PUT', `${m}/agenda-order`, { itemIds: [item] }],
      ['POST', `${m}/attendees`, { personId: p }],
      ['PATCH', `${m}/attendees/${p}`, { response: 'declined' }],
      ['DELETE', `${m}/attendees/${p}`],
      ['POST', `${m}/actions`, { title: 'Actie', operationalObjectiveId: w.operationalId }],
      ['GET', `${m}/parents-to-call`],
      ['POST', `${m}/check-ins/${p}`, {}],
      ['PATCH', `/api/v1/agenda-items/${item}`, { title: 'Overgenomen' }],
      ['DELETE', `/api/v1/agenda-items/${item}`],
    ];
    const before = await settled();
    const answers = [];
    for (const [method, url, body] of calls) answers.push(`${method} ${url}: ${(await t.call('coordinator', method as 'GET', url, body)).statusCode}`);
    expect(answers).toEqual(calls.map(([method, url]) => `${method} ${url}: 404`));
    expect(await settled()).toBe(before);
  });

  test("a person of another trajectory or tenant in the path of one's own meeting is 404; in a body, 400 naming the field", async () => {
    const m = await schedule(30);
    const before = await settled();
    for (const w of [elsewhere, otherTenant]) {
      expect((await t.call('coordinator', 'PATCH', `/api/v1/meetings/${m.id}/attendees/${w.memberPersonId}`, { response: 'accepted' })).statusCode).toBe(404);
      expect((await t.call('coordinator', 'DELETE', `/api/v1/meetings/${m.id}/attendees/${w.memberPersonId}`)).statusCode).toBe(404);
      expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/check-ins/${w.memberPersonId}`, {})).statusCode).toBe(404);
      const invite = await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/attendees`, { personId: w.memberPersonId });
      expect([invite.statusCode, paths(invite)]).toEqual([400, ['body.personId']]);
    }
    expect(await settled()).toBe(before);
  });

  test('a body of another trajectory as bodyId is 400 naming body.bodyId', async () => {
    for (const bodyId of [elsewhere.steeringId, otherTenant.steeringId]) {
      const res = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId, title: 'Elders', startsAt: hoursFromNow(5), endsAt: hoursFromNow(6) });
      expect([res.statusCode, paths(res)]).toEqual([400, ['body.bodyId']]);
    }
  });

  test.each(['presenterId', 'domainId', 'operationalObjectiveId', 'actionId'] as const)('an agenda item linking %s of another trajectory is 400 naming the field, on create and on change', async (field) => {
    const m = await schedule(40);
    const foreign = { presenterId: elsewhere.memberPersonId, domainId: elsewhere.domainId, operationalObjectiveId: elsewhere.operationalId, actionId: elsewhere.actionId }[field];
    const created = await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/agenda-items`, { title: 'Gelinkt punt', [field]: foreign });
    expect([created.statusCode, paths(created)]).toEqual([400, [`body.${field}`]]);
    const changed = await t.call('coordinator', 'PATCH', `/api/v1/agenda-items/${m.agenda[0]!.id}`, { [field]: foreign });
    expect([changed.statusCode, paths(changed)]).toEqual([400, [`body.${field}`]]);
    // The same field pointing into this trajectory is fine.
    const own = {
      presenterId: m.attendees[0]!.personId,
      domainId: m.agenda[0]!.domainId,
      operationalObjectiveId: (await t.db.db.selectFrom('operationalObjective').select('id').where('trajectoryId', '=', trajectoryId).executeTakeFirstOrThrow()).id,
      actionId: (await t.db.db.selectFrom('action').select('id').where('trajectoryId', '=', trajectoryId).executeTakeFirstOrThrow()).id,
    }[field];
    expect((await t.call('coordinator', 'PATCH', `/api/v1/agenda-items/${m.agenda[0]!.id}`, { [field]: own })).statusCode).toBe(200);
  });

  test('a new action in the minutes with an objective or owner of another trajectory is 400 naming the field', async () => {
    const m = await schedule(-1);
    await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/held`, {});
    const objective = await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/actions`, { title: 'Elders', operationalObjectiveId: elsewhere.operationalId });
    expect([objective.statusCode, paths(objective)]).toEqual([400, ['body.operationalObjectiveId']]);
    const ownObjective = (await t.db.db.selectFrom('operationalObjective').select('id').where('trajectoryId', '=', trajectoryId).executeTakeFirstOrThrow()).id;
    const owner = await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/actions`, { title: 'Elders', operationalObjectiveId: ownObjective, ownerId: elsewhere.memberPersonId });
    expect([owner.statusCode, paths(owner)]).toEqual([400, ['body.ownerId']]);
    expect((await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>().actions).toEqual([]);
  });
});

describe("a work group's chair organises their own work group's meetings only", () => {
  test("Sofie schedules and fixes her work group's meeting, and gets 403 on the steering group's and another work group's", async () => {
    const own = await bodyOf('Werkgroep onderwijs en vrije tijd');
    const other = await bodyOf('Werkgroep inkomen en gezondheid');
    const input = (bodyId: string) => ({ bodyId, title: 'Werkgroep', startsAt: hoursFromNow(50), endsAt: hoursFromNow(52) });
    const created = await t.call('workGroupChair', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, input(own));
    expect(created.statusCode).toBe(201);
    const m = created.json<Detail>();
    expect(m.can).toEqual(expect.objectContaining({ manage: true, approve: true, editAgenda: true }));
    // A work group's meeting gets no progress items: those belong to the steering group.
    expect(m.agenda).toEqual([]);
    expect((await t.call('workGroupChair', 'POST', `/api/v1/meetings/${m.id}/agenda-items`, { title: 'Schoolkosten' })).statusCode).toBe(201);
    expect((await t.call('workGroupChair', 'POST', `/api/v1/meetings/${m.id}/fix-agenda`, {})).statusCode).toBe(200);
    expect((await t.call('workGroupChair', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, input(steeringId))).statusCode).toBe(403);
    expect((await t.call('workGroupChair', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, input(other))).statusCode).toBe(403);
    const steering = await schedule(60);
    const asChair = await t.call('workGroupChair', 'GET', `/api/v1/meetings/${steering.id}`);
    expect(asChair.json<Detail>().can).toEqual(expect.objectContaining({ manage: false, approve: false, propose: true, transitions: [] }));
    const before = await settled();
    expect((await t.call('workGroupChair', 'POST', `/api/v1/meetings/${steering.id}/fix-agenda`, {})).statusCode).toBe(403);
    expect((await t.call('workGroupChair', 'PATCH', `/api/v1/meetings/${steering.id}`, { title: 'Overgenomen' })).statusCode).toBe(403);
    expect((await t.call('workGroupChair', 'POST', `/api/v1/meetings/${steering.id}/cancel`, {})).statusCode).toBe(403);
    expect(await settled()).toBe(before);
  });
});

describe("parents' contact details and check-ins stay with their trusted person", () => {
  let meetingId: string;
  let otherTrusted: { tenantId: string; userId: string };
  let otherParentId: string;
  let nadiasParents: string[];
  const note = `Kelly vond het fijn, de bus was wel laat ${randomUUID()}`;

  beforeAll(async () => {
    const f = new Factory(t.db.db);
    const groupId = await bodyOf('Signaalgroep ouders');
    const w = { tenantId: demoTenants.beekvliet.id, trajectoryId };
    const userId = randomUUID();
    const otherTrustedId = await f.person(w, { entra_object_id: userId, display_name: 'Bart Vertrouwenspersoon' });
    await f.membership(w, groupId, otherTrustedId, 'trusted_person');
    otherParentId = await f.person(w, { display_name: 'Ouder van Bart', phone: '+32 470 12 34 56', trusted_person_id: otherTrustedId });
    await f.membership(w, groupId, otherParentId, 'parent');
    otherTrusted = { tenantId: w.tenantId, userId };
    const m = await schedule(-2, groupId);
    meetingId = m.id;
    const nadia = (await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.trustedPerson).where('tenantId', '=', w.tenantId).executeTakeFirstOrThrow()).id;
    nadiasParents = (await t.db.db.selectFrom('person').select('id').where('trustedPersonId', '=', nadia).execute()).map((p) => p.id);
    expect(m.attendees.filter((a) => a.isParent).length).toBe(nadiasParents.length + 1);
  });

  type CallList = { parents: { personId: string; phone: string | null; checkedIn: boolean; checkInNote: string }[] };
  const callList = async (user: Parameters<TestApp['call']>[0]) => {
    const res = await t.call(user, 'GET', `/api/v1/meetings/${meetingId}/parents-to-call`);
    return { status: res.statusCode, body: res.statusCode === 200 ? res.json<CallList>() : null };
  };

  test('the call list: Nadia sees her own parents with their phone, the other trusted person only theirs, the coordinator everyone, a member nothing', async () => {
    const nadia = await callList('trustedPerson');
    expect(nadia.body!.parents.map((p) => p.personId).sort()).toEqual([...nadiasParents].sort());
    expect(nadia.body!.parents.every((p) => p.phone)).toBe(true);
    const bart = await callList(otherTrusted);
    expect(bart.body!.parents.map((p) => [p.personId, p.phone])).toEqual([[otherParentId, '+32 470 12 34 56']]);
    const coordinator = await callList('coordinator');
    expect(coordinator.body!.parents.map((p) => p.personId).sort()).toEqual([...nadiasParents, otherParentId].sort());
    expect(coordinator.body!.parents.every((p) => p.phone)).toBe(true);
    for (const user of ['steeringMember', 'chair', 'aldermanEducation'] as const) expect((await callList(user)).status).toBe(403);
  });

  test('checkedIn is null for readers who neither organise nor trust that parent', async () => {
    const checkedIn = async (user: Parameters<TestApp['call']>[0]) =>
      Object.fromEntries((await t.call(user, 'GET', `/api/v1/meetings/${meetingId}`)).json<Detail>().attendees.filter((a) => a.isParent).map((a) => [a.personId, a.checkedIn]));
    const all = [...nadiasParents, otherParentId];
    expect(Object.values(await checkedIn('steeringMember'))).toEqual(all.map(() => null));
    expect(Object.values(await checkedIn('actionOwner'))).toEqual(all.map(() => null));
    const asNadia = await checkedIn('trustedPerson');
    expect(nadiasParents.map((id) => asNadia[id])).toEqual(nadiasParents.map(() => false));
    expect(asNadia[otherParentId]).toBeNull();
    const asBart = await checkedIn(otherTrusted);
    expect(asBart[otherParentId]).toBe(false);
    expect(nadiasParents.map((id) => asBart[id])).toEqual(nadiasParents.map(() => null));
    expect(Object.values(await checkedIn('coordinator')).every((v) => v === false)).toBe(true);
  });

  test("Nadia's check-in is shown to her and the coordinator; its note never reaches the audit log; another trusted person's parent is not hers", async () => {
    const kelly = nadiasParents[0]!;
    const done = await t.call('trustedPerson', 'POST', `/api/v1/meetings/${meetingId}/check-ins/${kelly}`, { note });
    expect(done.statusCode).toBe(200);
    expect(done.json<CallList>().parents.find((p) => p.personId === kelly)).toEqual(expect.objectContaining({ checkedIn: true, checkInNote: note }));
    expect((await t.call('trustedPerson', 'POST', `/api/v1/meetings/${meetingId}/check-ins/${otherParentId}`, { note })).statusCode).toBe(403);
    const attendee = (await t.call('coordinator', 'GET', `/api/v1/meetings/${meetingId}`)).json<Detail>().attendees.find((a) => a.personId === kelly);
    expect(attendee?.checkedIn).toBe(true);
    expect(JSON.stringify((await t.call('steeringMember', 'GET', `/api/v1/meetings/${meetingId}`)).json())).not.toContain(note);
    const audit = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/audit?limit=500`);
    expect(audit.statusCode).toBe(200);
    const entries = audit.json<{ entity: string; entityId: string; changes: Record<string, unknown> }[]>();
    expect(entries.some((e) => e.entityId === meetingId && JSON.stringify(e.changes).includes(kelly))).toBe(true);
    expect(audit.body).not.toContain(note.slice(-36));
    const ofMeeting = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/audit?entity=meeting&entityId=${meetingId}`);
    expect(ofMeeting.json<unknown[]>().length).toBeGreaterThan(0);
    expect(ofMeeting.body).not.toContain(note.slice(-36));
  });
});

describe('states and time', () => {
  test('two simultaneous fix-agenda calls: one 200 and one 409', async () => {
    const m = await schedule(80);
    const answers = await Promise.all([1, 2].map(() => t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/fix-agenda`, {})));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const audits = await t.db.db.selectFrom('auditLog').select('id').where('entityId', '=', m.id).where('operation', '=', 'update').execute();
    expect(audits).toHaveLength(1);
  });

  test('transitions in the wrong state are refused with 409 and change nothing', async () => {
    const future = await schedule(90);
    const past = await schedule(-3);
    await t.call('coordinator', 'POST', `/api/v1/meetings/${past.id}/held`, {});
    const parent = past.attendees.find((a) => a.isParent)!;
    const refused: [Parameters<TestApp['call']>[0], string, string, unknown?][] = [
      ['coordinator', 'POST', `/api/v1/meetings/${future.id}/held`, {}],
      ['coordinator', 'POST', `/api/v1/meetings/${future.id}/minutes/submit`, {}],
      ['chair', 'POST', `/api/v1/meetings/${future.id}/minutes/approve`, {}],
      ['chair', 'POST', `/api/v1/meetings/${future.id}/minutes/send-back`, { remark: 'Te vroeg' }],
      ['coordinator', 'PATCH', `/api/v1/meetings/${future.id}/minutes`, { notes: 'Te vroeg' }],
      ['coordinator', 'PATCH', `/api/v1/agenda-items/${future.agenda[0]!.id}`, { notes: 'Te vroeg' }],
      ['trustedPerson', 'POST', `/api/v1/meetings/${future.id}/check-ins/${parent.personId}`, {}],
      ['coordinator', 'POST', `/api/v1/meetings/${past.id}/fix-agenda`, {}],
      ['coordinator', 'POST', `/api/v1/meetings/${past.id}/held`, {}],
      ['coordinator', 'POST', `/api/v1/meetings/${past.id}/cancel`, {}],
      ['coordinator', 'PATCH', `/api/v1/meetings/${past.id}`, { title: 'Later' }],
      ['coordinator', 'DELETE', `/api/v1/meetings/${past.id}`],
      ['coordinator', 'DELETE', `/api/v1/meetings/${past.id}/attendees/${parent.personId}`],
      ['coordinator', 'PUT', `/api/v1/meetings/${past.id}/agenda-order`, { itemIds: past.agenda.map((i) => i.id) }],
      ['steeringMember', 'POST', `/api/v1/meetings/${past.id}/agenda-items`, { title: 'Te laat' }],
      ['chair', 'POST', `/api/v1/meetings/${past.id}/minutes/approve`, {}],
    ];
    const before = await settled();
    const answers = [];
    for (const [user, method, url, body] of refused) answers.push(`${method} ${url}: ${(await t.call(user, method as 'GET', url, body)).statusCode}`);
    expect(answers).toEqual(refused.map(([, method, url]) => `${method} ${url}: 409`));
    expect(await settled()).toBe(before);
    // Submitted minutes are not submitted twice; a cancelled meeting is not cancelled again.
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${past.id}/minutes/submit`, {})).statusCode).toBe(200);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${past.id}/minutes/submit`, {})).statusCode).toBe(409);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${future.id}/cancel`, { reason: 'Zaal niet vrij' })).statusCode).toBe(200);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${future.id}/cancel`, {})).statusCode).toBe(409);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${future.id}/fix-agenda`, {})).statusCode).toBe(409);
  });

  test('a meeting on the day summer time starts reads back as the same instant, and so does one the day before', async () => {
    for (const [startsAt, endsAt, utc] of [
      ['2027-03-28T19:00:00+02:00', '2027-03-28T21:00:00+02:00', '2027-03-28T17:00:00.000Z'],
      ['2027-03-27T19:00:00+01:00', '2027-03-27T21:00:00+01:00', '2027-03-27T18:00:00.000Z'],
    ] as const) {
      const res = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title: 'Stuurgroep lente', startsAt, endsAt, prefillAgenda: false });
      expect(res.statusCode).toBe(201);
      const m = res.json<{ id: string; startsAt: string; endsAt: string }>();
      expect([m.startsAt, Date.parse(m.startsAt)]).toEqual([utc, Date.parse(startsAt)]);
      const again = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<{ startsAt: string; endsAt: string }>();
      expect([Date.parse(again.startsAt), Date.parse(again.endsAt)]).toEqual([Date.parse(startsAt), Date.parse(endsAt)]);
    }
  });

  test('any order of the agenda round-trips (property-based)', async () => {
    const m = await schedule(100);
    for (const title of ['Verwelkoming', 'Verslag vorige keer', 'Rondvraag']) {
      expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${m.id}/agenda-items`, { title })).statusCode).toBe(201);
    }
    const ids = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>().agenda.map((i) => i.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }), async (order) => {
        const res = await t.call('coordinator', 'PUT', `/api/v1/meetings/${m.id}/agenda-order`, { itemIds: order });
        expect(res.statusCode).toBe(200);
        const agenda = (await t.call('steeringMember', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>().agenda;
        expect(agenda.map((i) => i.id)).toEqual(order);
        expect(agenda.map((i) => i.position)).toEqual(order.map((_id, i) => i));
      }),
      { numRuns: 25 },
    );
  });
});

describe('rules the schema alone cannot see', () => {
  test('moving only the start so that the meeting would last over 24 hours is 400 naming body.endsAt', async () => {
    const m = await schedule(120);
    const res = await t.call('coordinator', 'PATCH', `/api/v1/meetings/${m.id}`, { startsAt: hoursFromNow(60) });
    expect([res.statusCode, paths(res)]).toEqual([400, ['body.endsAt']]);
    expect((await t.call('coordinator', 'PATCH', `/api/v1/meetings/${m.id}`, { startsAt: hoursFromNow(119) })).statusCode).toBe(200);
  });

  test('no check-in for a cancelled meeting, and no invitation answered once the meeting is held', async () => {
    const cancelled = await schedule(-1);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${cancelled.id}/cancel`, {})).statusCode).toBe(200);
    const parent = cancelled.attendees.find((a) => a.isParent)!;
    expect((await t.call('trustedPerson', 'POST', `/api/v1/meetings/${cancelled.id}/check-ins/${parent.personId}`, {})).statusCode).toBe(409);
    const held = await schedule(-1);
    expect((await t.call('coordinator', 'POST', `/api/v1/meetings/${held.id}/held`, {})).statusCode).toBe(200);
    const hilde = (await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.steeringMember).where('tenantId', '=', demoTenants.beekvliet.id).executeTakeFirstOrThrow()).id;
    expect(held.attendees.map((a) => a.personId)).toContain(hilde);
    expect((await t.call('steeringMember', 'PATCH', `/api/v1/meetings/${held.id}/attendees/${hilde}`, { response: 'declined' })).statusCode).toBe(409);
    const open = await schedule(130);
    expect((await t.call('steeringMember', 'PATCH', `/api/v1/meetings/${open.id}/attendees/${hilde}`, { response: 'declined' })).statusCode).toBe(200);
  });
});

describe("Beekvliet's demo meetings", () => {
  interface Listed { id: string; title: string; state: string; bodyKind: string; dayPart: string; startsAt: string; minutesApprovedAt: string | null; minutesSubmittedAt: string | null }
  const days = (iso: string) => (Date.parse(iso) - Date.now()) / 86_400_000;
  const demo = async () => (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/meetings`)).json<{ meetings: Listed[] }>().meetings;

  test('a past steering-group meeting with approved minutes, attendance and a parent Nadia checked in with', async () => {
    const m = (await demo()).find((x) => x.title === 'Stuurgroep: opvolging van de werkgroepen')!;
    expect(m).toEqual(expect.objectContaining({ bodyKind: 'steering_group', state: 'distributed', minutesApprovedAt: expect.any(String) }));
    expect(days(m.startsAt)).toBeLessThan(-7);
    const detail = (await t.call('trustedPerson', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
    expect(detail.agenda.some((i) => i.decisions)).toBe(true);
    expect(detail.attendees.filter((a) => a.attendance === 'present').length).toBeGreaterThan(3);
    expect(detail.attendees.find((a) => a.displayName === 'Kelly Verbeeck')).toEqual(expect.objectContaining({ isParent: true, checkedIn: true, trustedPersonName: 'Nadia Benali' }));
    const deliveries = await t.db.db.selectFrom('minutesDelivery').select(['reason', 'state']).where('meetingId', '=', m.id).execute();
    expect(deliveries.some((d) => d.reason === 'alderman')).toBe(true);
    expect(deliveries.every((d) => d.state === 'sent')).toBe(true);
  });

  test("a work-group meeting held, its minutes waiting for the chair's approval", async () => {
    const m = (await demo()).find((x) => x.title === 'Werkgroep onderwijs en vrije tijd: vakantieaanbod')!;
    expect(m).toEqual(expect.objectContaining({ bodyKind: 'work_group', state: 'held' }));
    expect(m.minutesSubmittedAt).toEqual(expect.any(String));
    const asChair = (await t.call('workGroupChair', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
    expect(asChair.can.transitions).toEqual(expect.arrayContaining(['approve_minutes', 'send_back']));
    expect(asChair.agenda.every((i) => i.notes)).toBe(true);
  });

  test('an upcoming steering-group meeting in about ten days with a draft agenda holding a member’s proposal', async () => {
    const m = (await demo()).find((x) => x.bodyKind === 'steering_group' && x.state === 'planned' && days(x.startsAt) > 8 && days(x.startsAt) < 12)!;
    const asMember = (await t.call('steeringMember', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
    expect(asMember.agenda.map((i) => i.proposedByName)).toContain('Hilde Goossens');
    expect(asMember.agenda.filter((i) => i.domainId).length).toBeGreaterThan(0);
    expect(asMember.can.propose).toBe(true);
  });

  test("an upcoming evening meeting of the parents' group, its parents invited through their trusted person", async () => {
    const m = (await demo()).find((x) => x.bodyKind === 'parents_group' && days(x.startsAt) > 0)!;
    expect(m.dayPart).toBe('evening');
    const detail = (await t.call('coordinator', 'GET', `/api/v1/meetings/${m.id}`)).json<Detail>();
    const parents = detail.attendees.filter((a) => a.isParent);
    expect(parents.length).toBe(3);
    expect(parents.every((p) => p.trustedPersonName === 'Nadia Benali' && !p.hasAccount)).toBe(true);
    expect((await t.call('trustedPerson', 'GET', `/api/v1/meetings/${m.id}/parents-to-call`)).json<{ parents: unknown[] }>().parents).toHaveLength(3);
  });
});
