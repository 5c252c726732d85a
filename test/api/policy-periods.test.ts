import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { planOccasions, type PlanningFacts } from '../../src/follow-ups/planner';
import { Factory, type Caller, type World } from '../support/permission-world';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * The last phase of the roadmap: the evaluation's verdict on objectives and actions, and the
 * next policy period started from the current plan. The copy must keep every link, change
 * nothing in the old period, and leave the old period read-only.
 */

let t: TestApp;
let f: Factory;
let w: World;
let tenantId: string;
let adminUserId: string;

const as = (caller: Caller | undefined) => ({ tenantId: caller!.tenantId, userId: caller!.userId, name: caller!.role });
const nextPeriod = { name: 'Kansrijk 2032–2037', periodStart: '2032-01-01', periodEnd: '2037-12-31' };

/** Every plan row of one trajectory, as text: equal digests, nothing changed. */
async function planDigest(trajectoryId: string): Promise<string> {
  const { rows } = await sql<{ digest: string }>`
    select md5(string_agg(x, '|' order by x)) as digest from (
      select 'd' || d::text as x from domain d where trajectory_id = ${trajectoryId}
      union all select 'b' || b::text from body b where trajectory_id = ${trajectoryId}
      union all select 'm' || m::text from membership m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id where b.trajectory_id = ${trajectoryId}
      union all select 's' || s::text from strategic_objective s where trajectory_id = ${trajectoryId}
      union all select 'o' || o::text from operational_objective o where trajectory_id = ${trajectoryId}
      union all select 'a' || a::text from action a where trajectory_id = ${trajectoryId}
      union all select 'i' || i::text from indicator i where trajectory_id = ${trajectoryId}
      union all select 'v' || v::text from measurement v where trajectory_id = ${trajectoryId}
      union all select 'n' || n::text from initiative n where trajectory_id = ${trajectoryId}
      union all select 'e' || e::text from meeting e where trajectory_id = ${trajectoryId}
    ) all_rows`.execute(t.db.db);
  return rows[0]!.digest;
}

interface Copied {
  id: string;
  originId: string | null;
  [column: string]: unknown;
}
async function rowsOf(table: string, trajectoryId: string): Promise<Copied[]> {
  const { rows } = await sql<Copied>`select * from ${sql.table(table)} where trajectory_id = ${trajectoryId}`.execute(t.db.db);
  return rows;
}

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  f = new Factory(t.db.db);
  tenantId = await f.tenant('Gemeente Periodes');
  adminUserId = await f.admin(tenantId);
  w = await f.world(tenantId, adminUserId);
  await sql`update trajectory set team_id = '19:team-periodes@thread.tacv2' where id = ${w.trajectoryId}`.execute(t.db.db);
});
afterAll(() => t.close());

describe('the evaluation marks objectives and actions as kept, changed or stopped', () => {
  test('changing or stopping needs a reason, named on the field; the work group of the domain may decide it', async () => {
    const workGroup = as(w.callers.work_group_member);
    const noReason = await t.call(workGroup, 'PATCH', `/api/v1/actions/${w.actionId}`, { adjustment: 'changed' });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('adjustmentReason');

    const kept = await t.call(workGroup, 'PATCH', `/api/v1/actions/${w.actionId}`, { adjustment: 'changed', adjustmentReason: 'Ook in de zomer aanbieden' });
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({ adjustment: 'changed', adjustmentReason: 'Ook in de zomer aanbieden', originId: null });

    const owner = await t.call(as(w.callers.action_owner), 'PATCH', `/api/v1/actions/${w.actionId}`, { adjustment: 'stopped', adjustmentReason: 'Mijn mening' });
    expect(owner.statusCode).toBe(403);

    const objective = await t.call(workGroup, 'PATCH', `/api/v1/operational-objectives/${w.operationalId}`, { adjustment: 'kept' });
    expect(objective.statusCode).toBe(200);
    expect(objective.json()).toMatchObject({ adjustment: 'kept' });

    const plan = await t.call(workGroup, 'GET', `/api/v1/trajectories/${w.trajectoryId}/plan`);
    const actions = plan.json<{ domains: { strategicObjectives: { operationalObjectives: { adjustment: string | null; actions: { id: string; adjustment: string | null }[] }[] }[] }[] }>();
    const oo = actions.domains[0]!.strategicObjectives[0]!.operationalObjectives[0]!;
    expect(oo.adjustment).toBe('kept');
    expect(oo.actions.find((a) => a.id === w.actionId)?.adjustment).toBe('changed');
  });
});

describe('the next policy period', () => {
  let newId: string;
  let oldDigest: string;
  let stoppedObjectiveId: string;
  let stoppedObjectivesAction: string;
  let doneAction: string;
  let stoppedAction: string;

  beforeAll(async () => {
    // A richer plan: a stopped objective with its action, a done action, a stopped action, a second indicator.
    stoppedObjectiveId = await f.insert('operational_objective', {
      tenant_id: tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, strategic_objective_id: w.strategicId,
      title: 'Gestopt doel', adjustment: 'stopped', adjustment_reason: 'Bereikt zonder ons',
    });
    stoppedObjectivesAction = await f.insert('action', {
      tenant_id: tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, operational_objective_id: stoppedObjectiveId, title: 'Actie onder gestopt doel',
    });
    doneAction = await f.insert('action', {
      tenant_id: tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, operational_objective_id: w.operationalId, title: 'Afgeronde actie', status: 'done',
    });
    stoppedAction = await f.insert('action', {
      tenant_id: tenantId, trajectory_id: w.trajectoryId, domain_id: w.domainId, operational_objective_id: w.operationalId, title: 'Gestopte actie',
      adjustment: 'stopped', adjustment_reason: 'Geen bereik',
    });
    await f.insert('measurement', { tenant_id: tenantId, trajectory_id: w.trajectoryId, indicator_id: w.indicatorId, measured_on: '2031-06-30', value: 42 });
    await sql`update initiative set sectors = '{onderwijs_en_vorming}', target_group = 'Gezinnen met jonge kinderen', reach_children = 40, state = 'active', domain_id = ${w.domainId} where id = ${w.initiativeId}`.execute(t.db.db);
    oldDigest = await planDigest(w.trajectoryId);
  });

  test('only the coordinator and an administrator may start it; bad input names the field', async () => {
    for (const role of ['chair', 'facilitator', 'work_group_chair', 'action_owner', 'parent'] as const) {
      const res = await t.call(as(w.callers[role]), 'POST', `/api/v1/trajectories/${w.trajectoryId}/next-period`, nextPeriod);
      expect([role, res.statusCode]).toEqual([role, 403]);
    }
    const early = await t.call(as(w.callers.coordinator), 'POST', `/api/v1/trajectories/${w.trajectoryId}/next-period`, { ...nextPeriod, periodStart: '2020-01-01' });
    expect(early.statusCode).toBe(400);
    expect(JSON.stringify(early.json())).toContain('body.periodStart');
    const reversed = await t.call(as(w.callers.coordinator), 'POST', `/api/v1/trajectories/${w.trajectoryId}/next-period`, { ...nextPeriod, periodEnd: '2031-01-01' });
    expect(reversed.statusCode).toBe(400);
    expect(JSON.stringify(reversed.json())).toContain('periodEnd');
    expect(await planDigest(w.trajectoryId)).toBe(oldDigest);
  });

  test('two requests at once start one period; the other is told it is closed', async () => {
    const coordinator = as(w.callers.coordinator);
    const [a, b] = await Promise.all([
      t.call(coordinator, 'POST', `/api/v1/trajectories/${w.trajectoryId}/next-period`, nextPeriod),
      t.call(coordinator, 'POST', `/api/v1/trajectories/${w.trajectoryId}/next-period`, nextPeriod),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const created = (a.statusCode === 201 ? a : b).json<{ trajectoryId: string; originTrajectoryId: string; copied: Record<string, number> }>();
    newId = created.trajectoryId;
    expect(created.originTrajectoryId).toBe(w.trajectoryId);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from trajectory where origin_trajectory_id = ${w.trajectoryId}`.execute(t.db.db);
    expect(rows[0]!.n).toBe(1);
  });

  test('the old period keeps every plan row as it was', async () => {
    expect(await planDigest(w.trajectoryId)).toBe(oldDigest);
  });

  test('the copy keeps every link, through its origins, and leaves out what was stopped, done or dropped', async () => {
    const [oldDomains, newDomains] = [await rowsOf('domain', w.trajectoryId), await rowsOf('domain', newId)];
    const [oldBodies, newBodies] = [await rowsOf('body', w.trajectoryId), await rowsOf('body', newId)];
    const [oldStrategic, newStrategic] = [await rowsOf('strategic_objective', w.trajectoryId), await rowsOf('strategic_objective', newId)];
    const [oldOperational, newOperational] = [await rowsOf('operational_objective', w.trajectoryId), await rowsOf('operational_objective', newId)];
    const [oldActions, newActions] = [await rowsOf('action', w.trajectoryId), await rowsOf('action', newId)];
    const [oldIndicators, newIndicators] = [await rowsOf('indicator', w.trajectoryId), await rowsOf('indicator', newId)];

    // Each new row continues exactly one old row; the new parent is the copy of the old parent.
    const origin = <T extends Copied>(list: T[]) => new Map(list.map((r) => [r.id, r]));
    const copyOf = (list: Copied[]) => new Map(list.map((r) => [r.originId, r.id]));
    const oldById = { domain: origin(oldDomains), body: origin(oldBodies), strategic: origin(oldStrategic), operational: origin(oldOperational), action: origin(oldActions), indicator: origin(oldIndicators) };
    const newOf = { domain: copyOf(newDomains), body: copyOf(newBodies), strategic: copyOf(newStrategic), operational: copyOf(newOperational), action: copyOf(newActions) };

    expect(newDomains.map((d) => d.originId).sort()).toEqual(oldDomains.map((d) => d.id).sort());
    expect(newBodies.map((b) => b.originId).sort()).toEqual(oldBodies.map((b) => b.id).sort());
    for (const b of newBodies) expect(b.domainId).toBe(oldById.body.get(b.originId!)!.domainId ? newOf.domain.get(oldById.body.get(b.originId!)!.domainId as string) : null);
    for (const s of newStrategic) expect(s.domainId).toBe(newOf.domain.get(oldById.strategic.get(s.originId!)!.domainId as string));
    for (const o of newOperational) {
      const was = oldById.operational.get(o.originId!)!;
      expect(o.strategicObjectiveId).toBe(newOf.strategic.get(was.strategicObjectiveId as string));
      expect(o.domainId).toBe(newOf.domain.get(was.domainId as string));
    }
    for (const a of newActions) {
      const was = oldById.action.get(a.originId!)!;
      expect([a.title, a.operationalObjectiveId, a.domainId, a.ownerId]).toEqual([was.title, newOf.operational.get(was.operationalObjectiveId as string), newOf.domain.get(was.domainId as string), was.ownerId]);
      expect(a.adjustment).toBeNull();
    }
    for (const i of newIndicators) {
      const was = oldById.indicator.get(i.originId!)!;
      expect(i.actionId).toBe(newOf.action.get(was.actionId as string));
    }

    // What the evaluation stopped, and the old period's results, stay behind.
    expect(newOperational.map((o) => o.originId)).not.toContain(stoppedObjectiveId);
    const carried = newActions.map((a) => a.originId);
    for (const left of [stoppedObjectivesAction, doneAction, stoppedAction]) expect(carried).not.toContain(left);
    expect(carried).toContain(w.actionId);
    expect(newOperational.map((o) => o.originId).sort()).toEqual(oldOperational.filter((o) => o.adjustment !== 'stopped').map((o) => o.id).sort());

    // An indicator starts where the old period ended: its latest measurement is the new baseline.
    expect(Number(newIndicators.find((i) => i.originId === w.indicatorId)!.baseline)).toBe(42);
    const { rows: measurements } = await sql<{ n: number }>`select count(*)::int as n from measurement where trajectory_id = ${newId}`.execute(t.db.db);
    expect(measurements[0]!.n).toBe(0);

    // The inventory goes along with its questionnaire fields, linked to the continued domain.
    const [initiative] = await rowsOf('initiative', newId);
    expect(initiative).toMatchObject({ sectors: ['onderwijs_en_vorming'], targetGroup: 'Gezinnen met jonge kinderen', reachChildren: 40, domainId: newOf.domain.get(w.domainId) });

    // The same people keep the same roles in the continued bodies: nobody gains a right.
    const { rows: oldMembers } = await sql<{ personId: string; role: string; bodyId: string }>`
      select m.person_id, m.role, m.body_id from membership m join body b on b.id = m.body_id where b.trajectory_id = ${w.trajectoryId}`.execute(t.db.db);
    const { rows: newMembers } = await sql<{ personId: string; role: string; originId: string }>`
      select m.person_id, m.role, b.origin_id from membership m join body b on b.id = m.body_id where b.trajectory_id = ${newId}`.execute(t.db.db);
    const key = (m: { personId: string; role: string }, body: string) => `${m.personId}/${m.role}/${body}`;
    expect(oldMembers.length).toBeGreaterThan(5);
    expect(newMembers.every((m) => m.personId && m.role && m.originId)).toBe(true);
    expect(newMembers.map((m) => key(m, m.originId)).sort()).toEqual(oldMembers.map((m) => key(m, m.bodyId)).sort());
  });

  test('the new period is the living one: the team moves along, and the coordinator may change its plan', async () => {
    const coordinator = as(w.callers.coordinator);
    const fresh = await t.call(coordinator, 'GET', `/api/v1/trajectories/${newId}`);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ originTrajectoryId: w.trajectoryId, closedAt: null, teamId: '19:team-periodes@thread.tacv2' });
    expect(fresh.json<{ permissions: string[] }>().permissions).toEqual(expect.arrayContaining(['plan.edit', 'period.start']));
    const old = await t.call(coordinator, 'GET', `/api/v1/trajectories/${w.trajectoryId}`);
    expect(old.json()).toMatchObject({ teamId: null });
    expect(old.json<{ closedAt: string | null }>().closedAt).not.toBeNull();
  });

  test('the old period is read-only for everyone, the administrator too, but its people can still be kept up to date', async () => {
    const old = await t.call(as(w.callers.coordinator), 'GET', `/api/v1/trajectories/${w.trajectoryId}`);
    const permissions = old.json<{ permissions: string[] }>().permissions;
    expect(permissions).not.toContain('plan.edit');
    expect(permissions).not.toContain('domain.edit');
    expect(permissions).not.toContain('period.start');
    expect(permissions).toContain('trajectory.read');

    const before = await planDigest(w.trajectoryId);
    const attempts = [
      [as(w.callers.coordinator), 'PATCH', `/api/v1/actions/${w.actionId}`, { title: 'Nog even aanpassen' }],
      [as(w.callers.action_owner), 'PATCH', `/api/v1/actions/${w.actionId}`, { status: 'done' }],
      [as(w.callers.chair), 'POST', `/api/v1/trajectories/${w.trajectoryId}/domains`, { name: 'Nieuw domein', approach: 'mitigating' }],
      [{ tenantId, userId: adminUserId, name: 'admin' }, 'POST', `/api/v1/bodies/${w.steeringId}/memberships`, { personId: w.memberPersonId, role: 'staff' }],
      [as(w.callers.coordinator), 'PATCH', `/api/v1/trajectories/${w.trajectoryId}`, { vision: 'Andere visie' }],
    ] as const;
    for (const [caller, method, url, body] of attempts) {
      const res = await t.call(caller, method, url, body);
      expect([url, res.statusCode]).toEqual([url, 403]);
      expect(res.json<{ detail: string }>().detail).toContain('closed');
    }
    const again = await t.call(as(w.callers.coordinator), 'POST', `/api/v1/trajectories/${w.trajectoryId}/next-period`, { ...nextPeriod, name: 'Nog een' });
    expect(again.statusCode).toBe(409);
    expect(await planDigest(w.trajectoryId)).toBe(before);

    const phone = await t.call(as(w.callers.coordinator), 'PATCH', `/api/v1/trajectories/${w.trajectoryId}/people/${w.memberPersonId}`, { displayName: 'Nieuwe naam' });
    expect(phone.statusCode).toBe(200);
  });

  test("an action's history lists its versions across periods, only those the reader takes part in", async () => {
    const copy = (await rowsOf('action', newId)).find((a) => a.originId === w.actionId)!;
    const history = await t.call(as(w.callers.work_group_member), 'GET', `/api/v1/actions/${copy.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual([
      expect.objectContaining({ id: w.actionId, trajectoryId: w.trajectoryId, adjustment: 'changed', adjustmentReason: 'Ook in de zomer aanbieden' }),
      expect.objectContaining({ id: copy.id, trajectoryId: newId, adjustment: null }),
    ]);
    const fromOld = await t.call(as(w.callers.work_group_member), 'GET', `/api/v1/actions/${w.actionId}/history`);
    expect(fromOld.json<{ id: string }[]>().map((h) => h.id)).toEqual([w.actionId, copy.id]);

    // Someone who joined only in the new period sees only the new period's version.
    const newcomer = randomUUID();
    const steering = (await rowsOf('body', newId)).find((b) => b.originId === w.steeringId)!;
    const person = await f.person({ tenantId, trajectoryId: newId }, { entra_object_id: newcomer });
    await f.membership({ tenantId }, steering.id, person, 'staff');
    const theirs = await t.call({ tenantId, userId: newcomer }, 'GET', `/api/v1/actions/${copy.id}/history`);
    expect(theirs.json<{ id: string }[]>().map((h) => h.id)).toEqual([copy.id]);
    expect((await t.call({ tenantId, userId: newcomer }, 'GET', `/api/v1/actions/${w.actionId}/history`)).statusCode).toBe(404);
    const periods = await t.call({ tenantId, userId: newcomer }, 'GET', `/api/v1/trajectories/${newId}/periods`);
    expect(periods.json<{ id: string }[]>().map((p) => p.id)).toEqual([newId]);

    const both = await t.call(as(w.callers.coordinator), 'GET', `/api/v1/trajectories/${newId}/periods`);
    expect(both.json()).toEqual([
      expect.objectContaining({ id: w.trajectoryId, current: false, closedAt: expect.any(String) }),
      expect.objectContaining({ id: newId, current: true, closedAt: null }),
    ]);
  });
});

describe('follow-ups', () => {
  test('a closed period (absent from the planning facts) gets no reminders for its actions or meetings', () => {
    const facts = (trajectories: PlanningFacts['trajectories']): PlanningFacts => ({
      trajectories,
      actions: [{ id: 'a', trajectoryId: 't', ownerId: 'p', dueDate: '2030-05-10', status: 'planned' }],
      reminders: new Map(),
      meetings: [{ id: 'm', trajectoryId: 't', date: '2030-05-12' }],
    });
    expect(planOccasions(facts([{ id: 't', reminderDaysBefore: 3 }]), '2030-05-07').length).toBeGreaterThan(0);
    expect(planOccasions(facts([]), '2030-05-07')).toEqual([]);
  });
});
