import { demoTenants } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan, type Plan } from '../support/demo';
import { Factory, type World } from '../support/permission-world';
import { createTestApp, type DemoUser, type TestApp } from '../support/test-app';

let t: TestApp;
let trajectoryId: string;
let plan: Plan;
let elsewhere: World;

interface FocusGroup {
  id: string;
  title: string;
  domainId: string | null;
  bodyId: string | null;
  heldOn: string | null;
  participantCount: number | null;
  themes: string[];
  participantWarning: 'too_few' | 'not_counted' | null;
}
interface Proposal {
  id: string;
  focusGroupId: string;
  text: string;
  theme: string;
  domainId: string | null;
  operationalObjectiveId: string | null;
  actionId: string | null;
}
interface Traces {
  counts: { total: number; action: number; objective: number; open: number };
  proposals: {
    id: string;
    text: string;
    state: 'action' | 'objective' | 'open';
    focusGroup: { id: string; title: string };
    domain: { id: string; name: string } | null;
    objective: { id: string; title: string } | null;
    action: { id: string; title: string; status: string } | null;
  }[];
}

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
  plan = await loadPlan(t, trajectoryId);
  // Another trajectory of the same tenant, where the demo users take no part.
  elsewhere = await new Factory(t.db.db).world(demoTenants.beekvliet.id, null);
});
afterAll(() => t.close());

async function ok<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, user: DemoUser = 'coordinator'): Promise<T> {
  const expected = method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200;
  const res = await t.call(user, method, url, body);
  expect([method, url, res.statusCode, res.statusCode === expected ? '' : res.body]).toEqual([method, url, expected, '']);
  return (res.body ? res.json() : undefined) as T;
}

async function fieldsOf(res: { statusCode: number; json<T>(): T }): Promise<string[]> {
  expect(res.statusCode).toBe(400);
  return res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path).sort();
}

const domainNamed = (name: string) => plan.domains.find((d) => d.name === name)!;
const objectivesOf = (name: string) => domainNamed(name).strategicObjectives.flatMap((s) => s.operationalObjectives);
const base = () => `/api/v1/trajectories/${trajectoryId}`;

async function newFocusGroup(extra: Record<string, unknown> = {}): Promise<FocusGroup> {
  return ok<FocusGroup>('POST', `${base()}/focus-groups`, { title: `Focusgroep ${Math.random().toString(36).slice(2, 7)}`, ...extra });
}

describe('focus groups', () => {
  test('planned, held and recorded, listed and deleted, each change audited', async () => {
    const education = domainNamed('Onderwijs en vrije tijd');
    const bodies = await ok<{ id: string; kind: string; domainId: string | null }[]>('GET', `${base()}/bodies`);
    const workGroup = bodies.find((b) => b.kind === 'work_group' && b.domainId === education.id)!;
    const planned = await newFocusGroup({ domainId: education.id, bodyId: workGroup.id, plannedOn: '2026-09-15', location: 'Buurthuis De Linde', themes: ['Schoolkosten'] });
    expect(planned).toEqual(
      expect.objectContaining({ domainId: education.id, bodyId: workGroup.id, heldOn: null, participantCount: null, themes: ['Schoolkosten'], participantWarning: null }),
    );
    const held = await ok<FocusGroup>('PATCH', `/api/v1/focus-groups/${planned.id}`, { heldOn: '2026-09-15', participantCount: 9, themes: ['Schoolkosten', 'Vrije tijd'], notes: 'Goed gesprek' });
    expect(held).toEqual(expect.objectContaining({ heldOn: '2026-09-15', participantCount: 9, themes: ['Schoolkosten', 'Vrije tijd'], participantWarning: null }));
    expect(await ok<FocusGroup>('GET', `/api/v1/focus-groups/${planned.id}`)).toEqual(held);
    const list = await ok<FocusGroup[]>('GET', `${base()}/focus-groups`, undefined, 'steeringMember');
    expect(list.map((g) => g.id)).toContain(planned.id);

    await ok('DELETE', `/api/v1/focus-groups/${planned.id}`);
    expect((await t.call('coordinator', 'GET', `/api/v1/focus-groups/${planned.id}`)).statusCode).toBe(404);
    const audit = await t.db.db.selectFrom('auditLog').select('operation').where('entityId', '=', planned.id).orderBy('id').execute();
    expect(audit.map((a) => a.operation)).toEqual(['create', 'update', 'delete']);
  });

  test('bad input answers 400 naming each field, and nothing is saved', async () => {
    const before = (await ok<FocusGroup[]>('GET', `${base()}/focus-groups`)).length;
    const res = await t.call('coordinator', 'POST', `${base()}/focus-groups`, {
      title: '  ',
      plannedOn: '2026-02-30',
      participantCount: 13,
      themes: 'vrije tijd',
      colour: 'blue',
    });
    expect(await fieldsOf(res)).toEqual(expect.arrayContaining(['body.participantCount', 'body.plannedOn', 'body.themes', 'body.title']));
    expect(await fieldsOf(await t.call('coordinator', 'POST', `${base()}/focus-groups`, { title: 'x', participantCount: 2.5 }))).toEqual(['body.participantCount']);
    expect(await fieldsOf(await t.call('coordinator', 'POST', `${base()}/focus-groups`, { title: 'x', participantCount: -1 }))).toEqual(['body.participantCount']);
    expect(await fieldsOf(await t.call('coordinator', 'POST', `${base()}/focus-groups`, { title: 'x', domainId: elsewhere.domainId, bodyId: elsewhere.workGroupId }))).toEqual([
      'body.bodyId',
      'body.domainId',
    ]);
    expect((await ok<FocusGroup[]>('GET', `${base()}/focus-groups`)).length).toBe(before);
  });

  test('a held focus group of fewer than four parents, or not counted, is kept with a warning', async () => {
    const small = await newFocusGroup({ heldOn: '2026-03-01', participantCount: 3 });
    expect(small.participantWarning).toBe('too_few');
    const uncounted = await newFocusGroup({ heldOn: '2026-03-01' });
    expect(uncounted.participantWarning).toBe('not_counted');
    const plannedSmall = await newFocusGroup({ plannedOn: '2026-03-01', participantCount: 3 });
    expect(plannedSmall.participantWarning).toBeNull();
    expect((await ok<FocusGroup>('PATCH', `/api/v1/focus-groups/${small.id}`, { participantCount: 4 })).participantWarning).toBeNull();
  });

  test('only the leads plan them; another trajectory answers 404', async () => {
    expect((await t.call('workGroupChair', 'POST', `${base()}/focus-groups`, { title: 'Mag niet' })).statusCode).toBe(403);
    expect((await t.call('coordinator', 'POST', `/api/v1/trajectories/${elsewhere.trajectoryId}/focus-groups`, { title: 'Elders' })).statusCode).toBe(404);
    expect((await t.call('coordinator', 'GET', `/api/v1/trajectories/${elsewhere.trajectoryId}/focus-groups/traces`)).statusCode).toBe(404);
  });
});

describe('proposals and where they went', () => {
  test("the proposals of a focus group traceable to actions through the API", async () => {
    const education = domainNamed('Onderwijs en vrije tijd');
    const [objective] = objectivesOf('Onderwijs en vrije tijd');
    const action = objective!.actions[0]!;
    const group = await newFocusGroup({ domainId: education.id, heldOn: '2026-04-02', participantCount: 7, themes: ['Schoolkosten'] });
    const toAction = await ok<Proposal>('POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Kosten vooraf meedelen', theme: 'Schoolkosten' });
    const toObjective = await ok<Proposal>('POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Eén aanspreekpunt per school' });
    const open = await ok<Proposal>('POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Gratis zwemles voor elk kind' });
    expect(toAction).toEqual(expect.objectContaining({ focusGroupId: group.id, trajectoryId, theme: 'Schoolkosten', actionId: null }));

    await ok('PATCH', `/api/v1/focus-group-proposals/${toAction.id}`, { domainId: education.id, operationalObjectiveId: objective!.id, actionId: action.id });
    // The objective alone is enough: the domain follows from it.
    await ok('PATCH', `/api/v1/focus-group-proposals/${toObjective.id}`, { operationalObjectiveId: objective!.id });
    expect((await ok<Proposal[]>('GET', `/api/v1/focus-groups/${group.id}/proposals`)).map((p) => p.id)).toEqual([toAction.id, toObjective.id, open.id]);

    const traces = await ok<Traces>('GET', `${base()}/focus-groups/traces`, undefined, 'steeringMember');
    const mine = traces.proposals.filter((p) => p.focusGroup.id === group.id);
    expect(mine.map((p) => [p.text, p.state, p.domain?.name ?? null, p.objective?.id ?? null, p.action?.title ?? null])).toEqual([
      ['Kosten vooraf meedelen', 'action', education.name, objective!.id, action.title],
      ['Eén aanspreekpunt per school', 'objective', education.name, objective!.id, null],
      // The focus group prepares this domain's work group, so an open proposal is shown there too.
      ['Gratis zwemles voor elk kind', 'open', education.name, null, null],
    ]);
    expect(mine[0]!.action!.status).toBe(action.status);
    expect(traces.counts.total).toBe(traces.proposals.length);
    expect(traces.counts.action + traces.counts.objective + traces.counts.open).toBe(traces.counts.total);

    // The action's progress shows in the trace, and the action finds its origin.
    await ok('PATCH', `/api/v1/actions/${action.id}`, { status: 'done' });
    const ofAction = await ok<Traces>('GET', `${base()}/focus-groups/traces?action=${action.id}`);
    expect(ofAction.proposals.map((p) => [p.id, p.action?.status, p.focusGroup.title])).toEqual(expect.arrayContaining([[toAction.id, 'done', group.title]]));
    expect(ofAction.proposals.every((p) => p.action?.id === action.id)).toBe(true);
  });

  test('the demo focus group in Beekvliet led to demo actions, and one proposal waits', async () => {
    const traces = await ok<Traces>('GET', `${base()}/focus-groups/traces`);
    const demo = traces.proposals.filter((p) => p.focusGroup.title === 'Focusgroep vrije tijd en school');
    const actionTitles = new Set(allActions(plan).map((a) => a.title));
    expect(demo.filter((p) => p.state === 'action').every((p) => actionTitles.has(p.action!.title))).toBe(true);
    expect(demo.filter((p) => p.state === 'action').length).toBeGreaterThanOrEqual(2);
    expect(demo.some((p) => p.state === 'open')).toBe(true);
  });

  test("links to another trajectory's domain, objective or action answer 400 on the field; inconsistent links too", async () => {
    const group = await newFocusGroup();
    const [first, second] = objectivesOf('Onderwijs en vrije tijd');
    const proposal = await ok<Proposal>('POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Voorstel' });
    const url = `/api/v1/focus-group-proposals/${proposal.id}`;
    expect(await fieldsOf(await t.call('coordinator', 'PATCH', url, { operationalObjectiveId: elsewhere.operationalId, actionId: elsewhere.actionId }))).toEqual([
      'body.actionId',
      'body.operationalObjectiveId',
    ]);
    expect(await fieldsOf(await t.call('coordinator', 'PATCH', url, { domainId: elsewhere.domainId }))).toEqual(['body.domainId']);
    expect(
      await fieldsOf(await t.call('coordinator', 'POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Voorstel', actionId: elsewhere.actionId })),
    ).toEqual(['body.actionId']);
    // An action under another objective than the one given, an objective outside the proposal's domain.
    expect(await fieldsOf(await t.call('coordinator', 'PATCH', url, { operationalObjectiveId: first!.id, actionId: second!.actions[0]!.id }))).toEqual(['body.actionId']);
    const income = domainNamed('Inkomen en gezondheid');
    expect(await fieldsOf(await t.call('coordinator', 'PATCH', url, { domainId: income.id, operationalObjectiveId: first!.id }))).toEqual(['body.operationalObjectiveId']);
    expect(await fieldsOf(await t.call('coordinator', 'PATCH', url, { text: '' }))).toEqual(['body.text']);
    // Nothing of it was saved.
    expect(await ok<Proposal>('GET', url)).toEqual(proposal);
    // Another trajectory's focus group or proposal: 404, as if it did not exist.
    const foreignGroup = await new Factory(t.db.db).focusGroup(elsewhere);
    const foreignProposal = await new Factory(t.db.db).proposal(elsewhere, foreignGroup);
    expect((await t.call('coordinator', 'POST', `/api/v1/focus-groups/${foreignGroup}/proposals`, { text: 'Elders' })).statusCode).toBe(404);
    expect((await t.call('coordinator', 'GET', `/api/v1/focus-group-proposals/${foreignProposal}`)).statusCode).toBe(404);
    expect((await t.call('coordinator', 'PATCH', `/api/v1/focus-group-proposals/${foreignProposal}`, { text: 'Elders' })).statusCode).toBe(404);
  });

  test("the domain's work group links proposals to its own objectives and actions, nothing more", async () => {
    const education = domainNamed('Onderwijs en vrije tijd');
    const [objective] = objectivesOf('Onderwijs en vrije tijd');
    const [otherObjective] = objectivesOf('Inkomen en gezondheid');
    const group = await newFocusGroup({ domainId: education.id });
    const proposal = await ok<Proposal>('POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Sportkledij uitlenen' });
    const url = `/api/v1/focus-group-proposals/${proposal.id}`;
    const linked = await ok<Proposal>('PATCH', url, { operationalObjectiveId: objective!.id, actionId: objective!.actions[0]!.id }, 'workGroupChair');
    expect(linked.actionId).toBe(objective!.actions[0]!.id);
    expect((await t.call('workGroupChair', 'PATCH', url, { text: 'Anders verwoord' })).statusCode).toBe(403);
    expect((await t.call('workGroupChair', 'PATCH', url, { operationalObjectiveId: otherObjective!.id, actionId: null })).statusCode).toBe(403);
    expect((await t.call('workGroupChair', 'POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Nieuw' })).statusCode).toBe(403);
    expect((await t.call('workGroupChair', 'DELETE', url)).statusCode).toBe(403);
    expect((await t.call('steeringMember', 'PATCH', url, { actionId: null })).statusCode).toBe(403);
    expect(await ok<Proposal>('GET', url)).toEqual(linked);
  });

  test('deleting an action leaves the proposal, unlinked from it; deleting the focus group takes its proposals', async () => {
    const [objective] = objectivesOf('Onderwijs en vrije tijd');
    const action = await ok<{ id: string }>('POST', `/api/v1/operational-objectives/${objective!.id}/actions`, { title: 'Tijdelijke actie' });
    const group = await newFocusGroup();
    const proposal = await ok<Proposal>('POST', `/api/v1/focus-groups/${group.id}/proposals`, { text: 'Blijft bestaan', operationalObjectiveId: objective!.id, actionId: action.id });
    await ok('DELETE', `/api/v1/actions/${action.id}`);
    const after = await ok<Proposal>('GET', `/api/v1/focus-group-proposals/${proposal.id}`);
    expect(after).toEqual(expect.objectContaining({ text: 'Blijft bestaan', actionId: null, operationalObjectiveId: objective!.id }));
    const trace = (await ok<Traces>('GET', `${base()}/focus-groups/traces`)).proposals.find((p) => p.id === proposal.id);
    expect(trace?.state).toBe('objective');

    await ok('DELETE', `/api/v1/focus-groups/${group.id}`);
    expect((await t.call('coordinator', 'GET', `/api/v1/focus-group-proposals/${proposal.id}`)).statusCode).toBe(404);
  });
});
