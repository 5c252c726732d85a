import { randomUUID } from 'node:crypto';
import { redactedValue } from '../../src/audit/audit';
import { Factory, fingerprint, type Caller, type World } from '../support/permission-world';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * The attacks a signed-in insider could make before the authorisation model (issue 8), replayed
 * one by one: each must be refused and leave every row as it was.
 */
let t: TestApp;
let f: Factory;
let a: World;
let b: World;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  f = new Factory(t.db.db);
  const tenantId = await f.tenant('Gemeente Aanval');
  const admin = await f.admin(tenantId);
  a = await f.world(tenantId, admin);
  b = await f.world(tenantId, admin);
});
afterAll(() => t.close());

function as(caller: Caller, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  return t.call({ tenantId: caller.tenantId, userId: caller.userId, name: caller.role }, method, url, body);
}

/** Runs the attack and expects the status, with not a single row changed. */
async function refused(status: number, attack: () => Promise<{ statusCode: number; body: string }>): Promise<string> {
  const before = await fingerprint(t.db.db);
  const res = await attack();
  expect([res.statusCode, res.body]).toEqual([status, expect.any(String)]);
  expect(await fingerprint(t.db.db)).toBe(before);
  return res.body;
}

const coordinatorA = () => a.callers.coordinator!;
const chairA = () => a.callers.chair!;

describe('taking over a trajectory', () => {
  test('nobody but an administrator starts a trajectory (and so becomes its coordinator)', async () => {
    const body = { name: 'Mijn eigen traject', municipality: 'Aanval', periodStart: '2026-01-01', periodEnd: '2030-12-31' };
    for (const caller of [coordinatorA(), chairA(), a.callers.parent!]) await refused(403, () => as(caller, 'POST', '/api/v1/trajectories', body));
    await refused(403, () => t.call({ tenantId: a.tenantId, userId: randomUUID(), name: 'Nieuw' }, 'POST', '/api/v1/trajectories', body));
  });

  test("another trajectory's person cannot be pulled in as member, owner or trusted person", async () => {
    const victim = b.callers.coordinator!.personId!;
    const problem = await refused(400, () => as(coordinatorA(), 'POST', `/api/v1/bodies/${a.steeringId}/memberships`, { personId: victim, role: 'member' }));
    expect(JSON.parse(problem).errors).toEqual([{ path: 'body.personId', message: 'no such person in this trajectory', code: 'no_such_person' }]);
    await refused(400, () => as(coordinatorA(), 'PATCH', `/api/v1/actions/${a.actionId}`, { ownerId: victim }));
    await refused(400, () => as(coordinatorA(), 'POST', `/api/v1/trajectories/${a.trajectoryId}/people`, { displayName: 'X', trustedPersonId: victim }));
  });

  test("another trajectory's person cannot be read, rewritten or deleted through one's own", async () => {
    const victim = b.callers.parent!.personId!;
    const url = `/api/v1/trajectories/${a.trajectoryId}/people/${victim}`;
    await refused(404, () => as(coordinatorA(), 'GET', url));
    await refused(404, () => as(coordinatorA(), 'PATCH', url, { phone: '+32 470 00 00 00' }));
    await refused(404, () => as(coordinatorA(), 'DELETE', url));
  });

  test('a person in two trajectories is changed or deleted only by someone who may do so in both', async () => {
    const shared = (await f.memberOf(a, 'member')).personId;
    await f.membership(b, b.steeringId, shared, 'member');
    const url = `/api/v1/trajectories/${a.trajectoryId}/people/${shared}`;
    await refused(403, () => as(coordinatorA(), 'PATCH', url, { displayName: 'Overgenomen' }));
    await refused(403, () => as(coordinatorA(), 'DELETE', url));
    // The administrator holds people.edit in both: allowed, and both trajectories' logs say so.
    expect((await as(a.callers.admin!, 'PATCH', url, { displayName: 'Hernoemd' })).statusCode).toBe(200);
    const logged = await t.db.db.selectFrom('auditLog').select('trajectoryId').where('entityId', '=', shared).where('operation', '=', 'update').execute();
    expect(logged.map((r) => r.trajectoryId).sort()).toEqual([a.trajectoryId, b.trajectoryId].sort());
  });

  test("nobody but an administrator links a sign-in: a coordinator cannot rebind someone's entraObjectId to themself", async () => {
    const member = (await f.memberOf(a, 'member')).personId;
    await refused(403, () => as(coordinatorA(), 'PATCH', `/api/v1/trajectories/${a.trajectoryId}/people/${member}`, { entraObjectId: randomUUID() }));
    await refused(403, () => as(coordinatorA(), 'POST', `/api/v1/trajectories/${a.trajectoryId}/people`, { displayName: 'Ik opnieuw', entraObjectId: randomUUID() }));
    // The chair's own sign-in onto the coordinator's person: refused, and the coordinator stays who they are.
    const coordinatorPerson = coordinatorA().personId!;
    await refused(403, () => as(chairA(), 'PATCH', `/api/v1/trajectories/${a.trajectoryId}/people/${coordinatorPerson}`, { entraObjectId: chairA().userId }));
  });
});

describe('granting oneself rights', () => {
  test('a chair cannot make anyone, themself included, coordinator or trusted person', async () => {
    await refused(403, () => as(chairA(), 'POST', `/api/v1/bodies/${a.steeringId}/memberships`, { personId: chairA().personId, role: 'coordinator' }));
    await refused(403, () => as(chairA(), 'POST', `/api/v1/bodies/${a.parentsGroupId}/memberships`, { personId: chairA().personId, role: 'trusted_person' }));
    const own = await t.db.db.selectFrom('membership').select('id').where('personId', '=', chairA().personId!).executeTakeFirstOrThrow();
    await refused(403, () => as(chairA(), 'PATCH', `/api/v1/memberships/${own.id}`, { role: 'coordinator' }));
  });

  test("only the coordinator sets a parent's trusted person: not the chair, not the trusted person", async () => {
    const parent = a.callers.parent!.personId!;
    const url = `/api/v1/trajectories/${a.trajectoryId}/people/${parent}`;
    await refused(403, () => as(chairA(), 'PATCH', url, { trustedPersonId: chairA().personId }));
    await refused(403, () => as(a.callers.facilitator!, 'PATCH', url, { trustedPersonId: a.callers.facilitator!.personId }));
    const read = await as(chairA(), 'GET', url);
    expect(read.json<{ phone: string | null }>().phone).toBeNull();
  });
});

describe("parents' contact details stay hidden in the audit log", () => {
  test('a reader who may not see the phone sees that it changed, not what it was or became', async () => {
    const parent = await f.parent(a);
    const url = `/api/v1/trajectories/${a.trajectoryId}/people/${parent}`;
    expect((await as(coordinatorA(), 'PATCH', url, { phone: '+32 470 55 44 33', email: 'nieuw@example.org' })).statusCode).toBe(200);
    type Entry = { entityId: string; operation: string; changes: Record<string, unknown> };
    const log = async (caller: Caller) =>
      (await as(caller, 'GET', `/api/v1/trajectories/${a.trajectoryId}/audit?entity=person&entityId=${parent}`)).json<Entry[]>().find((e) => e.operation === 'update')!;
    const seenByChair = await log(chairA());
    expect(seenByChair.changes.phone).toEqual(redactedValue);
    expect(seenByChair.changes.email).toEqual(redactedValue);
    expect(JSON.stringify(seenByChair)).not.toMatch(/55 44 33|nieuw@example/);
    const seenByCoordinator = await log(coordinatorA());
    expect(seenByCoordinator.changes.phone).toEqual({ from: '+32 470 11 22 33', to: '+32 470 55 44 33' });
    // The admin reads the log too, and is no more entitled to the phone than the chair.
    expect((await log(a.callers.admin!)).changes.phone).toEqual(redactedValue);
    // Members without audit.read do not read the log at all.
    expect((await as(a.callers.trusted_person!, 'GET', `/api/v1/trajectories/${a.trajectoryId}/audit`)).statusCode).toBe(403);
  });

  test('after a parent is deleted only the coordinator still sees their old details in the log', async () => {
    const parent = await f.parent(a);
    expect((await as(coordinatorA(), 'DELETE', `/api/v1/trajectories/${a.trajectoryId}/people/${parent}`)).statusCode).toBe(204);
    const entry = (await as(chairA(), 'GET', `/api/v1/trajectories/${a.trajectoryId}/audit?entityId=${parent}`)).json<{ operation: string; changes: Record<string, unknown> }[]>();
    expect(entry.find((e) => e.operation === 'delete')!.changes.phone).toEqual(redactedValue);
    const forCoordinator = (await as(coordinatorA(), 'GET', `/api/v1/trajectories/${a.trajectoryId}/audit?entityId=${parent}`)).json<{ operation: string; changes: Record<string, unknown> }[]>();
    expect(forCoordinator.find((e) => e.operation === 'delete')!.changes.phone).toBe('+32 470 11 22 33');
  });
});
