import type { TrajectoryAccess } from '../../src/auth/access';
import type { PolicyRole } from '../../src/auth/policy';
import type { OverviewFacts } from '../../src/overview/overview-repository';
import { indicatorsOffTrack, OFF_TRACK_MARGIN, ownActions, personasOf, readsOnly, sectionsOf, seesWorkload, urgencyOf } from '../../src/overview/overview-roles';

function access(roles: PolicyRole[], personId: string | null = 'p1'): TrajectoryAccess {
  return { principal: { tenantId: 't', userId: 'u', name: 'n' }, trajectoryId: 'tr', personId, roles: new Set(roles), workGroupDomains: new Set(), closed: false } as TrajectoryAccess;
}

describe('which overview a role gets', () => {
  test.each([
    [['coordinator'], 'coordinator', 'phases'],
    [['facilitator'], 'coordinator', 'phases'],
    [['chair'], 'chair', 'college'],
    [['alderman'], 'alderman', 'myDomains'],
    [['action_owner', 'work_group_member'], 'action_owner', 'myActions'],
    [['work_group_chair', 'action_owner'], 'work_group', 'workGroups'],
    [['trusted_person', 'work_group_member'], 'trusted_person', 'myParents'],
    [['parent'], 'member', 'phases'],
    [['admin'], 'member', 'phases'],
  ] as [PolicyRole[], string, string][])('%j → %s, leading with %s', (roles, persona, lead) => {
    const personas = personasOf(access(roles));
    expect(personas[0]).toBe(persona);
    expect(sectionsOf(personas)[0]).toBe(lead);
  });

  test('several roles: each lead first, then the rest once each', () => {
    const sections = sectionsOf(personasOf(access(['action_owner', 'work_group_member'])));
    expect(sections).toEqual(['myActions', 'workGroups', 'meetings']);
    expect(new Set(sections).size).toBe(sections.length);
  });

  test('warnings, and names of overloaded owners, are the coordinator\'s', () => {
    expect(seesWorkload(access(['coordinator']))).toBe(true);
    for (const role of ['chair', 'facilitator', 'alderman', 'admin', 'work_group_chair'] as PolicyRole[]) expect(seesWorkload(access([role]))).toBe(false);
    expect(sectionsOf(personasOf(access(['chair'])))).not.toContain('warnings');
  });

  test('read-only: no role that changes the plan, or a closed period', () => {
    expect(readsOnly(access(['alderman']))).toBe(true);
    expect(readsOnly(access(['parent', 'steering_member']))).toBe(true);
    expect(readsOnly(access(['action_owner']))).toBe(false);
    expect(readsOnly({ ...access(['coordinator']), closed: true })).toBe(true);
  });
});

const baseFacts = (over: Partial<OverviewFacts>): OverviewFacts => ({ domains: [], actions: [], indicators: [], ...over }) as unknown as OverviewFacts;
const action = (id: string, over: Record<string, unknown> = {}) => ({ id, title: id, status: 'in_progress', ownerId: 'p1', startDate: '2026-01-01', dueDate: '2026-12-31', domainId: 'd', operationalObjectiveId: 'o', ...over });

describe('own actions and urgency', () => {
  test('overdue, due within two weeks, later', () => {
    expect(urgencyOf('2026-11-30', '2026-12-01')).toBe('overdue');
    expect(urgencyOf('2026-12-15', '2026-12-01')).toBe('due_soon');
    expect(urgencyOf('2026-12-16', '2026-12-01')).toBe('later');
    expect(urgencyOf(null, '2026-12-01')).toBe('later');
  });

  test('only the caller\'s open actions, overdue first', () => {
    const facts = baseFacts({
      actions: [action('later', { dueDate: '2027-05-01' }), action('late', { dueDate: '2026-10-01' }), action('soon', { dueDate: '2026-12-05' }), action('done', { status: 'done', dueDate: '2026-01-01' }), action('other', { ownerId: 'p2' })],
    } as never);
    expect(ownActions(facts, 'p1', '2026-12-01').map((a) => a.id)).toEqual(['late', 'soon', 'later']);
    expect(ownActions(facts, null, '2026-12-01')).toEqual([]);
  });
});

describe('indicators off track', () => {
  const indicator = (id: string, latestValue: number | null, over: Record<string, unknown> = {}) => ({ id, actionId: 'a', kind: 'outcome', name: id, unit: '', baseline: 0, target: 100, latestValue, lastMeasuredOn: latestValue === null ? null : '2026-07-01', ...over });
  const facts = (indicators: unknown[]) => baseFacts({ actions: [action('a')], indicators } as never);
  const period = { periodStart: '2026-01-01', periodEnd: '2031-12-31' };

  test('behind the time gone by (less the margin), or moving away from the target', () => {
    // Half of the action's year has gone by on 2 July.
    const today = '2026-07-02';
    const ids = indicatorsOffTrack(facts([indicator('behind', 20), indicator('close', 50 - OFF_TRACK_MARGIN * 100 + 2), indicator('ahead', 80), indicator('away', -5, { baseline: 0 })]), period, today).map((i) => i.id);
    expect(ids.sort()).toEqual(['away', 'behind']);
  });

  test('nothing is judged without a baseline, a target or a measurement', () => {
    const today = '2026-12-30';
    expect(indicatorsOffTrack(facts([indicator('none', null), indicator('noBase', 1, { baseline: null }), indicator('noTarget', 1, { target: null })]), period, today)).toEqual([]);
  });
});
