import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan } from '../support/demo';
import { connectDatabase } from '../../src/db/database';
import { buildServer } from '../support/server';
import { createTestApp, testConfig, type TestApp } from '../support/test-app';

let t: TestApp;
let trajectoryId: string;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
});
afterAll(() => t.close());

describe('API contract', () => {
  test('healthz answers ok while the database answers, 503 when it does not', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok' });

    // The same server code over a database that does not answer (nothing listens on the port).
    const dead = connectDatabase('postgres://postgres:x@127.0.0.1:9/none', 1);
    const { app } = await buildServer({ config: testConfig(), db: dead.db, logger: false });
    const down = await app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual(expect.objectContaining({ status: 'unavailable' }));
    await app.close();
    await dead.close();
  });

  test('GET /me lists the caller, tenant and trajectories with roles', async () => {
    const res = await t.call('coordinator', 'GET', '/api/v1/me');
    expect(res.statusCode).toBe(200);
    const me = res.json<{ tenantId: string; userId: string; name: string; trajectories: { id: string; name: string; roles: string[] }[] }>();
    expect(me.tenantId).toBe(demoTenants.beekvliet.id);
    expect(me.userId).toBe(demoUsers.coordinator);
    expect(me.trajectories).toHaveLength(1);
    expect(me.trajectories[0]?.roles).toContain('coordinator');
  });

  test('the plan is the whole tree in one response', async () => {
    const plan = await loadPlan(t, trajectoryId);
    expect(plan.domains.length).toBeGreaterThanOrEqual(3);
    const actions = allActions(plan);
    expect(actions.length).toBeGreaterThanOrEqual(25);
    for (const a of actions) {
      expect(a).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), status: expect.any(String), version: expect.any(Number) }));
      expect(Array.isArray(a.indicators)).toBe(true);
    }
    expect(actions.some((a) => a.overdue)).toBe(true);
    // counts agree with the flat list
    const flat = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?limit=5000`);
    expect(flat.json<unknown[]>()).toHaveLength(actions.length);
  });

  test("the plan says rights once per domain; only actions whose rights differ (an owner's own) are listed by id", async () => {
    const read = async (user: 'coordinator' | 'actionOwner') =>
      (await t.call(user, 'GET', `/api/v1/trajectories/${trajectoryId}/plan`)).json<{
        domains: { id: string }[];
        can: { domains: Record<string, { actions: { report: boolean; edit: boolean } }>; actions: Record<string, { report: boolean; edit: boolean }> };
      }>();
    const plan = await loadPlan(t, trajectoryId);
    const coordinator = await read('coordinator');
    expect(Object.keys(coordinator.can.domains).sort()).toEqual(plan.domains.map((d) => d.id).sort());
    expect(coordinator.can.actions).toEqual({});

    const people = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/people`)).json<{ id: string; entraObjectId: string | null }[]>();
    const me = people.find((p) => p.entraObjectId === demoUsers.actionOwner)!.id;
    // One action outside his work group's domain becomes his, so that his rights there differ from the domain's.
    const before = await read('actionOwner');
    const outside = allActions(plan).find((a) => !before.can.domains[a.domainId]?.actions.report)!;
    expect((await t.call('coordinator', 'PATCH', `/api/v1/actions/${outside.id}`, { ownerId: me })).statusCode).toBe(200);
    const owner = await read('actionOwner');
    const own = allActions(await loadPlan(t, trajectoryId)).filter((a) => a.ownerId === me);
    // Listed: exactly the own actions where the domain's usual rights would not let him report.
    const expected = own.filter((a) => !owner.can.domains[a.domainId]?.actions.report).map((a) => a.id).sort();
    expect(expected).toContain(outside.id);
    expect(Object.keys(owner.can.actions).sort()).toEqual(expected);
    for (const id of expected) expect(owner.can.actions[id]).toEqual(expect.objectContaining({ report: true, edit: false }));
  });

  test('the plan carries an ETag; a client holding the current plan gets 304, a changed plan 200', async () => {
    const first = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`, undefined, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const action = allActions(first.json())[0]!;
    await t.call('coordinator', 'PATCH', `/api/v1/actions/${action.id}`, { title: `${action.title} (bijgewerkt)` });
    const changed = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan`, undefined, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  test('requests without a valid token get a 401 problem document', async () => {
    const none = await t.call(null, 'GET', '/api/v1/me');
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(none.json()).toEqual(expect.objectContaining({ status: 401, title: expect.any(String), type: expect.any(String) }));
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.statusCode).toBe(401);
  });

  test('the OpenAPI 3.1 document describes the routes with their zod-derived schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }> }; parameters?: { name: string; in: string }[] }>> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/me', '/api/v1/trajectories/{id}/plan', '/api/v1/actions/{id}']));
    const patch = doc.paths['/api/v1/actions/{id}']?.patch;
    const schema = patch?.requestBody?.content['application/json']?.schema;
    expect(Object.keys(schema?.properties ?? {})).toEqual(expect.arrayContaining(['status', 'dueDate', 'ownerId', 'progressNote']));
    expect(patch?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' })]));
    const create = doc.paths['/api/v1/operational-objectives/{id}/actions']?.post?.requestBody?.content['application/json']?.schema;
    expect(create?.required).toContain('title');
  });

  test('the privacy statement and terms the manifest links to are served in Dutch and English', async () => {
    for (const url of ['/privacy', '/terms']) {
      const nl = await t.app.inject({ method: 'GET', url });
      expect(nl.statusCode).toBe(200);
      expect(nl.headers['content-type']).toMatch(/text\/html/);
      expect(nl.body).toContain('lang="nl-BE"');
      const en = await t.app.inject({ method: 'GET', url: `${url}?lang=en` });
      expect(en.body).toContain('lang="en"');
    }
    expect((await t.app.inject({ method: 'GET', url: '/privacy' })).body).toMatch(/vertrouwenspersoon/);
  });

  test('unknown routes answer a 404 problem', async () => {
    const res = await t.call('coordinator', 'GET', '/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('validation errors', () => {
  test('each bad field is listed with its path and reason', async () => {
    const res = await t.call('coordinator', 'POST', '/api/v1/trajectories', {
      name: '',
      municipality: 'Beekvliet',
      periodStart: '2026-13-01',
      periodEnd: '2025-01-01',
      qualityCriteria: ['snel'],
      unknownField: 1,
    });
    expect(res.statusCode).toBe(400);
    const problem = res.json<{ errors: { path: string; message: string }[] }>();
    const paths = problem.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.periodStart', 'body.qualityCriteria.0']));
    expect(problem.errors.find((e) => e.path === 'body.periodStart')?.message).toMatch(/date/);
    expect(problem.errors).toContainEqual({ path: 'body.unknownField', message: 'is not a known field', code: 'unknown_field' });
  });

  test('a malformed JSON body is a 400 naming the body, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trajectories',
      headers: { authorization: `Bearer ${await t.token('coordinator')}`, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body');
  });

  test('a bad id in the path is a 400 naming params.id', async () => {
    const res = await t.call('coordinator', 'GET', '/api/v1/actions/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('params.id');
  });

  test('a bad query value names the query field', async () => {
    const res = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/actions?status=busy`);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string; message: string }[] }>().errors[0]).toEqual({ path: 'query.status', message: expect.stringMatching(/busy/), code: 'invalid_choice' });
  });
});
