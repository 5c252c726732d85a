import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { spreadsheetCell } from '../../src/shared/spreadsheet-cell';
import { allActions, beekvlietTrajectoryId, loadPlan } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

/*
 * CSV/formula injection: text a member typed must reach the spreadsheet as text, never as a
 * formula, while numbers and dates keep their types. Checked on the real export, read back.
 */

let t: TestApp;
let trajectoryId: string;

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
});
afterAll(() => t.close());

async function workbook(): Promise<ExcelJS.Workbook> {
  const res = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan.xlsx`);
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}

describe('formula injection in the plan export', () => {
  // Titles are trimmed on input, so the leading tab and CR go in through `means`, which is not.
  const hostile = [
    { title: '=HYPERLINK("http://x","y")', means: '\tfoo' },
    { title: '+1', means: '\rbar' },
    { title: '-1', means: '=1+1' },
    { title: '@SUM(A1)', means: '@x' },
  ];

  test('cells starting with = + - @ tab or CR arrive as text with a leading quote; numbers and dates stay typed', async () => {
    const plan = await loadPlan(t, trajectoryId);
    const objective = allActions(plan)[0]!.operationalObjectiveId;
    for (const [i, fields] of hostile.entries()) {
      const res = await t.call('coordinator', 'POST', `/api/v1/operational-objectives/${objective}/actions`, { ...fields, budget: 100 * (i + 1), dueDate: '2030-06-30', partners: ['-partner'] });
      expect(res.statusCode).toBe(201);
    }
    const renamed = await t.call('coordinator', 'PATCH', `/api/v1/trajectories/${trajectoryId}`, { name: '=cmd|\' /C calc\'!A0' });
    expect(renamed.statusCode).toBe(200);

    const book = await workbook();
    const sheet = book.getWorksheet('Actieplan')!;
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row) => rows.set(String(row.getCell(5).value), row));
    for (const [i, { title, means }] of hostile.entries()) {
      const row = rows.get(`'${title}`);
      expect(row).toBeDefined();
      for (const [column, expected] of [
        [5, `'${title}`],
        [7, "'-partner"],
        [12, `'${means}`],
      ] as const) {
        const cell = row!.getCell(column);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        // XML reads a raw CR back as LF; what matters is the quote before it.
        expect(String(cell.value).replace(/\r/g, '\n')).toBe(expected.replace(/\r/g, '\n'));
        expect(cell.formula).toBeUndefined();
      }
      const budget = row!.getCell(13);
      expect(budget.type).toBe(ExcelJS.ValueType.Number);
      expect(budget.value).toBe(100 * (i + 1));
      expect(row!.getCell(9).value).toEqual(new Date('2030-06-30T00:00:00Z'));
    }
    // Nothing in the workbook is a formula, and the ordinary rows are untouched.
    book.eachSheet((s) => s.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
    const ordinary = allActions(plan)[0]!;
    expect(rows.has(ordinary.title)).toBe(true);

    const info = book.getWorksheet('Info')!;
    expect(info.getCell('B1').value).toBe("'=cmd|' /C calc'!A0");
    expect(info.getCell('A1').value).toBe('Traject');
  });
});

describe('spreadsheetCell', () => {
  test('prefixes exactly the strings a spreadsheet could read as a formula', () => {
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string(), (first, rest) => {
        expect(spreadsheetCell(first + rest)).toBe(`'${first}${rest}`);
      }),
    );
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s)),
        (text) => {
          expect(spreadsheetCell(text)).toBe(text);
        },
      ),
    );
  });

  test('leaves every other type alone', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date()), (value) => {
        expect(spreadsheetCell(value)).toBe(value);
      }),
    );
    expect(spreadsheetCell(-1)).toBe(-1);
  });
});
