import { demoTenants } from '../../src/seed/demo-ids';
import { createTestApp, type TestApp } from '../support/test-app';

interface Detail {
  id: string;
  state: string;
  bodyKind: string;
  agenda: { id: string; title: string; domainId: string | null; presenterName: string | null; position: number; can: { edit: boolean; minutes: boolean } }[];
  attendees: { personId: string; displayName: string; isParent: boolean; response: string; attendance: string; checkedIn: boolean | null; trustedPersonName: string | null }[];
  actions: { id: string; title: string }[];
  can: { manage: boolean; propose: boolean; approve: boolean; transitions: string[]; editAgenda: boolean; editMinutes: boolean };
  minutesRemark: string;
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

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function schedule(startsInHours: number): Promise<Detail> {
  const res = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
    bodyId: steeringId,
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
    expect(approved.json<Detail>().state).toBe('minutes_approved');
    expect((await t.call('coordinator', 'DELETE', `/api/v1/meetings/${m.id}`)).statusCode).toBe(409);
  });
});
