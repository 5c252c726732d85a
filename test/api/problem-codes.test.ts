import fc from 'fast-check';
import { problemCodes, withCode, type FieldProblem } from '../../src/shared/errors';
import { allActions, beekvlietTrajectoryId, loadPlan } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * Clients translate a field problem by its code, never by its English message: each bad input
 * below must come back with the code (and parameters) a client needs to say what is wrong.
 */
let t: TestApp;
let actionId: string;
let objectiveId: string;

beforeAll(async () => {
  t = await createTestApp();
  const trajectoryId = await beekvlietTrajectoryId(t);
  const plan = await loadPlan(t, trajectoryId);
  const action = allActions(plan).find((a) => a.status === 'planned' || a.status === 'in_progress')!;
  actionId = action.id;
  objectiveId = plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives))[0]!.id;
});
afterAll(() => t.close());

async function problems(method: 'PATCH' | 'POST', url: string, body: unknown): Promise<FieldProblem[]> {
  const res = await t.call('coordinator', method, url, body);
  expect(res.statusCode).toBe(400);
  return res.json<{ errors: FieldProblem[] }>().errors;
}

test.each<[string, Record<string, unknown>, string, string, Record<string, unknown> | undefined]>([
  ['an empty title', { title: '   ' }, 'body.title', 'required', undefined],
  ['a title too long', { title: 'x'.repeat(301) }, 'body.title', 'too_long', { max: 300 }],
  ['a date that is not one', { dueDate: '31/12/2026' }, 'body.dueDate', 'invalid_date', undefined],
  ['a year out of range', { dueDate: '0999-01-01' }, 'body.dueDate', 'year_out_of_range', { min: '1900', max: '2999' }],
  ['a status that does not exist', { status: 'finished' }, 'body.status', 'invalid_choice', undefined],
  ['a field that does not exist', { colour: 'red' }, 'body.colour', 'unknown_field', undefined],
  ['postponing without a reason', { status: 'postponed' }, 'body.progressNote', 'postpone_reason_required', undefined],
  ['a due date before the start', { startDate: '2027-05-01', dueDate: '2027-04-01' }, 'body.dueDate', 'date_order', { other: 'startDate' }],
])('PATCH an action with %s answers the code of the field', async (_what, body, path, code, params) => {
  const errors = await problems('PATCH', `/api/v1/actions/${actionId}`, body);
  expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, code, ...(params ? { params } : {}) })]));
});

test('a new action without its title answers required', async () => {
  const errors = await problems('POST', `/api/v1/operational-objectives/${objectiveId}/actions`, { ownerId: null });
  expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.title', code: 'required' })]));
});

test('every problem the server can classify gets a known code, whatever its message', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (path, message) => {
      const { code } = withCode({ path, message });
      expect(problemCodes).toContain(code);
    }),
  );
});
