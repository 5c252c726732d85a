import { allActions, beekvlietTrajectoryId, loadPlan } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let ids: string[];

beforeAll(async () => {
  t = await createTestApp();
  const trajectoryId = await beekvlietTrajectoryId(t);
  const plan = await loadPlan(t, trajectoryId);
  const domain = plan.domains[0]!;
  const strategic = domain.strategicObjectives[0]!;
  const operational = strategic.operationalObjectives[0]!;
  const action = allActions(plan).find((a) => a.indicators.length > 0)!;
  ids = [trajectoryId, domain.id, strategic.id, operational.id, action.id, action.indicators[0]!.id, '00000000-0000-4000-8000-000000000000', 'x'];
});
afterAll(() => t.close());

const payloads: unknown[] = [
  {},
  [],
  'tekst',
  42,
  null,
  { title: 123, name: ['a'], status: { $ne: null } },
  { title: 'x'.repeat(100_000) },
  { dueDate: '2026-02-30', startDate: '0000-00-00', budget: -1, value: 'NaN', measuredOn: 'gisteren' },
  { startsAt: 'morgen', endsAt: 12, bodyId: 'nope', personId: 'nope', role: 'koning' },
  { periodStart: '2026-01-01', periodEnd: '2025-01-01', name: 'x', municipality: 'y' },
  { __proto__: { admin: true }, constructor: { prototype: { admin: true } } },
  { budget: 1e308, position: -5, reminderDaysBefore: 1e9 },
];

describe('no input produces a 500', () => {
  test('every documented route with garbage ids, bodies and headers answers 2xx or 4xx', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const failures: string[] = [];
    let requests = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        for (const id of ids) {
          const url = template.replace(/\{[^}]+\}/g, id);
          const bodies = method === 'get' || method === 'delete' ? [undefined] : payloads;
          for (const body of bodies) {
            for (const headers of [{}, { 'if-match': '"abc"' }, { 'content-type': 'text/plain' }]) {
              const token = await t.token('coordinator');
              const res = await t.app.inject({
                method: method.toUpperCase() as 'GET',
                url: `${url}?limit=-1&status=,&overdue=maybe&entity=%00`,
                headers: { authorization: `Bearer ${token}`, ...headers },
                ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
              });
              requests += 1;
              if (res.statusCode >= 500) failures.push(`${method.toUpperCase()} ${url} ${JSON.stringify(body)?.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
              else if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/problem\+json/);
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 120_000);
});
