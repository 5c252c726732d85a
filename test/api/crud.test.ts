import { demoUsers } from '../../src/seed/demo-ids';
import { beekvlietTrajectoryId, personIdOf } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let trajectoryId: string;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
});
afterAll(() => t.close());

async function ok<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, expected = method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200): Promise<T> {
  const res = await t.call('coordinator', method, url, body);
  expect([method, url, res.statusCode, res.statusCode === expected ? '' : res.body]).toEqual([method, url, expected, '']);
  return (res.body ? res.json() : undefined) as T;
}

async function auditOperations(entityId: string): Promise<string[]> {
  const rows = await t.db.db.selectFrom('auditLog').select('operation').where('entityId', '=', entityId).orderBy('id').execute();
  return rows.map((r) => r.operation);
}

describe('create, read, update and delete through the whole model', () => {
  test('trajectory → domain → objectives → action → indicator → measurement, each audited', async () => {
    // The administrator starts it for the coordinator.
    const started = await t.call('admin', 'POST', '/api/v1/trajectories', {
      name: 'Tweede plan',
      municipality: 'Beekvliet',
      periodStart: '2026-01-01',
      periodEnd: '2031-12-31',
      qualityCriteria: ['participatief', 'integraal'],
      phaseProgress: { beleidsbeslissing: 'done', stuurgroep_vergaderingen: 'in_progress' },
      coordinator: { entraObjectId: demoUsers.coordinator, displayName: 'Lotte Peeters' },
    });
    expect(started.statusCode).toBe(201);
    const trajectory = started.json<{ id: string; roles: string[] }>();
    expect(trajectory.roles).toEqual(['admin']);
    const read = await ok<{ phaseProgress: Record<string, string>; roles: string[] }>('GET', `/api/v1/trajectories/${trajectory.id}`);
    expect(read.phaseProgress).toEqual({ beleidsbeslissing: 'done', stuurgroep_vergaderingen: 'in_progress' });
    expect(read.roles).toEqual(['coordinator']);
    const patched = await ok<{ mission: string; version: number }>('PATCH', `/api/v1/trajectories/${trajectory.id}`, { mission: 'Elk kind krijgt kansen' });
    expect(patched).toEqual(expect.objectContaining({ mission: 'Elk kind krijgt kansen', version: 2 }));

    const domain = await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectory.id}/domains`, { name: 'Wonen', approach: 'structural' });
    expect(await ok<unknown[]>('GET', `/api/v1/trajectories/${trajectory.id}/domains`)).toHaveLength(1);
    await ok('PATCH', `/api/v1/domains/${domain.id}`, { state: 'later' });
    const strategic = await ok<{ id: string }>('POST', `/api/v1/domains/${domain.id}/strategic-objectives`, { title: 'Betaalbaar wonen voor gezinnen' });
    const operational = await ok<{ id: string; smartSpecific: boolean; targetDate: string }>('POST', `/api/v1/strategic-objectives/${strategic.id}/operational-objectives`, {
      title: 'Tegen eind 2027 krijgen 40 gezinnen een woonbegeleider',
      smartSpecific: true,
      targetDate: '2027-12-31',
    });
    expect(operational).toEqual(expect.objectContaining({ smartSpecific: true, targetDate: '2027-12-31' }));
    const action = await ok<{ id: string }>('POST', `/api/v1/operational-objectives/${operational.id}/actions`, { title: 'Woonbegeleiding opstarten', budget: 12500 });
    const indicator = await ok<{ id: string }>('POST', `/api/v1/actions/${action.id}/indicators`, { kind: 'outcome', name: 'Gezinnen met stabiele huisvesting', unit: 'gezinnen', baseline: 0, target: 40 });
    const measurement = await ok<{ id: string; value: number }>('POST', `/api/v1/indicators/${indicator.id}/measurements`, { measuredOn: '2026-06-30', value: 12 });
    expect(measurement.value).toBe(12);
    await ok('PATCH', `/api/v1/measurements/${measurement.id}`, { value: 14, note: 'gecorrigeerd' });
    expect(await ok<{ value: number }[]>('GET', `/api/v1/indicators/${indicator.id}/measurements`)).toEqual([expect.objectContaining({ value: 14 })]);

    const planIndicators = await ok<{ indicators: { id: string; actionId: string; latestValue: number }[] }>('GET', `/api/v1/trajectories/${trajectory.id}/plan/indicators`);
    expect(planIndicators.indicators).toEqual([expect.objectContaining({ id: indicator.id, actionId: action.id, latestValue: 14 })]);
    // One domain's read: the same indicator with the same latest value, and none for an unknown domain.
    const inDomain = await ok<{ indicators: { id: string; latestValue: number }[] }>('GET', `/api/v1/trajectories/${trajectory.id}/plan/indicators?domainId=${domain.id}`);
    expect(inDomain.indicators).toEqual([expect.objectContaining({ id: indicator.id, latestValue: 14 })]);
    const elsewhere = await ok<{ indicators: unknown[] }>('GET', `/api/v1/trajectories/${trajectory.id}/plan/indicators?domainId=${strategic.id}`);
    expect(elsewhere.indicators).toEqual([]);

    await ok('DELETE', `/api/v1/measurements/${measurement.id}`);
    await ok('DELETE', `/api/v1/indicators/${indicator.id}`);
    await ok('DELETE', `/api/v1/operational-objectives/${operational.id}`);
    expect((await t.call('coordinator', 'GET', `/api/v1/actions/${action.id}`)).statusCode).toBe(404);
    await ok('DELETE', `/api/v1/strategic-objectives/${strategic.id}`);
    await ok('DELETE', `/api/v1/domains/${domain.id}`);
    expect(await auditOperations(measurement.id)).toEqual(['create', 'update', 'delete']);
    expect(await auditOperations(domain.id)).toEqual(['create', 'update', 'delete']);

    const audit = await ok<{ entity: string; operation: string }[]>('GET', `/api/v1/trajectories/${trajectory.id}/audit?entity=trajectory`);
    expect(audit.map((a) => a.operation)).toEqual(['update', 'create']);
    // Only the administrator deletes a trajectory, not its coordinator.
    expect((await t.call('coordinator', 'DELETE', `/api/v1/trajectories/${trajectory.id}`)).statusCode).toBe(403);
    expect((await t.call('admin', 'DELETE', `/api/v1/trajectories/${trajectory.id}`)).statusCode).toBe(204);
    expect((await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectory.id}`)).statusCode).toBe(404);
  });

  test('people, bodies and memberships', async () => {
    const trusted = await personIdOf(t, trajectoryId, demoUsers.trustedPerson);
    const parent = await ok<{ id: string; phone: string }>('POST', `/api/v1/trajectories/${trajectoryId}/people`, {
      displayName: 'Samira',
      phone: '+32 470 12 34 56',
      contactPreference: 'via_trusted_person',
      trustedPersonId: trusted,
      sector: 'ervaringsdeskundigen',
    });
    const body = await ok<{ id: string }>('POST', `/api/v1/trajectories/${trajectoryId}/bodies`, { kind: 'parents_group', name: 'Klankbordgroep' });
    const membership = await ok<{ id: string }>('POST', `/api/v1/bodies/${body.id}/memberships`, { personId: parent.id, role: 'parent' });
    const duplicate = await t.call('coordinator', 'POST', `/api/v1/bodies/${body.id}/memberships`, { personId: parent.id, role: 'parent' });
    expect(duplicate.statusCode).toBe(409);
    const seen = await ok<{ isParent: boolean; memberships: unknown[]; phone: string }>('GET', `/api/v1/trajectories/${trajectoryId}/people/${parent.id}`);
    expect(seen).toEqual(expect.objectContaining({ isParent: true, phone: '+32 470 12 34 56' }));
    expect(seen.memberships).toHaveLength(1);
    const hidden = (await t.call('aldermanEducation', 'GET', `/api/v1/trajectories/${trajectoryId}/people/${parent.id}`)).json<{ phone: string | null }>();
    expect(hidden.phone).toBeNull();
    await ok('PATCH', `/api/v1/memberships/${membership.id}`, { role: 'member' });
    await ok('PATCH', `/api/v1/trajectories/${trajectoryId}/people/${parent.id}`, { contactPreference: 'sms' });
    await ok('DELETE', `/api/v1/memberships/${membership.id}`);
    await ok('DELETE', `/api/v1/bodies/${body.id}`);
    // Added here, the person stays in this trajectory's people until they are deleted.
    expect((await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/people/${parent.id}`)).statusCode).toBe(200);
    await ok('DELETE', `/api/v1/trajectories/${trajectoryId}/people/${parent.id}`);
    expect((await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/people/${parent.id}`)).statusCode).toBe(404);
  });

  test('initiatives and meetings, with references checked against the trajectory', async () => {
    const domains = await ok<{ id: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/domains`);
    const initiative = await ok<{ id: string; domainId: string }>('POST', `/api/v1/trajectories/${trajectoryId}/initiatives`, {
      name: 'Speelotheek',
      state: 'active',
      partner: 'Huis van het Kind',
      domainId: domains[0]!.id,
    });
    expect(initiative.domainId).toBe(domains[0]!.id);
    const foreign = await t.call('coordinator', 'PATCH', `/api/v1/initiatives/${initiative.id}`, { domainId: '00000000-0000-4000-8000-000000000001' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.domainId');
    await ok('DELETE', `/api/v1/initiatives/${initiative.id}`);

    const bodies = await ok<{ id: string; kind: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`);
    const steering = bodies.find((b) => b.kind === 'steering_group')!;
    const bad = await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
      bodyId: steering.id,
      title: 'Stuurgroep 4',
      startsAt: '2027-03-01T19:00:00+01:00',
      endsAt: '2027-03-01T18:00:00+01:00',
    });
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.endsAt');
    const meeting = await ok<{ id: string; dayPart: string }>('POST', `/api/v1/trajectories/${trajectoryId}/meetings`, {
      bodyId: steering.id,
      title: 'Stuurgroep 4',
      startsAt: '2027-03-01T19:00:00+01:00',
      endsAt: '2027-03-01T21:00:00+01:00',
      dayPart: 'evening',
    });
    expect(meeting.dayPart).toBe('evening');
    // An end before the stored start is caught by the database check and reported, not a 500.
    const inverted = await t.call('coordinator', 'PATCH', `/api/v1/meetings/${meeting.id}`, { endsAt: '2027-02-01T10:00:00+01:00' });
    expect(inverted.statusCode).toBe(400);
    await ok('DELETE', `/api/v1/meetings/${meeting.id}`);
  });
});
