import ExcelJS from 'exceljs';
import { addMonths, dueOn } from '../../src/measurement-plans/due-date';
import { allActions, beekvlietTrajectoryId, loadPlan, personIdOf } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';
import { demoUsers } from '../../src/seed/demo-ids';

/*
 * The evaluation phase over HTTP: measurement plans and their due dates, the warning signs that
 * follow from them, the signal group and its verdicts, and the "Evaluatie" sheet of the export.
 */
interface Warning {
  code: string;
  target: { kind: string; id: string };
  params: Record<string, unknown>;
}
interface Planned {
  id: string;
  indicatorId: string;
  dueOn: string;
  overdue: boolean;
  lastMeasuredOn: string | null;
  measurerName: string | null;
}

let t: TestApp;
let trajectoryId: string;
let actionId: string;
let domainId: string;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
  const action = allActions(await loadPlan(t, trajectoryId))[0]!;
  actionId = action.id;
  domainId = action.domainId;
});
afterAll(() => t.close());

async function ok<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, user: Parameters<TestApp['call']>[0] = 'coordinator'): Promise<T> {
  const res = await t.call(user, method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.statusCode === 204 ? undefined : res.json<T>()) as T;
}
const warnings = async (code: string) =>
  (await ok<{ warnings: Warning[] }>('GET', `/api/v1/trajectories/${trajectoryId}/overview`)).warnings.filter((w) => w.code === code);
const newIndicator = (body: Record<string, unknown> = {}) =>
  ok<{ id: string }>('POST', `/api/v1/actions/${actionId}/indicators`, { kind: 'outcome', name: `Gezinnen die terugkomen ${Math.random()}`, ...body });

describe('due dates', () => {
  test('from the last measurement and the frequency; a date set by hand until it is measured', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-03-11', 12)).toBe('2027-03-11');
    const plan = { frequency: 'half_yearly', nextDueOn: null, createdOn: '2026-01-05' };
    expect(dueOn(plan, null)).toBe('2026-01-05');
    expect(dueOn(plan, '2026-02-10')).toBe('2026-08-10');
    expect(dueOn({ ...plan, nextDueOn: '2026-04-01' }, '2026-02-10')).toBe('2026-04-01');
    expect(dueOn({ ...plan, nextDueOn: '2026-04-01' }, '2026-04-03')).toBe('2026-10-03');
  });
});

describe('measurement plans', () => {
  test('one per indicator, with its due date in the trajectory list; bad input answers 400 by field', async () => {
    const indicator = await newIndicator();
    const measurerId = await personIdOf(t, trajectoryId, demoUsers.actionOwner);
    const plan = await ok<{ id: string; frequency: string }>('POST', `/api/v1/indicators/${indicator.id}/measurement-plans`, { frequency: 'quarterly', measurerId, source: 'Aanwezigheidslijst' });
    expect(plan.frequency).toBe('quarterly');
    const second = await t.call('coordinator', 'POST', `/api/v1/indicators/${indicator.id}/measurement-plans`, { frequency: 'monthly' });
    expect(second.statusCode).toBe(409);

    await ok('POST', `/api/v1/indicators/${indicator.id}/measurements`, { measuredOn: '2026-01-15', value: 3 });
    const listed = await ok<{ plans: Planned[] }>('GET', `/api/v1/trajectories/${trajectoryId}/measurement-plans`);
    expect(listed.plans.find((p) => p.id === plan.id)).toMatchObject({ lastMeasuredOn: '2026-01-15', dueOn: '2026-04-15', measurerName: 'Tom Maes' });

    for (const [body, path] of [
      [{ frequency: 'weekly' }, 'body.frequency'],
      [{ nextDueOn: '2026-02-30' }, 'body.nextDueOn'],
      [{ measurerId: '00000000-0000-4000-8000-000000000000' }, 'body.measurerId'],
      [{ source: 'x'.repeat(501) }, 'body.source'],
    ] as const) {
      const res = await t.call('coordinator', 'PATCH', `/api/v1/measurement-plans/${plan.id}`, body);
      expect([res.statusCode, res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)]).toEqual([400, [path]]);
    }
  });

  test('warning signs flip: no baseline, no plan, overdue', async () => {
    // Counted, not only listed: a plan with many indicators lists the first 20 of a code.
    const counts = async () => (await ok<{ warningCounts: Record<string, number> }>('GET', `/api/v1/trajectories/${trajectoryId}/overview`)).warningCounts;
    const before = await counts();
    const indicator = await newIndicator();
    const added = await counts();
    expect(added.indicator_without_baseline).toBe((before.indicator_without_baseline ?? 0) + 1);
    expect(added.indicator_without_measurement_plan).toBe((before.indicator_without_measurement_plan ?? 0) + 1);

    await ok('PATCH', `/api/v1/indicators/${indicator.id}`, { baseline: 2 });
    expect((await counts()).indicator_without_baseline ?? 0).toBe(before.indicator_without_baseline ?? 0);

    // Measured long ago, monthly: overdue (the plan now exists, so that warning goes).
    await ok('POST', `/api/v1/indicators/${indicator.id}/measurements`, { measuredOn: '2020-01-10', value: 2 });
    const plan = await ok<{ id: string }>('POST', `/api/v1/indicators/${indicator.id}/measurement-plans`, { frequency: 'monthly' });
    const planned = await counts();
    expect(planned.indicator_without_measurement_plan ?? 0).toBe(before.indicator_without_measurement_plan ?? 0);
    expect(planned.measurement_overdue).toBe((before.measurement_overdue ?? 0) + 1);
    const overdue = (await warnings('measurement_overdue')).filter((w) => w.target.id === indicator.id);
    expect(overdue).toEqual([expect.objectContaining({ target: { kind: 'indicator', id: indicator.id }, params: expect.objectContaining({ dueOn: '2020-02-10', actionId }) })]);

    // Moved by hand to next year: no longer overdue.
    await ok('PATCH', `/api/v1/measurement-plans/${plan.id}`, { nextDueOn: `${new Date().getUTCFullYear() + 1}-01-15` });
    expect((await counts()).measurement_overdue ?? 0).toBe(before.measurement_overdue ?? 0);
  });
});

describe('the signal group and its verdicts', () => {
  test('only a parents group can be the signal group', async () => {
    const bodies = await ok<{ id: string; kind: string; name: string; signalGroup: boolean }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`);
    expect(bodies.find((b) => b.name === 'Signaalgroep ouders')?.signalGroup).toBe(true);
    const workGroup = bodies.find((b) => b.kind === 'work_group')!;
    const res = await t.call('coordinator', 'PATCH', `/api/v1/bodies/${workGroup.id}`, { signalGroup: true });
    expect([res.statusCode, res.json<{ errors: { path: string }[] }>().errors[0]?.path]).toEqual([400, 'body.signalGroup']);
    const parents = await ok<{ id: string; signalGroup: boolean }>('POST', `/api/v1/trajectories/${trajectoryId}/bodies`, { kind: 'parents_group', name: 'Oudergroep Noord' });
    expect(parents.signalGroup).toBe(false);
    expect((await ok<{ signalGroup: boolean }>('PATCH', `/api/v1/bodies/${parents.id}`, { signalGroup: true })).signalGroup).toBe(true);
    await ok('PATCH', `/api/v1/bodies/${parents.id}`, { signalGroup: false });
  });

  test('create, read, change and delete a verdict; recorded by whom; bad input by field', async () => {
    const bodies = await ok<{ id: string; name: string; kind: string; signalGroup: boolean }[]>('GET', `/api/v1/trajectories/${trajectoryId}/bodies`);
    const group = bodies.find((b) => b.signalGroup)!;
    const created = await ok<{ id: string; domainId: string; recordedByName: string; actionTitle: string | null }>(
      'POST',
      `/api/v1/trajectories/${trajectoryId}/signal-verdicts`,
      { bodyId: group.id, actionId, verdict: 'partly', reasons: 'Te weinig plaatsen op woensdag', givenOn: '2026-03-02' },
      'trustedPerson',
    );
    expect(created).toMatchObject({ domainId, recordedByName: 'Nadia Benali' });
    expect(created.actionTitle).toEqual(expect.any(String));
    expect(await ok('GET', `/api/v1/signal-verdicts/${created.id}`, undefined, 'aldermanEducation')).toMatchObject({ verdict: 'partly' });
    const changed = await ok<{ verdict: string }>('PATCH', `/api/v1/signal-verdicts/${created.id}`, { verdict: 'works' }, 'trustedPerson');
    expect(changed.verdict).toBe('works');
    const inDomain = await ok<{ id: string }[]>('GET', `/api/v1/trajectories/${trajectoryId}/signal-verdicts?domainId=${domainId}`, undefined, 'steeringMember');
    expect(inDomain.map((v) => v.id)).toContain(created.id);

    // A chair, however senior, does not speak for the parents.
    expect((await t.call('chair', 'PATCH', `/api/v1/signal-verdicts/${created.id}`, { verdict: 'not' })).statusCode).toBe(403);

    const bad = async (body: Record<string, unknown>) => (await t.call('coordinator', 'POST', `/api/v1/trajectories/${trajectoryId}/signal-verdicts`, body)).json<{ status: number; errors: { path: string }[] }>();
    const base = { bodyId: group.id, actionId, verdict: 'works', givenOn: '2026-03-02' };
    expect((await bad({ ...base, verdict: 'maybe' })).errors.map((e) => e.path)).toEqual(['body.verdict']);
    expect((await bad({ ...base, bodyId: bodies.find((b) => b.kind === 'steering_group')!.id })).errors.map((e) => e.path)).toEqual(['body.bodyId']);
    expect((await bad({ ...base, actionId: undefined })).errors.map((e) => e.path)).toEqual(['body.actionId']);
    expect((await bad({ ...base, actionId: '00000000-0000-4000-8000-000000000000' })).errors.map((e) => e.path)).toEqual(['body.actionId']);
    expect((await bad({ ...base, givenOn: '2026-13-01' })).errors.map((e) => e.path)).toEqual(['body.givenOn']);

    await ok('DELETE', `/api/v1/signal-verdicts/${created.id}`, undefined, 'trustedPerson');
    expect((await t.call('coordinator', 'GET', `/api/v1/signal-verdicts/${created.id}`)).statusCode).toBe(404);
    const audit = await t.db.db.selectFrom('auditLog').select('operation').where('entityId', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => a.operation)).toEqual(['create', 'update', 'delete']);
  });

  test('the export has an "Evaluatie" sheet with indicators, plans and verdicts', async () => {
    const res = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan.xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Evaluatie')!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['Indicator', 'Nulmeting', 'Streefwaarde', 'Laatste meting', 'Oordeel signaalgroep']));
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain('Oordelen van de signaalgroep');
    expect(text).toContain('De folder is te moeilijk geschreven');
    expect(text).toMatch(/per kwartaal|maandelijks/);
    expect(text).toContain('geen meetplan');
  });
});

