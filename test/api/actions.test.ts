import { sql } from 'kysely';
import { demoUsers } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan, personIdOf } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let trajectoryId: string;
let actionId: string;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
  const plan = await loadPlan(t, trajectoryId);
  actionId = allActions(plan).find((a) => a.status === 'planned' || a.status === 'in_progress')!.id;
});
afterAll(() => t.close());

async function auditRows(entityId: string) {
  return t.db.db.selectFrom('auditLog').selectAll().where('entityId', '=', entityId).orderBy('id').execute();
}

describe('actions: ETag, version and audit', () => {
  test('GET returns the version as ETag; PATCH with it succeeds, bumps the version and writes the audit log', async () => {
    const read = await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`);
    const etag = read.headers.etag as string;
    const before = read.json<{ version: number; title: string }>();
    expect(etag).toBe(`"${before.version}"`);

    const res = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { status: 'in_progress', progressNote: 'Eerste overleg met de scholen gehad' }, { 'if-match': etag });
    expect(res.statusCode).toBe(200);
    const after = res.json<{ version: number; status: string }>();
    expect(after.version).toBe(before.version + 1);
    expect(res.headers.etag).toBe(`"${after.version}"`);

    const audit = await auditRows(actionId);
    const last = audit.at(-1)!;
    expect(last.operation).toBe('update');
    expect(last.actorUserId).toBe(demoUsers.coordinator);
    expect(last.changes).toEqual(expect.objectContaining({ progressNote: { from: null, to: 'Eerste overleg met de scholen gehad' } }));

    const timeline = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}/updates`)).json<{ note: string }[]>();
    expect(timeline[0]?.note).toBe('Eerste overleg met de scholen gehad');
  });

  test('a stale If-Match gets 412 with the current state, and changes nothing', async () => {
    const current = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number; title: string }>();
    const auditBefore = (await auditRows(actionId)).length;
    const res = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { title: 'Overschreven titel' }, { 'if-match': `"${current.version - 1}"` });
    expect(res.statusCode).toBe(412);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json<{ current: { version: number } }>().current.version).toBe(current.version);
    const after = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number; title: string }>();
    expect(after).toEqual(current);
    expect((await auditRows(actionId)).length).toBe(auditBefore);
  });

  test('two concurrent writers with the same ETag: exactly one wins', async () => {
    const { version } = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number }>();
    const results = await Promise.all(
      ['Versie A', 'Versie B'].map((title) => t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { title }, { 'if-match': `"${version}"` })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
  });

  test.each(['garbage', '"abc"', 'W/"1"', '""', '"99999999999"', '"0", "x"'])('If-Match %s matches no version: 412 (RFC 9110), nothing changed', async (tag) => {
    const current = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number; title: string }>();
    const res = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { title: 'Niet bewaard' }, { 'if-match': tag });
    expect(res.statusCode).toBe(412);
    expect((await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json()).toEqual(current);
  });

  test('If-Match * or a list holding the current tag is accepted', async () => {
    const { version } = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number }>();
    const listed = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { means: 'Lokaal van de school' }, { 'if-match': `"${version - 1}", "${version}"` });
    expect(listed.statusCode).toBe(200);
    const star = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { means: 'Lokaal van de bib' }, { 'if-match': '*' });
    expect(star.statusCode).toBe(200);
  });

  test('a write with the same values changes nothing: same version, no audit, plan ETag kept, the next board move succeeds', async () => {
    const read = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number; title: string; status: string; means: string }>();
    const planBefore = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    const auditBefore = (await auditRows(actionId)).length;
    const same = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { title: read.title, status: read.status, means: read.means }, { 'if-match': `"${read.version}"` });
    expect(same.statusCode).toBe(200);
    expect(same.json<{ version: number }>().version).toBe(read.version);
    expect((await auditRows(actionId)).length).toBe(auditBefore);
    const planAfter = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`, undefined, { 'if-none-match': planBefore.headers.etag as string });
    expect(planAfter.statusCode).toBe(304);
    // The board still holds the version it read; its move must not meet a 412.
    const move = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { status: 'done' }, { 'if-match': `"${read.version}"` });
    expect(move.statusCode).toBe(200);
  });

  test('the plan ETag follows every write, also one that bypasses the service and its audit', async () => {
    const before = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    await sql`update action set title = title || ' (bijgewerkt in psql)' where id = ${actionId}`.execute(t.db.db);
    const after = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`, undefined, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const action = allActions(after.json()).find((a) => a.id === actionId)!;
    expect(action.title).toMatch(/bijgewerkt in psql/);
  });

  test('unchanged writes keep their version on every resource: a domain, a trajectory', async () => {
    const plan = await loadPlan(t, trajectoryId);
    const domain = plan.domains[0]!;
    const auditBefore = (await auditRows(domain.id)).length;
    const res = await t.call('coordinator', 'PATCH', `/api/v1/domains/${domain.id}`, { name: domain.name, approach: domain.approach });
    expect(res.statusCode).toBe(200);
    expect((await auditRows(domain.id)).length).toBe(auditBefore);
    const trajectory = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}`)).json<{ version: number; mission: string }>();
    const again = await t.call('coordinator', 'PATCH', `/api/v1/trajectories/${trajectoryId}`, { mission: trajectory.mission });
    expect(again.json<{ version: number }>().version).toBe(trajectory.version);
  });

  test('postponing needs a reason; the error names the field and nothing is saved', async () => {
    const before = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number; status: string }>();
    const res = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { status: 'postponed' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('body.progressNote');
    const after = (await t.call('coordinator', 'GET', `/api/v1/actions/${actionId}`)).json<{ version: number; status: string }>();
    expect(after).toEqual(before);
    const ok = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { status: 'postponed', progressNote: 'Wacht op subsidiebeslissing' });
    expect(ok.statusCode).toBe(200);
  });

  test('due date before start date, unknown owner and unknown status are each named', async () => {
    const res = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, {
      startDate: '2027-05-01',
      dueDate: '2027-04-01',
      ownerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.dueDate', 'body.ownerId']));
    const bad = await t.call('coordinator', 'PATCH', `/api/v1/actions/${actionId}`, { status: 'busy' });
    expect(bad.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.status');
  });

  test('create, list by owner and delete an action under an operational objective', async () => {
    const plan = await loadPlan(t, trajectoryId);
    const objective = plan.domains[0]!.strategicObjectives[0]!.operationalObjectives[0]!;
    const owner = await personIdOf(t, trajectoryId, demoUsers.actionOwner);
    const created = await t.call('coordinator', 'POST', `/api/v1/operational-objectives/${objective.id}/actions`, {
      title: 'Tweedehands sportmateriaal verzamelen',
      ownerId: owner,
      dueDate: '2027-06-30',
      sevenB: ['betaalbaarheid'],
    });
    expect(created.statusCode).toBe(201);
    const action = created.json<{ id: string; version: number; domainId: string; trajectoryId: string }>();
    expect(action.version).toBe(1);
    expect(action.domainId).toBe(plan.domains[0]!.id);
    const mine = (await t.call('actionOwner', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?mine=true`)).json<{ id: string }[]>();
    expect(mine.map((a) => a.id)).toContain(action.id);
    expect((await t.call('coordinator', 'DELETE', `/api/v1/actions/${action.id}`)).statusCode).toBe(204);
    expect((await t.call('coordinator', 'GET', `/api/v1/actions/${action.id}`)).statusCode).toBe(404);
    const audit = await auditRows(action.id);
    expect(audit.map((a) => a.operation)).toEqual(['create', 'delete']);
  });

  test('search and overdue filters', async () => {
    const overdue = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?overdue=true`)).json<{ overdue: boolean; status: string }[]>();
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((a) => a.overdue)).toBe(true);
    const { rows } = await sql<{ title: string }>`select title from action limit 1`.execute(t.db.db);
    const word = rows[0]!.title.split(' ').find((w) => w.length > 4)!;
    const found = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?q=${encodeURIComponent(word.toLowerCase())}`)).json<{ title: string }[]>();
    expect(found.some((a) => a.title.toLowerCase().includes(word.toLowerCase()))).toBe(true);
  });
});
