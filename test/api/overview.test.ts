import { demoUsers } from '../../src/seed/demo-ids';
import { randomUUID } from 'node:crypto';
import { demoTenants } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan } from '../support/demo';
import { createTestApp, type DemoUser, type TestApp } from '../support/test-app';

interface Warning {
  code: string;
  severity: string;
  params: Record<string, unknown>;
  target: { kind: string; id: string };
}
interface Overview {
  phases: { phase: string; state: string }[];
  nextMeetings: { id: string; startsAt: string; body: { kind: string } }[];
  overdueCount: number;
  overdueActions: { id: string; dueDate: string }[];
  statusByDomain: { domainId: string; total: number; counts: Record<string, number> }[];
  warnings: Warning[];
  warningCounts: Record<string, number>;
  today: string;
  persona: string;
  personas: string[];
  sections: string[];
  readOnly: boolean;
  college?: { configured: boolean; nextMeeting: string | null; chairCardDueOn: string | null; report: { id: string; state: string } | null };
  indicatorsOffTrack?: { id: string; progress: number; expected: number }[];
  myActions?: { id: string; dueDate: string | null; urgency: string }[];
  myDomains?: { scope: string; domains: { domainId: string; total: number; overdue: number }[] };
  workGroups?: { bodyId: string; domainId: string; total: number }[];
  myParents?: {
    parents: { personId: string; displayName: string; phone: string | null; nextMeeting: { id: string } | null }[];
    toCall: { meetingId: string; callOn: string; startsAt: string; parents: { personId: string; phone: string | null }[] }[];
    checkIns: { meetingId: string; parents: { personId: string }[] }[];
  };
}

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function ok<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, user: DemoUser = 'coordinator'): Promise<T> {
  const res = await t.call(user, method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.statusCode === 204 ? undefined : res.json<T>()) as T;
}

const overviewOf = (id: string) => ok<Overview>('GET', `/api/v1/trajectories/${id}/overview`);
const codes = (o: Overview) => o.warnings.map((w) => w.code);
const warningsFor = (o: Overview, code: string, targetId?: string) => o.warnings.filter((w) => w.code === code && (!targetId || w.target.id === targetId));

function isoDaysFromNow(days: number, hour = 19): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

describe('overview of the demo plan', () => {
  test('phases, statuses per domain and overdue actions agree with the plan', async () => {
    const id = await beekvlietTrajectoryId(t);
    const [overview, plan] = await Promise.all([overviewOf(id), loadPlan(t, id)]);
    expect(overview.phases.map((p) => p.phase)).toEqual([
      'beleidsbeslissing',
      'coordinator',
      'omgevingsanalyse',
      'stuurgroep',
      'stuurgroep_vergaderingen',
      'werkgroepen',
      'doelstellingen',
      'acties',
      'uitvoering',
      'evaluatie',
    ]);
    const actions = allActions(plan);
    expect(overview.statusByDomain.reduce((n, d) => n + d.total, 0)).toBe(actions.length);
    for (const d of overview.statusByDomain) {
      const mine = actions.filter((a) => a.domainId === d.domainId);
      expect(d.counts.done).toBe(mine.filter((a) => a.status === 'done').length);
    }
    const overdue = actions.filter((a) => a.overdue);
    expect(overview.overdueCount).toBe(overdue.length);
    expect(overview.overdueActions.map((a) => a.id).sort()).toEqual(overdue.slice(0, 20).map((a) => a.id).sort());
    for (const m of overview.nextMeetings) expect(Date.parse(m.startsAt)).toBeGreaterThan(Date.now() - 86_400_000);
  });

  test('someone who takes no part in the trajectory is refused', async () => {
    const id = await beekvlietTrajectoryId(t);
    const res = await t.call({ tenantId: demoTenants.beekvliet.id, userId: randomUUID(), name: 'Buitenstaander' }, 'GET', `/api/v1/trajectories/${id}/overview`);
    expect(res.statusCode).toBe(404);
  });
});

describe('warning signs appear when their condition holds and disappear when fixed', () => {
  let trajectoryId: string;
  let steeringId: string;

  beforeAll(async () => {
    const twoYearsAgo = new Date(Date.now() - 730 * 86_400_000).toISOString().slice(0, 10);
    const created = await t.call('admin', 'POST', '/api/v1/trajectories', {
      name: 'Testtraject signalen',
      municipality: 'Testgem',
      periodStart: twoYearsAgo,
      periodEnd: '2031-12-31',
      coordinator: { entraObjectId: demoUsers.coordinator, displayName: 'Lotte Peeters' },
    });
    expect(created.statusCode).toBe(201);
    trajectoryId = created.json<{ id: string }>().id;
    const bodies = await ok<{ id: string; kind: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`);
    steeringId = bodies.find((b) => b.kind === 'steering_group')!.id;
  });

  async function person(name: string): Promise<string> {
    return (await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/people`, { displayName: name })).id;
  }

  test('fewer than two parents in the steering group', async () => {
    const before = await overviewOf(trajectoryId);
    expect(warningsFor(before, 'steering_group_few_parents', steeringId)).toEqual([
      expect.objectContaining({ severity: 'high', params: expect.objectContaining({ count: 0 }), target: { kind: 'body', id: steeringId } }),
    ]);
    await ok('POST', `/api/v1/bodies/${steeringId}/memberships`, { personId: await person('Ouder Een'), role: 'parent' });
    expect(warningsFor(await overviewOf(trajectoryId), 'steering_group_few_parents')[0]?.params.count).toBe(1);
    await ok('POST', `/api/v1/bodies/${steeringId}/memberships`, { personId: await person('Ouder Twee'), role: 'parent' });
    expect(codes(await overviewOf(trajectoryId))).not.toContain('steering_group_few_parents');
  });

  test('a steering group that has not met for six months', async () => {
    const never = warningsFor(await overviewOf(trajectoryId), 'steering_group_not_met');
    expect(never).toEqual([expect.objectContaining({ params: expect.objectContaining({ lastMet: null }), target: { kind: 'body', id: steeringId } })]);

    const meeting = (startsAt: string, endsAt: string) =>
      ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/meetings`, { bodyId: steeringId, title: 'Stuurgroep', startsAt, endsAt });
    await meeting(isoDaysFromNow(-220), isoDaysFromNow(-220, 21));
    const future = await meeting(isoDaysFromNow(20), isoDaysFromNow(20, 21));
    const stale = await overviewOf(trajectoryId);
    expect(warningsFor(stale, 'steering_group_not_met')[0]?.params.lastMet).toBe(isoDaysFromNow(-220));
    expect(stale.nextMeetings.map((m) => m.id)).toEqual([future.id]);

    await meeting(isoDaysFromNow(-30), isoDaysFromNow(-30, 21));
    expect(codes(await overviewOf(trajectoryId))).not.toContain('steering_group_not_met');
  });

  test('more than three active domains, and no domain with a structural approach', async () => {
    const domains: string[] = [];
    for (const name of ['Wonen', 'Inkomen', 'Vrije tijd']) {
      domains.push((await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/domains`, { name, approach: 'mitigating' })).id);
    }
    const three = await overviewOf(trajectoryId);
    expect(codes(three)).not.toContain('too_many_active_domains');
    expect(warningsFor(three, 'no_structural_domain')).toHaveLength(1);

    domains.push((await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/domains`, { name: 'Gezondheid', approach: 'mitigating' })).id);
    const four = await overviewOf(trajectoryId);
    expect(warningsFor(four, 'too_many_active_domains')[0]?.params).toEqual(expect.objectContaining({ count: 4, maximum: 3 }));

    await ok('PATCH', `/api/v1/domains/${domains[3]}`, { state: 'later' });
    expect(codes(await overviewOf(trajectoryId))).not.toContain('too_many_active_domains');
    await ok('PATCH', `/api/v1/domains/${domains[0]}`, { approach: 'structural' });
    expect(codes(await overviewOf(trajectoryId))).not.toContain('no_structural_domain');
  });

  describe('objectives and actions', () => {
    let operationalId: string;
    let actionId: string;

    beforeAll(async () => {
      const domain = await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/domains`, { name: 'Onderwijs', approach: 'structural', state: 'later' });
      const strategic = await ok<{ id: string }>('POST', `/api/v1/domains/${domain.id}/strategic-objectives`, { title: 'Elk kind neemt deel aan schooluitstappen' });
      operationalId = (
        await ok<{ id: string }>('POST', `/api/v1/strategic-objectives/${strategic.id}/operational-objectives`, {
          title: 'Alle scholen hanteren een maximumfactuur voor uitstappen',
          smartSpecific: true,
          smartMeasurable: true,
        })
      ).id;
      actionId = (await ok<{ id: string }>('POST', `/api/v1/operational-objectives/${operationalId}/actions`, { title: 'Overleg met de directies' })).id;
    });

    test('an operational objective whose SMART checks are incomplete', async () => {
      const [warning] = warningsFor(await overviewOf(trajectoryId), 'objective_smart_incomplete', operationalId);
      expect(warning?.target).toEqual({ kind: 'operationalObjective', id: operationalId });
      expect(warning?.params.missing).toEqual(['smartAgreed', 'smartRealistic', 'smartTimeBound']);
      await ok('PATCH', `/api/v1/operational-objectives/${operationalId}`, { smartAgreed: true, smartRealistic: true, smartTimeBound: true });
      expect(warningsFor(await overviewOf(trajectoryId), 'objective_smart_incomplete', operationalId)).toHaveLength(0);
    });

    test('an action without owner, without due date and without an outcome indicator', async () => {
      const before = await overviewOf(trajectoryId);
      for (const code of ['action_without_owner', 'action_without_due_date', 'action_without_outcome_indicator']) {
        expect(warningsFor(before, code, actionId)).toEqual([expect.objectContaining({ target: { kind: 'action', id: actionId } })]);
      }
      await ok('PATCH', `/api/v1/actions/${actionId}`, { ownerId: await person('Eigenaar') });
      const owned = await overviewOf(trajectoryId);
      expect(warningsFor(owned, 'action_without_owner', actionId)).toHaveLength(0);
      expect(warningsFor(owned, 'action_without_due_date', actionId)).toHaveLength(1);

      await ok('PATCH', `/api/v1/actions/${actionId}`, { dueDate: '2030-06-30' });
      await ok('POST', `/api/v1/actions/${actionId}/indicators`, { kind: 'output', name: 'Aantal gesprekken' });
      const withOutput = await overviewOf(trajectoryId);
      expect(warningsFor(withOutput, 'action_without_due_date', actionId)).toHaveLength(0);
      expect(warningsFor(withOutput, 'action_without_outcome_indicator', actionId)).toHaveLength(1);

      await ok('POST', `/api/v1/actions/${actionId}/indicators`, { kind: 'outcome', name: 'Aandeel kinderen op uitstap', unit: '%', baseline: 70, target: 100 });
      const fixed = await overviewOf(trajectoryId);
      for (const code of ['action_without_owner', 'action_without_due_date', 'action_without_outcome_indicator']) {
        expect(warningsFor(fixed, code, actionId)).toHaveLength(0);
      }
    });

    test('one person owning far more open actions than the others (> 2× the median and ≥ 5)', async () => {
      const [busy, b, c] = [await person('Drukbezet'), await person('Bea'), await person('Cas')];
      const create = (ownerId: string, i: number) =>
        ok<{ id: string }>('POST', `/api/v1/operational-objectives/${operationalId}/actions`, { title: `Actie ${i}`, ownerId, dueDate: '2030-01-31' });
      const busyActions: string[] = [];
      for (let i = 0; i < 5; i++) busyActions.push((await create(busy, i)).id);
      const extra = [await create(b, 10), await create(b, 11), await create(b, 12), await create(c, 13), await create(c, 14), await create(c, 15)];

      // Owners hold 5, 3, 3 and 1 open actions: the median is 3, and 5 is not more than twice that.
      expect(codes(await overviewOf(trajectoryId))).not.toContain('owner_overloaded');

      for (const a of extra.slice(1)) await ok('PATCH', `/api/v1/actions/${a.id}`, { status: 'done' });
      // Now 5, 1, 1 and 1: the median is 1.
      const overloaded = warningsFor(await overviewOf(trajectoryId), 'owner_overloaded');
      expect(overloaded).toEqual([expect.objectContaining({ target: { kind: 'person', id: busy }, params: expect.objectContaining({ count: 5, median: 1, name: 'Drukbezet' }) })]);

      // Only the coordinator is shown who carries too much; any other reader gets neither the name nor the count.
      const aldermanUser = randomUUID();
      const alderman = await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/people`, { displayName: 'Schepen Test', entraObjectId: aldermanUser }, 'admin');
      await ok('POST', `/api/v1/bodies/${steeringId}/memberships`, { personId: alderman.id, role: 'alderman' });
      for (const reader of [{ tenantId: demoTenants.beekvliet.id, userId: aldermanUser, name: 'Schepen Test' }, 'admin' as const]) {
        const res = await t.call(reader, 'GET', `/api/v1/trajectories/${trajectoryId}/overview`);
        expect(res.statusCode).toBe(200);
        const seen = res.json<Overview>();
        expect(codes(seen)).not.toContain('owner_overloaded');
        expect(seen.warningCounts).not.toHaveProperty('owner_overloaded');
        expect(res.body).not.toContain('Drukbezet');
      }

      await ok('PATCH', `/api/v1/actions/${busyActions[0]}`, { ownerId: b });
      expect(codes(await overviewOf(trajectoryId))).not.toContain('owner_overloaded');
    });
  });

  test('no steering group at all', async () => {
    expect(codes(await overviewOf(trajectoryId))).not.toContain('no_steering_group');
    // The coordinator keeps access through a work group while the steering group is gone.
    const workGroup = await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/bodies`, { kind: 'work_group', name: 'Werkgroep' });
    const me = await ok<{ id: string; entraObjectId: string | null }[]>('GET', `/api/v1/trajectories/${trajectoryId}/people`);
    const coordinator = me.find((p) => p.entraObjectId)!.id;
    await ok('POST', `/api/v1/bodies/${workGroup.id}/memberships`, { personId: coordinator, role: 'coordinator' });
    await ok('DELETE', `/api/v1/bodies/${steeringId}`);
    const without = await overviewOf(trajectoryId);
    expect(warningsFor(without, 'no_steering_group')).toEqual([expect.objectContaining({ target: { kind: 'trajectory', id: trajectoryId } })]);
    expect(codes(without)).not.toContain('steering_group_few_parents');
  });
});

describe('an overview for each role, decided by the server', () => {
  let id: string;
  const as = (user: DemoUser) => ok<Overview>('GET', `/api/v1/trajectories/${id}/overview`, undefined, user);
  const personOf = async (user: DemoUser) =>
    (await t.db.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers[user]).where('tenantId', '=', demoTenants.beekvliet.id).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    id = await beekvlietTrajectoryId(t);
  });

  test('the coordinator keeps the whole overview: phases first, then the warnings', async () => {
    const o = await as('coordinator');
    expect(o.persona).toBe('coordinator');
    expect(o.sections).toEqual(['phases', 'warnings', 'overdue', 'meetings', 'statusByDomain']);
    expect(o.readOnly).toBe(false);
    for (const block of ['college', 'myParents', 'myActions', 'myDomains', 'workGroups'] as const) expect(o).not.toHaveProperty(block);
  });

  test("the chair's leads with what the college will ask: its next meeting, the report, overdue actions, indicators off track", async () => {
    const o = await as('chair');
    expect(o.persona).toBe('chair');
    expect(o.sections.slice(0, 3)).toEqual(['college', 'overdue', 'indicatorsOffTrack']);
    expect(o.sections).not.toContain('warnings');
    const schedule = (await t.call('chair', 'GET', `/api/v1/trajectories/${id}/college-schedule`)).json<{ nextMeeting: string | null; chairCardDueOn: string | null }>();
    expect(o.college).toEqual(expect.objectContaining({ nextMeeting: schedule.nextMeeting, chairCardDueOn: schedule.chairCardDueOn }));
    const reports = (await t.call('chair', 'GET', `/api/v1/trajectories/${id}/reports`)).json<{ reports: { id: string; state: string }[] }>().reports;
    expect(o.college?.report).toEqual(reports[0] ? expect.objectContaining({ id: reports[0].id, state: reports[0].state }) : null);
    for (const i of o.indicatorsOffTrack ?? []) expect(i.progress < 0 || i.progress < i.expected - 0.15).toBe(true);
    expect(o).not.toHaveProperty('myParents');
  });

  test("the alderman's is read-only and shows the domains (all of them: no work group links the alderman)", async () => {
    const o = await as('aldermanEducation');
    expect(o.persona).toBe('alderman');
    expect(o.readOnly).toBe(true);
    expect(o.sections[0]).toBe('myDomains');
    expect(o.myDomains?.scope).toBe('all');
    expect(o.myDomains?.domains.map((d) => d.domainId)).toEqual(o.statusByDomain.map((d) => d.domainId));
    const overdue = await as('coordinator');
    expect(o.myDomains?.domains.reduce((n, d) => n + d.overdue, 0)).toBe(overdue.overdueCount);
    expect(codes(o)).not.toContain('owner_overloaded');
  });

  test("the action owner's starts with their own open actions, overdue first, then due soon", async () => {
    const o = await as('actionOwner');
    expect(o.persona).toBe('action_owner');
    expect(o.sections[0]).toBe('myActions');
    expect(o.sections).toContain('workGroups');
    const tom = await personOf('actionOwner');
    const plan = await loadPlan(t, id);
    const own = allActions(plan).filter((a) => a.ownerId === tom && !['done', 'dropped'].includes(a.status));
    expect(own.length).toBeGreaterThan(0);
    expect(o.myActions?.map((a) => a.id).sort()).toEqual(own.map((a) => a.id).sort());
    const rank = { overdue: 0, due_soon: 1, later: 2 } as Record<string, number>;
    const ranks = (o.myActions ?? []).map((a) => rank[a.urgency]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const a of o.myActions ?? []) if (a.urgency === 'overdue') expect(a.dueDate! < o.today).toBe(true);
  });

  test("a work-group member's starts with their work group's board summary", async () => {
    const o = await as('workGroupChair');
    expect(o.persona).toBe('work_group');
    expect(o.sections[0]).toBe('workGroups');
    expect(o.workGroups).toHaveLength(1);
    const group = o.workGroups![0]!;
    expect(group.total).toBe(o.statusByDomain.find((d) => d.domainId === group.domainId)!.total);
  });

  test("the trusted person's lists only their own parents, with their next meetings and whom to call the day before", async () => {
    // A parent in the same parents' group whose trusted person is someone else: never in the list.
    const signal = (await ok<{ id: string; kind: string }[]>('GET', `/api/v1/trajectories/${id}/bodies`)).find((b) => b.kind === 'parents_group')!;
    const other = await ok<{ id: string }>('POST', `/api/v1/trajectories/${id}/people`, { displayName: 'Ouder Zonder Nadia', phone: '+32 470 99 99 99' });
    await ok('POST', `/api/v1/bodies/${signal.id}/memberships`, { personId: other.id, role: 'parent' });
    const startsAt = isoDaysFromNow(3);
    const meeting = await ok<{ id: string }>('POST', `/api/v1/trajectories/${id}/meetings`, { bodyId: signal.id, title: 'Signaalgroep test', startsAt, endsAt: isoDaysFromNow(3, 21) });

    const o = await as('trustedPerson');
    expect(o.persona).toBe('trusted_person');
    expect(o.sections[0]).toBe('myParents');
    const nadia = await personOf('trustedPerson');
    const people = await ok<{ id: string; isParent: boolean; trustedPersonId: string | null; phone: string | null }[]>('GET', `/api/v1/trajectories/${id}/people`);
    const hers = people.filter((p) => p.isParent && p.trustedPersonId === nadia);
    expect(hers.length).toBeGreaterThan(0);
    expect(o.myParents?.parents.map((p) => p.personId).sort()).toEqual(hers.map((p) => p.id).sort());
    for (const p of o.myParents!.parents) expect(p.phone).toBe(hers.find((h) => h.id === p.personId)!.phone);
    const call = o.myParents!.toCall.find((c) => c.meetingId === meeting.id);
    expect(call).toBeDefined();
    expect(call!.parents.map((p) => p.personId).sort()).toEqual(hers.filter((h) => o.myParents!.parents.some((p) => p.personId === h.id)).map((h) => h.id).sort());
    expect(call!.callOn < call!.startsAt.slice(0, 10) || call!.callOn === isoDaysFromNow(2).slice(0, 10)).toBe(true);
    expect(JSON.stringify(o.myParents)).not.toContain(other.id);
    expect(JSON.stringify(o)).not.toContain('+32 470 99 99 99');

    // Nobody else gets the list: not the chair, not a work-group member.
    for (const user of ['chair', 'workGroupChair', 'aldermanEducation'] as const) expect(await as(user)).not.toHaveProperty('myParents');
    await ok('DELETE', `/api/v1/meetings/${meeting.id}`);
  });
});
