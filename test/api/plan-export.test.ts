import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { demoTenants } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let trajectoryId: string;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
});
afterAll(() => t.close());

const headers = [
  'Beleidsdomein',
  'Aanpak',
  'Strategische doelstelling',
  'Operationele doelstelling',
  'Actie',
  'Eigenaar',
  'Partners',
  'Startdatum',
  'Einddatum',
  'Status',
  'Achterstallig',
  'Middelen',
  'Budget (EUR)',
  'Indicatoren',
];

async function download(): Promise<ExcelJS.Worksheet> {
  const res = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan.xlsx`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="actieplan-beekvliet-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Actieplan');
  if (!sheet) throw new Error('no sheet "Actieplan"');
  return sheet;
}

function rowValues(sheet: ExcelJS.Worksheet, n: number): unknown[] {
  return (sheet.getRow(n).values as unknown[]).slice(1);
}

describe('plan export to Excel', () => {
  test('Dutch headers and one row per action, with its objectives, owner, dates, status, means, budget and indicators', async () => {
    const plan = await loadPlan(t, trajectoryId);
    const sheet = await download();
    expect(rowValues(sheet, 1)).toEqual(headers);
    const actions = allActions(plan);
    expect(sheet.actualRowCount - 1).toBe(actions.length);

    const titles = new Map<string, number>();
    sheet.eachRow((row, n) => {
      if (n > 1) titles.set(String(row.getCell(5).value), n);
    });
    const names = new Map(plan.people.map((p) => [p.id, p.displayName]));
    const statusNl: Record<string, string> = { planned: 'gepland', in_progress: 'lopend', done: 'afgerond', postponed: 'uitgesteld', dropped: 'geschrapt' };

    for (const domain of plan.domains) {
      for (const s of domain.strategicObjectives) {
        for (const o of s.operationalObjectives) {
          for (const a of o.actions) {
            const n = titles.get(a.title);
            expect(n).toBeDefined();
            const row = sheet.getRow(n!);
            expect(row.getCell(1).value).toBe(domain.name);
            expect(row.getCell(3).value).toBe(s.title);
            expect(row.getCell(4).value).toBe(o.title);
            expect(row.getCell(6).value ?? '').toBe(a.ownerId ? names.get(a.ownerId) : '');
            expect(row.getCell(10).value).toBe(statusNl[a.status]);
            expect(row.getCell(11).value).toBe(a.overdue ? 'ja' : 'nee');
            const due = row.getCell(9).value;
            expect(due instanceof Date ? due.toISOString().slice(0, 10) : due).toBe(a.dueDate ?? null);
            expect(String(row.getCell(14).value ?? '').split('\n').filter(Boolean)).toHaveLength(a.indicators.length);
          }
        }
      }
    }
  });

  test('means, budget and indicator figures come from the action', async () => {
    const plan = await loadPlan(t, trajectoryId);
    const withBudget = allActions(plan).find((a) => a.indicators.length > 0);
    expect(withBudget).toBeDefined();
    const full = (await t.call('coordinator', 'GET', `/api/v1/actions/${withBudget!.id}`)).json<{ means: string; budget: number | null; title: string }>();
    const sheet = await download();
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(5).value !== full.title) return;
      found = true;
      expect(row.getCell(12).value ?? '').toBe(full.means);
      expect(row.getCell(13).value ?? null).toBe(full.budget);
      expect(String(row.getCell(14).value)).toContain('streefwaarde');
    });
    expect(found).toBe(true);
  });

  test('a changed action shows up in the next export', async () => {
    const plan = await loadPlan(t, trajectoryId);
    const action = allActions(plan).find((a) => a.status === 'planned')!;
    const res = await t.call('coordinator', 'PATCH', `/api/v1/actions/${action.id}`, { status: 'in_progress', budget: 1234.5 }, { 'if-match': `"${action.version}"` });
    expect(res.statusCode).toBe(200);
    const sheet = await download();
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(5).value === action.title) row = r;
    });
    expect(row?.getCell(10).value).toBe('lopend');
    expect(row?.getCell(13).value).toBe(1234.5);
  });

  test('only members of the trajectory may export', async () => {
    const res = await t.call({ tenantId: demoTenants.beekvliet.id, userId: randomUUID(), name: 'Buitenstaander' }, 'GET', `/api/v1/trajectories/${trajectoryId}/plan.xlsx`);
    expect(res.statusCode).toBe(404);
    expect((await t.call(null, 'GET', `/api/v1/trajectories/${trajectoryId}/plan.xlsx`)).statusCode).toBe(401);
  });
});
