import { randomUUID } from 'node:crypto';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan, personIdOf, type Plan } from '../support/demo';
import { createTestApp, type DemoUser, type TestApp } from '../support/test-app';

let t: TestApp;
let trajectoryId: string;
let plan: Plan;
let educationDomain: Plan['domains'][number];
let otherDomain: Plan['domains'][number];

const outsider = { tenantId: demoTenants.beekvliet.id, userId: randomUUID(), name: 'Niet betrokken' };

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
  plan = await loadPlan(t, trajectoryId);
  educationDomain = plan.domains.find((d) => /onderwijs/i.test(d.name))!;
  otherDomain = plan.domains.find((d) => d.state === 'active' && d.id !== educationDomain.id && d.strategicObjectives.length > 0)!;
});
afterAll(() => t.close());

async function as(user: DemoUser | typeof outsider, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<number> {
  const token = await t.token(user);
  const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body as object } : {}) });
  return res.statusCode;
}

const readers: DemoUser[] = ['coordinator', 'chair', 'facilitator', 'aldermanEducation', 'aldermanWelfare', 'workGroupChair', 'actionOwner', 'steeringMember', 'trustedPerson'];

/** Demo users who hold no editing role for the domain: not in its work group, not coordinator/chair/facilitator. */
async function usersOutsideWorkGroup(domainId: string): Promise<DemoUser[]> {
  const bodies = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/bodies`)).json<{ id: string; domainId: string | null }[]>();
  const groupIds = new Set(bodies.filter((b) => b.domainId === domainId).map((b) => b.id));
  const people = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/people`)).json<
    { entraObjectId: string | null; memberships: { bodyId: string; role: string; bodyKind: string }[] }[]
  >();
  const candidates: DemoUser[] = ['aldermanEducation', 'aldermanWelfare', 'steeringMember', 'trustedPerson', 'workGroupChair'];
  return candidates.filter((user) => {
    const person = people.find((p) => p.entraObjectId === demoUsers[user]);
    if (!person) return false;
    const inGroup = person.memberships.some((m) => groupIds.has(m.bodyId));
    const editor = person.memberships.some((m) => m.bodyKind === 'steering_group' && ['coordinator', 'chair', 'facilitator'].includes(m.role));
    return !inGroup && !editor;
  });
}

describe('permission matrix', () => {
  test.each(readers)('%s reads the plan', async (user) => {
    expect(await as(user, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)).toBe(200);
  });

  test('a user of the tenant who takes no part learns nothing: 404, as for an unknown id', async () => {
    expect(await as(outsider, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)).toBe(404);
    expect(await as(outsider, 'PATCH', `/api/v1/trajectories/${trajectoryId}`, { mission: 'x' })).toBe(404);
  });

  test.each([
    ['coordinator', 200],
    ['chair', 200],
    ['facilitator', 200],
    ['aldermanEducation', 403],
    ['steeringMember', 403],
    ['workGroupChair', 403],
    ['actionOwner', 403],
    ['trustedPerson', 403],
  ] as const)('%s changing the trajectory → %i', async (user, status) => {
    expect(await as(user, 'PATCH', `/api/v1/trajectories/${trajectoryId}`, { vision: `Visie bijgewerkt door ${user}` })).toBe(status);
  });

  test.each([
    ['coordinator', 201],
    ['facilitator', 201],
    ['workGroupChair', 201],
    ['actionOwner', 201],
    ['aldermanEducation', 403],
    ['steeringMember', 403],
    ['trustedPerson', 403],
  ] as const)("%s adding an objective to the education work group's domain → %i", async (user, status) => {
    expect(await as(user, 'POST', `/api/v1/domains/${educationDomain.id}/strategic-objectives`, { title: `Doel van ${user}` })).toBe(status);
  });

  test("work-group members cannot change another domain's objectives", async () => {
    const objective = otherDomain.strategicObjectives[0]!;
    expect(await as('workGroupChair', 'PATCH', `/api/v1/strategic-objectives/${objective.id}`, { title: 'Niet van mij' })).toBe(403);
    expect(await as('actionOwner', 'POST', `/api/v1/domains/${otherDomain.id}/strategic-objectives`, { title: 'Niet van mij' })).toBe(403);
    expect(await as('coordinator', 'PATCH', `/api/v1/strategic-objectives/${objective.id}`, { title: objective.title })).toBe(200);
  });

  test('an owner outside the work group may update status and progress of their own action, nothing else', async () => {
    const action = allActions(plan).find((a) => a.domainId === otherDomain.id && (a.status === 'planned' || a.status === 'in_progress'))!;
    const tom = await personIdOf(t, trajectoryId, demoUsers.actionOwner);
    expect(await as('actionOwner', 'PATCH', `/api/v1/actions/${action.id}`, { status: 'in_progress' })).toBe(action.ownerId === tom ? 200 : 403);
    expect(await as('coordinator', 'PATCH', `/api/v1/actions/${action.id}`, { ownerId: tom })).toBe(200);
    expect(await as('actionOwner', 'PATCH', `/api/v1/actions/${action.id}`, { status: 'done', progressNote: 'Afgerond' })).toBe(200);
    expect(await as('actionOwner', 'PATCH', `/api/v1/actions/${action.id}`, { title: 'Andere titel' })).toBe(403);
    const outsiders = await usersOutsideWorkGroup(otherDomain.id);
    expect(outsiders.length).toBeGreaterThan(0);
    for (const user of outsiders) {
      expect([user, await as(user, 'PATCH', `/api/v1/actions/${action.id}`, { status: 'in_progress' })]).toEqual([user, 403]);
    }
  });

  test("parents' contact details: only the coordinator, their trusted person and the parent see them", async () => {
    type Person = { displayName: string; isParent: boolean; phone: string | null; email: string | null; contactHidden: boolean };
    const view = async (user: DemoUser) => (await t.call(user, 'GET', `/api/v1/trajectories/${trajectoryId}/people`)).json<Person[]>().filter((p) => p.isParent);
    const coordinatorView = await view('coordinator');
    expect(coordinatorView.length).toBeGreaterThanOrEqual(3);
    expect(coordinatorView.every((p) => p.phone !== null || p.email !== null)).toBe(true);
    expect((await view('trustedPerson')).every((p) => p.phone !== null || p.email !== null)).toBe(true);
    for (const user of ['chair', 'aldermanEducation', 'steeringMember', 'actionOwner'] as const) {
      const seen = await view(user);
      expect(seen.every((p) => p.phone === null && p.email === null && p.contactHidden)).toBe(true);
    }
    // non-parents' contact details stay visible to members
    const all = (await t.call('steeringMember', 'GET', `/api/v1/trajectories/${trajectoryId}/people`)).json<Person[]>();
    expect(all.some((p) => !p.isParent && (p.email !== null || p.phone !== null))).toBe(true);
  });

  test('anyone may lower their own reminders but not change someone else', async () => {
    const tom = await personIdOf(t, trajectoryId, demoUsers.actionOwner);
    const sofie = await personIdOf(t, trajectoryId, demoUsers.workGroupChair);
    expect(await as('actionOwner', 'PATCH', `/api/v1/trajectories/${trajectoryId}/people/${tom}`, { reminders: 'reduced' })).toBe(200);
    expect(await as('actionOwner', 'PATCH', `/api/v1/trajectories/${trajectoryId}/people/${tom}`, { displayName: 'Tommy' })).toBe(403);
    expect(await as('actionOwner', 'PATCH', `/api/v1/trajectories/${trajectoryId}/people/${sofie}`, { reminders: 'off' })).toBe(403);
  });
});

describe('tenant isolation', () => {
  test("another tenant's ids answer 404, exactly like unknown ids", async () => {
    const action = allActions(plan)[0]!;
    const urls = [
      `/api/v1/trajectories/${trajectoryId}`,
      `/api/v1/trajectories/${trajectoryId}/plan`,
      `/api/v1/actions/${action.id}`,
      `/api/v1/domains/${educationDomain.id}`,
      `/api/v1/strategic-objectives/${educationDomain.strategicObjectives[0]!.id}`,
    ];
    for (const url of urls) {
      const res = await t.call('heidebosCoordinator', 'GET', url);
      expect([url, res.statusCode]).toEqual([url, 404]);
      const unknown = await t.call('heidebosCoordinator', 'GET', url.replace(/[0-9a-f-]{36}/, randomUUID()));
      expect(unknown.statusCode).toBe(404);
    }
    expect(await as('heidebosCoordinator', 'PATCH', `/api/v1/actions/${action.id}`, { status: 'dropped' })).toBe(404);
    expect(await as('heidebosCoordinator', 'POST', `/api/v1/domains/${educationDomain.id}/strategic-objectives`, { title: 'x' })).toBe(404);
  });

  test('the facilitator sees both municipalities, each with a token of its own tenant; nobody else crosses', async () => {
    const inBeekvliet = (await t.call('facilitator', 'GET', '/api/v1/me')).json<{ trajectories: { municipality: string }[] }>();
    const heidebosToken = await t.token({ tenantId: demoTenants.heidebos.id, userId: demoUsers.facilitator, name: 'Ines' });
    const inHeidebos = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${heidebosToken}` } })).json<{ trajectories: { municipality: string }[] }>();
    expect(inBeekvliet.trajectories.map((x) => x.municipality)).toEqual(['Beekvliet']);
    expect(inHeidebos.trajectories.map((x) => x.municipality)).toEqual(['Heidebos']);
    const heidebosMe = (await t.call('heidebosCoordinator', 'GET', '/api/v1/me')).json<{ trajectories: { municipality: string }[] }>();
    expect(heidebosMe.trajectories.map((x) => x.municipality)).toEqual(['Heidebos']);
    // Beekvliet's coordinator presenting a token for Heidebos' tenant is a stranger there.
    const crossToken = await t.token({ tenantId: demoTenants.heidebos.id, userId: demoUsers.coordinator });
    const cross = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${crossToken}` } })).json<{ trajectories: unknown[] }>();
    expect(cross.trajectories).toEqual([]);
  });

  test('a tenant not registered in Kansrijk is refused', async () => {
    const token = await t.token({ tenantId: randomUUID(), userId: randomUUID() });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ detail: string }>().detail).toMatch(/not registered/);
  });
});
