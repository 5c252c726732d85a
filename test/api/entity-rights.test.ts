import { randomUUID } from 'node:crypto';
import { Factory, matrixRoles, type Caller, type MatrixRole, type World } from '../support/permission-world';
import type { PlanWire } from '../../tabs/src/api/types';
import { spreadRights } from '../../tabs/src/data/plan-rights';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * What the API says a caller may do (`can`) is what it then accepts: for every role of the
 * permission world and a sample of entities (in the role's own domain and outside it, the
 * owner's own action and another's), each write is tried and must succeed exactly when `can`
 * said so. Nothing here states who may do what; the expectations are the server's own answers.
 */

type ActionCan = { edit: boolean; move: boolean; delete: boolean; report: boolean; addIndicator: boolean; fields: string[] };
type Rights = Record<string, boolean | string[]>;

let t: TestApp;
let f: Factory;
let w: World;
/** A domain without a work group: outside every place-bound role's own domain. */
let otherDomainId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  f = new Factory(t.db.db);
  const tenantId = await f.tenant('Gemeente Rechten');
  w = await f.world(tenantId, await f.admin(tenantId));
  w.callers.none = { role: 'none', tenantId, userId: randomUUID(), personId: null };
  otherDomainId = await f.domain(w);
});
afterAll(() => t.close());

const members = matrixRoles.filter((r) => r !== 'none' && r !== 'other_tenant');
const as = (caller: Caller) => ({ tenantId: caller.tenantId, userId: caller.userId, name: caller.role });
const call = (caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => t.call(as(caller), method, url, body);
const ok = (status: number) => status >= 200 && status < 300;

/** A fresh branch of the plan in a domain, so that each role's writes (deletes too) meet untouched rows. */
async function branch(domainId: string, ownerId: string) {
  const at = { ...w, domainId };
  const strategicId = await f.strategic(at);
  const operationalId = await f.operational({ ...at, strategicId });
  const actionId = await f.insert('action', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, domain_id: domainId, operational_objective_id: operationalId, title: 'Speelotheek', owner_id: ownerId });
  const indicatorId = await f.insert('indicator', { tenant_id: w.tenantId, trajectory_id: w.trajectoryId, action_id: actionId, kind: 'output', name: 'Uitleningen' });
  return { strategicId, operationalId, actionId, indicatorId };
}

/** Each write tried, with whether `can` allowed it and what the API answered. */
type Outcome = [label: string, allowed: boolean, status: number];

async function tryAction(caller: Caller, actionId: string, label: string, planCan: Record<string, ActionCan>): Promise<Outcome[]> {
  const read = await call(caller, 'GET', `/api/v1/actions/${actionId}`);
  expect(read.statusCode).toBe(200);
  const { can, status } = read.json<{ can: ActionCan; status: string }>();
  // The plan tells the same, and leaves out an action where the caller holds nothing.
  expect([label, planCan[actionId] ?? null]).toEqual([label, can.edit || can.report || can.move || can.delete || can.fields.length ? can : null]);
  const outcomes: Outcome[] = [];
  const attempt = async (what: string, allowed: boolean, method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const res = await call(caller, method, url, body);
    outcomes.push([`${label} ${what}`, allowed, res.statusCode]);
  };
  const next = status === 'in_progress' ? 'planned' : 'in_progress';
  await attempt('status', can.move, 'PATCH', `/api/v1/actions/${actionId}`, { status: next });
  await attempt('progress note', can.fields.includes('progressNote'), 'PATCH', `/api/v1/actions/${actionId}`, { progressNote: 'Eerste uitleendag gehouden' });
  await attempt('due date', can.fields.includes('dueDate'), 'PATCH', `/api/v1/actions/${actionId}`, { dueDate: '2027-06-30' });
  await attempt('title', can.fields.includes('title'), 'PATCH', `/api/v1/actions/${actionId}`, { title: `Speelotheek ${caller.role}` });
  await attempt('budget', can.fields.includes('budget'), 'PATCH', `/api/v1/actions/${actionId}`, { budget: 1500 });
  await attempt('owner', can.fields.includes('ownerId'), 'PATCH', `/api/v1/actions/${actionId}`, { ownerId: null });
  await attempt('add indicator', can.addIndicator, 'POST', `/api/v1/actions/${actionId}/indicators`, { kind: 'output', name: 'Bereikte kinderen' });
  await attempt('delete', can.delete, 'DELETE', `/api/v1/actions/${actionId}`);
  return outcomes;
}

async function tryIndicator(caller: Caller, indicatorId: string, label: string): Promise<Outcome[]> {
  const read = await call(caller, 'GET', `/api/v1/indicators/${indicatorId}`);
  expect(read.statusCode).toBe(200);
  const { can } = read.json<{ can: Rights }>();
  const outcomes: Outcome[] = [];
  const measured = await call(caller, 'POST', `/api/v1/indicators/${indicatorId}/measurements`, { measuredOn: '2026-04-01', value: 3 });
  outcomes.push([`${label} measure`, can.measure === true, measured.statusCode]);
  const changed = await call(caller, 'PATCH', `/api/v1/indicators/${indicatorId}`, { name: `Uitleningen ${caller.role}` });
  outcomes.push([`${label} edit`, can.edit === true, changed.statusCode]);
  const removed = await call(caller, 'DELETE', `/api/v1/indicators/${indicatorId}`);
  outcomes.push([`${label} delete`, can.delete === true, removed.statusCode]);
  return outcomes;
}

async function tryObjectives(caller: Caller, ids: { strategicId: string; operationalId: string }, label: string, plan: PlanRights): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const s = (await call(caller, 'GET', `/api/v1/strategic-objectives/${ids.strategicId}`)).json<{ can: Rights }>().can;
  const o = (await call(caller, 'GET', `/api/v1/operational-objectives/${ids.operationalId}`)).json<{ can: Rights }>().can;
  expect([label, plan.strategicObjectives[ids.strategicId] ?? null]).toEqual([label, Object.values(s).some(Boolean) ? s : null]);
  expect([label, plan.operationalObjectives[ids.operationalId] ?? null]).toEqual([label, Object.values(o).some(Boolean) ? o : null]);
  const push = async (what: string, allowed: unknown, method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    outcomes.push([`${label} ${what}`, allowed === true, (await call(caller, method, url, body)).statusCode]);
  await push('add action', o.addAction, 'POST', `/api/v1/operational-objectives/${ids.operationalId}/actions`, { title: 'Boekenkoffer' });
  await push('edit operational', o.edit, 'PATCH', `/api/v1/operational-objectives/${ids.operationalId}`, { title: `Doel ${caller.role}` });
  await push('add operational', s.addOperationalObjective, 'POST', `/api/v1/strategic-objectives/${ids.strategicId}/operational-objectives`, { title: 'Nieuw doel' });
  await push('edit strategic', s.edit, 'PATCH', `/api/v1/strategic-objectives/${ids.strategicId}`, { title: `Strategisch ${caller.role}` });
  await push('delete operational', o.delete, 'DELETE', `/api/v1/operational-objectives/${ids.operationalId}`);
  await push('delete strategic', s.delete, 'DELETE', `/api/v1/strategic-objectives/${ids.strategicId}`);
  return outcomes;
}

interface PlanRights {
  trajectory: Rights;
  domains: Record<string, Rights>;
  strategicObjectives: Record<string, Rights>;
  operationalObjectives: Record<string, Rights>;
  actions: Record<string, ActionCan>;
}

async function planOf(caller: Caller): Promise<{ can: PlanRights; readOnly: boolean; etag: string }> {
  const res = await call(caller, 'GET', `/api/v1/trajectories/${w.trajectoryId}/plan`);
  expect(res.statusCode).toBe(200);
  // Spread out by id as the tabs do: what is checked is what the tabs will render.
  const plan = spreadRights(res.json<PlanWire>());
  return { can: plan.can, readOnly: plan.readOnly, etag: String(res.headers.etag) };
}

describe('`can` is what the API accepts', () => {
  test.each(members.map((r) => [r] as const))('%s', async (role: MatrixRole) => {
    const caller = w.callers[role]!;
    const other = await f.person(w);
    // Own domain (the world's work group's) and one outside it; the action owner's own action and another's.
    const samples = {
      'own domain, own action': await branch(w.domainId, w.ownerPersonId),
      "own domain, another's action": await branch(w.domainId, other),
      'other domain, own action': await branch(otherDomainId, w.ownerPersonId),
      "other domain, another's action": await branch(otherDomainId, other),
    };
    const plan = await planOf(caller);
    const outcomes: Outcome[] = [];
    for (const [label, ids] of Object.entries(samples)) {
      outcomes.push(...(await tryIndicator(caller, ids.indicatorId, label)));
      outcomes.push(...(await tryAction(caller, ids.actionId, label, plan.can.actions)));
      outcomes.push(...(await tryObjectives(caller, ids, label, plan.can)));
    }
    // Domains: the trajectory's `addDomain` and a fresh domain's own rights.
    const domainId = await f.domain(w);
    const domain = (await call(caller, 'GET', `/api/v1/domains/${domainId}`)).json<{ can: Rights }>().can;
    const created = await call(caller, 'POST', `/api/v1/trajectories/${w.trajectoryId}/domains`, { name: `Wonen ${role}`, approach: 'structural' });
    outcomes.push(['add domain', plan.can.trajectory.addDomain === true, created.statusCode]);
    const push = async (what: string, allowed: unknown, method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
      outcomes.push([what, allowed === true, (await call(caller, method, url, body)).statusCode]);
    await push('add strategic', domain.addStrategicObjective, 'POST', `/api/v1/domains/${domainId}/strategic-objectives`, { title: 'Betaalbaar wonen' });
    await push('edit domain', domain.edit, 'PATCH', `/api/v1/domains/${domainId}`, { name: `Wonen en energie ${role}` });
    await push('delete domain', domain.delete, 'DELETE', `/api/v1/domains/${domainId}`);

    // 2xx exactly where `can` said yes; a member is refused with 403, never anything else.
    const wrong = outcomes.filter(([, allowed, status]) => (allowed ? !ok(status) : status !== 403));
    expect(wrong).toEqual([]);
    // Who may change nothing is told so.
    const heldSome = outcomes.some(([, allowed]) => allowed);
    expect(plan.readOnly).toBe(!heldSome && !plan.can.trajectory.edit);
  });

  test('readers with the same rights share the plan ETag; different rights do not', async () => {
    const [coordinator, chair, alderman, steering, member, owner] = await Promise.all(
      (['coordinator', 'chair', 'alderman', 'steering_member', 'work_group_member', 'action_owner'] as const).map((r) => planOf(w.callers[r]!)),
    );
    expect(chair!.etag).toBe(coordinator!.etag);
    expect(steering!.etag).toBe(alderman!.etag);
    expect(alderman!.readOnly).toBe(true);
    expect(new Set([coordinator!.etag, alderman!.etag, member!.etag, owner!.etag]).size).toBe(4);
  });

  test('a non-member learns nothing, not even rights', async () => {
    const res = await call(w.callers.none!, 'GET', `/api/v1/actions/${w.actionId}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('"can"');
  });
});
