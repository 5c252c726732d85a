import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sampleCsv, sampleWorkbook } from '../../scripts/context-sample';
import { contextCatalogue, DEVIATION_THRESHOLD } from '../../src/context-indicators/context-catalogue';
import { MAX_FILE_BYTES } from '../../src/context-indicators/context-import';
import { demoTenants } from '../../src/seed/demo-ids';
import { demoContextValues } from '../../src/seed/demo-context';
import { beekvlietTrajectoryId } from '../support/demo';
import { createTestApp, type DemoUser, type TestApp } from '../support/test-app';

interface Value {
  id: string;
  trajectoryId: string;
  indicator: string;
  year: number;
  level: string;
  area: string;
  value: number;
  source: string;
}
interface List {
  catalogue: { code: string; unit: string; higherMeansPressure: boolean }[];
  deviationRule: { threshold: number; comparedWith: string };
  values: Value[];
  deviations: { indicator: string; year: number; municipality: number; region: number; relativeDifference: number; flagged: boolean }[];
}
interface ImportProblem {
  path: string;
  message: string;
  line: number | null;
  column: string | null;
}

let t: TestApp;
let beekvliet: string;
let heidebos: string;

const samplePath = path.resolve(__dirname, '../../docs/samples/omgevingsanalyse-beekvliet.csv');
const b64 = (content: string | Buffer) => Buffer.from(content).toString('base64');
const csvFile = (content: string | Buffer, fileName = 'cijfers.csv') => ({ fileName, contentType: 'text/csv', contentBase64: b64(content) });

beforeAll(async () => {
  t = await createTestApp();
  beekvliet = await beekvlietTrajectoryId(t);
  const row = await t.db.db.selectFrom('trajectory').select('id').where('tenantId', '=', demoTenants.heidebos.id).executeTakeFirstOrThrow();
  heidebos = row.id;
});
afterAll(() => t.close());

async function list(user: DemoUser, trajectoryId: string): Promise<List> {
  const res = await t.call(user, 'GET', `/api/v1/trajectories/${trajectoryId}/context-values`);
  expect(res.statusCode).toBe(200);
  return res.json<List>();
}

const keyed = (values: readonly { indicator: string; year: number; level: string; value: number }[]) =>
  values.map((v) => `${v.indicator}/${v.year}/${v.level}=${v.value}`).sort();

async function importInto(trajectoryId: string, body: unknown, user: DemoUser = 'heidebosCoordinator') {
  return t.call(user, 'POST', `/api/v1/trajectories/${trajectoryId}/context-values/import`, body);
}

async function clearHeidebos(): Promise<void> {
  await t.db.db.deleteFrom('contextValue').where('tenantId', '=', demoTenants.heidebos.id).execute();
}

describe('the catalogue and the demo', () => {
  test('the list names every indicator of the roadmap with its unit and direction, and the deviation rule', async () => {
    const body = await list('aldermanWelfare', beekvliet);
    expect(body.catalogue.map((c) => c.code)).toEqual(contextCatalogue.map((c) => c.code));
    expect(body.catalogue).toHaveLength(14);
    expect(new Set(body.catalogue.map((c) => c.unit))).toEqual(new Set(['count', 'percent', 'index']));
    expect(body.deviationRule).toEqual({ threshold: DEVIATION_THRESHOLD, comparedWith: 'region', units: ['percent', 'index'] });
  });

  test('Beekvliet has the demo figures, and the municipality is flagged where it is more than 10 % worse than the region', async () => {
    const body = await list('coordinator', beekvliet);
    expect(keyed(body.values)).toEqual(keyed(demoContextValues()));
    const single = body.deviations.find((d) => d.indicator === 'single_parent_families')!;
    // 22.8 in Beekvliet against 19.1 for the region in 2023: 19.4 % above.
    expect(single).toEqual({ indicator: 'single_parent_families', year: 2023, municipality: 22.8, region: 19.1, relativeDifference: 0.1937, flagged: true });
    const unemployed = body.deviations.find((d) => d.indicator === 'young_unemployed')!;
    expect(unemployed.flagged).toBe(false);
    expect(unemployed.relativeDifference).toBeLessThan(0);
    // A neutral indicator is compared but never flagged, and counts are not compared at all.
    expect(body.deviations.find((d) => d.indicator === 'youth_6_11')?.flagged).toBe(false);
    expect(body.deviations.some((d) => d.indicator === 'population')).toBe(false);
  });

  test('the sample file in docs/samples holds exactly the demo figures', () => {
    expect(readFileSync(samplePath, 'utf8')).toBe(sampleCsv());
  });
});

describe('importing files', () => {
  beforeEach(clearHeidebos);

  test('the sample CSV (long shape, ";" and decimal commas) lands as it is, and a second import replaces instead of doubling', async () => {
    const first = await importInto(heidebos, csvFile(readFileSync(samplePath)));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ kind: 'csv', shape: 'long', imported: 168, created: 168, updated: 0 });
    const body = await list('heidebosCoordinator', heidebos);
    expect(keyed(body.values)).toEqual(keyed(demoContextValues()));
    expect(body.values.find((v) => v.indicator === 'population' && v.year === 2021 && v.level === 'province')).toMatchObject({ area: 'Provincie Heidekant', source: 'Fictief voorbeeld (Kansrijk-demo)' });

    const changed = sampleCsv().replace('single_parent_families;2023;gemeente;Beekvliet;22,8', 'single_parent_families;2023;gemeente;Beekvliet;23,4');
    const second = await importInto(heidebos, csvFile(changed));
    expect(second.json()).toEqual({ kind: 'csv', shape: 'long', imported: 168, created: 0, updated: 168 });
    const after = await list('heidebosCoordinator', heidebos);
    expect(after.values).toHaveLength(168);
    expect(after.values.find((v) => v.indicator === 'single_parent_families' && v.year === 2023 && v.level === 'municipality')?.value).toBe(23.4);
  });

  test('the sample workbook (wide shape: a title row, Dutch names, a column per year) lands as the CSV does', async () => {
    const res = await importInto(heidebos, {
      fileName: 'omgevingsanalyse-beekvliet.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: b64(await sampleWorkbook()),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'xlsx', shape: 'wide', imported: 168, created: 168, updated: 0 });
    expect(keyed((await list('heidebosCoordinator', heidebos)).values)).toEqual(keyed(demoContextValues()));
  });

  test('the committed .xlsx sample imports too', async () => {
    const bytes = readFileSync(samplePath.replace(/\.csv$/, '.xlsx'));
    const res = await importInto(heidebos, { fileName: 'omgevingsanalyse-beekvliet.xlsx', contentBase64: b64(bytes) });
    expect(res.json()).toMatchObject({ kind: 'xlsx', shape: 'wide', imported: 168 });
  });

  test('commas as separator, quoted decimal commas, %, Dutch names and levels, Windows-1252, gaps in a year column', async () => {
    const long = 'Indicator,Jaar,Niveau,Gebied,Waarde\r\n"Groene druk",2022,Gemeente,Heidebos,"39,5"\r\nEenoudergezinnen,2022,Vlaams Gewest,Vlaanderen,"18,9 %"\r\nBevolking,2022,gemeente,Heidebos,12.345\r\n';
    expect((await importInto(heidebos, csvFile(long))).json()).toMatchObject({ shape: 'long', imported: 3 });
    const wide = Buffer.from('Indicator;Niveau;Gebied;2021;2022;2023\r\nKansarmoede-index;Gemeente;Heidebos;12,1;-;13,0\r\nKansarmoede-index;Provincie;Provincie Heidekant;;13,8;14\r\n', 'latin1');
    expect((await importInto(heidebos, csvFile(wide))).json()).toMatchObject({ shape: 'wide', imported: 4 });
    const accented = Buffer.from('indicator;jaar;niveau;gebied;waarde\r\nbevolking;2023;gemeente;Bèkvliet;100\r\n', 'latin1');
    expect((await importInto(heidebos, csvFile(accented))).statusCode).toBe(200);
    const values = (await list('heidebosCoordinator', heidebos)).values;
    expect(keyed(values)).toEqual(
      keyed([
        { indicator: 'green_pressure', year: 2022, level: 'municipality', value: 39.5 },
        { indicator: 'single_parent_families', year: 2022, level: 'region', value: 18.9 },
        { indicator: 'population', year: 2022, level: 'municipality', value: 12345 },
        { indicator: 'deprivation_index', year: 2021, level: 'municipality', value: 12.1 },
        { indicator: 'deprivation_index', year: 2023, level: 'municipality', value: 13 },
        { indicator: 'deprivation_index', year: 2022, level: 'province', value: 13.8 },
        { indicator: 'deprivation_index', year: 2023, level: 'province', value: 14 },
        { indicator: 'population', year: 2023, level: 'municipality', value: 100 },
      ]),
    );
    expect(values.find((v) => v.year === 2023 && v.indicator === 'population')?.area).toBe('Bèkvliet');
  });

  const header = 'indicator;jaar;niveau;gebied;waarde;bron';
  const good = 'groene druk;2022;gemeente;Heidebos;39,5;test';
  const bad: [string, string, Partial<ImportProblem>[]][] = [
    ['an unknown indicator', `${header}\n${good}\nwelvaart;2022;gemeente;Heidebos;3;test\n`, [{ line: 3, column: 'indicator', message: 'unknown indicator "welvaart"' }]],
    ['a year that is no year', `${header}\n${good}\ngroene druk;twintig;gemeente;Heidebos;3;test\n`, [{ line: 3, column: 'jaar', message: '"twintig" is not a year' }]],
    ['a year out of range', `${header}\ngroene druk;1850;gemeente;Heidebos;3;test\n${good}\n`, [{ line: 2, column: 'jaar', message: 'must be a year between 1990 and 2100' }]],
    ['a value that is no number', `${header}\n${good}\ngroene druk;2023;gemeente;Heidebos;veel;test\n`, [{ line: 3, column: 'waarde', message: '"veel" is not a number' }]],
    ['a percentage above 100', `${header}\neenoudergezinnen;2023;gemeente;Heidebos;120;test\n`, [{ line: 2, column: 'waarde', message: 'must be a percentage between 0 and 100' }]],
    ['a missing column', `indicator;jaar;gebied;waarde\ngroene druk;2022;Heidebos;39\n`, [{ line: 1, column: 'niveau', message: 'the column is missing' }]],
    ['a wrong level', `${header}\n${good}\ngroene druk;2023;wijk;Heidebos;40;test\n`, [{ line: 3, column: 'niveau' }]],
    ['an empty file', '', [{ line: 1, column: null, message: 'the file is empty' }]],
    ['blank lines only', '\n \n;;\n', [{ line: 1, column: null, message: 'the file is empty' }]],
    ['no header', 'a;b;c\n1;2;3\n', [{ line: 1, column: 'indicator' }]],
    ['the same value twice', `${header}\n${good}\n${good}\n`, [{ line: 3, column: 'indicator', message: 'repeats the value of line 2 (same indicator, year and level)' }]],
    ['a bad value in a year column', 'indicator;niveau;2021;2022\ngroene druk;gemeente;38;x9\n', [{ line: 2, column: '2022', message: '"x9" is not a number' }]],
    [
      'several bad rows among many good ones',
      `${header}\n${Array.from({ length: 60 }, (_, n) => `groene druk;${1995 + n};gemeente;Heidebos;${n};test`).join('\n')}\nbevolking;2020;land;België;10;test\nbevolking;2021;gemeente;Heidebos;-5;test\n`,
      [
        { line: 62, column: 'niveau' },
        { line: 63, column: 'waarde', message: 'must not be negative' },
      ],
    ],
  ];

  test.each(bad)('%s: 400 with the line and column, and nothing saved', async (_name, content, expected) => {
    // Something is there before: a refused file must leave it as it was.
    await importInto(heidebos, csvFile(`${header}\nbevolking;2020;gemeente;Heidebos;9000;vooraf\n`));
    const before = await list('heidebosCoordinator', heidebos);
    const res = await importInto(heidebos, csvFile(content));
    expect(res.statusCode).toBe(400);
    const problems = res.json<{ errors: ImportProblem[] }>().errors;
    expect(problems).toHaveLength(expected.length);
    expected.forEach((e, n) => expect(problems[n]).toMatchObject(e));
    for (const p of problems) expect(p.path).toBe(p.line === null ? 'file' : p.column === null ? `file.line${p.line}` : `file.line${p.line}.${p.column}`);
    expect((await list('heidebosCoordinator', heidebos)).values).toEqual(before.values);
  });

  test.each([
    ['a file name that is neither .csv nor .xlsx', { fileName: 'cijfers.pdf', contentBase64: b64('x') }, 'body.fileName'],
    ['an old .xls workbook', { fileName: 'cijfers.xls', contentBase64: b64('x') }, 'body.fileName'],
    ['a content type that is no spreadsheet', { fileName: 'cijfers.csv', contentType: 'application/pdf', contentBase64: b64('x') }, 'body.contentType'],
    ['a content type that contradicts the name', { fileName: 'cijfers.csv', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', contentBase64: b64('x') }, 'body.contentType'],
    ['text named .xlsx', { fileName: 'cijfers.xlsx', contentBase64: b64('indicator;jaar\n') }, 'file'],
    ['a broken zip named .xlsx', { fileName: 'cijfers.xlsx', contentBase64: b64(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)])) }, 'file'],
    ['content that is not base64', { fileName: 'cijfers.csv', contentBase64: 'dit is geen base64!' }, 'body.contentBase64'],
    ['a binary file named .csv', { fileName: 'cijfers.csv', contentBase64: b64(Buffer.from([0, 1, 2, 3, 0])) }, 'file'],
  ])('%s: 400 on the field, nothing saved', async (_name, body, field) => {
    const before = await list('heidebosCoordinator', heidebos);
    const res = await importInto(heidebos, body);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: ImportProblem[] }>().errors[0]?.path).toBe(field);
    expect((await list('heidebosCoordinator', heidebos)).values).toEqual(before.values);
  });

  test('a file over the limit answers 413, a body over the server limit too, and a raw CSV body 415; never 500', async () => {
    const big = `indicator;jaar;niveau;waarde\n${'bevolking;2020;gemeente;1\n'.repeat(Math.ceil((MAX_FILE_BYTES + 10) / 26))}`;
    const res = await importInto(heidebos, csvFile(big));
    expect(res.statusCode).toBe(413);
    expect(res.json<{ errors: ImportProblem[] }>().errors[0]?.path).toBe('body.contentBase64');
    const huge = await importInto(heidebos, { fileName: 'x.csv', contentBase64: 'A'.repeat(1_100_000) });
    expect(huge.statusCode).toBe(413);
    const raw = await t.call('heidebosCoordinator', 'POST', `/api/v1/trajectories/${heidebos}/context-values/import`, 'indicator;jaar\n', { 'content-type': 'text/csv' });
    expect(raw.statusCode).toBe(415);
    expect(raw.headers['content-type']).toMatch(/problem\+json/);
    expect((await list('heidebosCoordinator', heidebos)).values).toEqual([]);
  });

  test('one audit row per import, with the counts', async () => {
    await importInto(heidebos, csvFile(`${header}\n${good}\nbevolking;2022;gemeente;Heidebos;12000;test\n`, 'heidebos.csv'));
    const audit = await t.db.db.selectFrom('auditLog').selectAll().where('trajectoryId', '=', heidebos).where('entity', '=', 'context_import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.operation).toBe('create');
    expect(audit.changes).toMatchObject({ fileName: 'heidebos.csv', kind: 'csv', shape: 'long', imported: 2, created: 2, updated: 0 });
  });
});

describe('single values and who may write', () => {
  beforeEach(clearHeidebos);
  const url = () => `/api/v1/trajectories/${heidebos}/context-values`;

  test('PUT creates, PUT on the same key replaces, DELETE removes; each audited', async () => {
    const created = await t.call('heidebosCoordinator', 'PUT', url(), { indicator: 'green_pressure', year: 2024, level: 'municipality', value: 41.2, area: 'Heidebos' });
    expect(created.statusCode).toBe(200);
    const first = created.json<Value>();
    expect(first).toMatchObject({ indicator: 'green_pressure', year: 2024, level: 'municipality', value: 41.2, area: 'Heidebos', source: '' });
    const replaced = (await t.call('heidebosCoordinator', 'PUT', url(), { indicator: 'green_pressure', year: 2024, level: 'municipality', value: 40 })).json<Value>();
    expect(replaced.id).toBe(first.id);
    expect((await list('heidebosCoordinator', heidebos)).values.map((v) => v.value)).toEqual([40]);
    const ops = await t.db.db.selectFrom('auditLog').select(['operation', 'changes']).where('entityId', '=', first.id).orderBy('id').execute();
    expect(ops.map((o) => o.operation)).toEqual(['create', 'update']);
    expect(ops[1]!.changes).toMatchObject({ value: { from: 41.2, to: 40 } });

    expect((await t.call('heidebosCoordinator', 'DELETE', `/api/v1/context-values/${first.id}`)).statusCode).toBe(204);
    expect((await list('heidebosCoordinator', heidebos)).values).toEqual([]);
    expect((await t.call('heidebosCoordinator', 'DELETE', `/api/v1/context-values/${first.id}`)).statusCode).toBe(404);
  });

  test.each([
    [{ indicator: 'welvaart', year: 2024, level: 'municipality', value: 1 }, 'body.indicator'],
    [{ indicator: 'green_pressure', year: 1850, level: 'municipality', value: 1 }, 'body.year'],
    [{ indicator: 'green_pressure', year: 2024, level: 'wijk', value: 1 }, 'body.level'],
    [{ indicator: 'single_parent_families', year: 2024, level: 'region', value: 101 }, 'body.value'],
    [{ indicator: 'population', year: 2024, level: 'region', value: -1 }, 'body.value'],
  ])('a bad single value answers 400 on its field: %j', async (body, field) => {
    const res = await t.call('heidebosCoordinator', 'PUT', url(), body);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: ImportProblem[] }>().errors.map((e) => e.path)).toContain(field);
  });

  test('another trajectory: its values, its import and its ids answer 404; a reader without plan.edit 403', async () => {
    const [value] = await t.db.db
      .insertInto('contextValue')
      .values({ tenantId: demoTenants.heidebos.id, trajectoryId: heidebos, indicator: 'population', year: 2020, level: 'municipality', value: 9000 })
      .returning('id')
      .execute();
    // The Beekvliet coordinator takes no part in Heidebos (another tenant) …
    expect((await t.call('coordinator', 'GET', url())).statusCode).toBe(404);
    expect((await t.call('coordinator', 'DELETE', `/api/v1/context-values/${value!.id}`)).statusCode).toBe(404);
    expect((await t.call('coordinator', 'PUT', url(), { indicator: 'population', year: 2020, level: 'municipality', value: 1 })).statusCode).toBe(404);
    expect((await importInto(heidebos, csvFile('indicator;jaar;niveau;waarde\nbevolking;2020;gemeente;1\n'), 'coordinator')).statusCode).toBe(404);
    // … nor in a second trajectory of Beekvliet itself.
    const second = (await t.call('admin', 'POST', '/api/v1/trajectories', { name: 'Tweede traject', municipality: 'Beekvliet', periodStart: '2031-01-01', periodEnd: '2036-12-31' })).json<{ id: string }>().id;
    const [other] = await t.db.db
      .insertInto('contextValue')
      .values({ tenantId: demoTenants.beekvliet.id, trajectoryId: second, indicator: 'population', year: 2020, level: 'municipality', value: 1 })
      .returning('id')
      .execute();
    expect((await t.call('coordinator', 'GET', `/api/v1/trajectories/${second}/context-values`)).statusCode).toBe(404);
    expect((await t.call('coordinator', 'DELETE', `/api/v1/context-values/${other!.id}`)).statusCode).toBe(404);
    // An alderman reads but does not write.
    expect((await t.call('aldermanWelfare', 'GET', `/api/v1/trajectories/${beekvliet}/context-values`)).statusCode).toBe(200);
    expect((await t.call('aldermanWelfare', 'PUT', `/api/v1/trajectories/${beekvliet}/context-values`, { indicator: 'population', year: 2020, level: 'municipality', value: 1 })).statusCode).toBe(403);
    expect((await importInto(beekvliet, csvFile(sampleCsv()), 'aldermanWelfare')).statusCode).toBe(403);
    const beekvlietValue = (await list('coordinator', beekvliet)).values[0]!;
    expect((await t.call('aldermanWelfare', 'DELETE', `/api/v1/context-values/${beekvlietValue.id}`)).statusCode).toBe(403);
    expect(await t.db.db.selectFrom('contextValue').select('id').where('id', '=', beekvlietValue.id).executeTakeFirst()).toBeDefined();
  });
});

describe('the environment analysis in the plan export', () => {
  test('the workbook has a sheet "Omgevingsanalyse" with the four levels per indicator and year, and the deviation', async () => {
    const res = await t.call('coordinator', 'GET', `/api/v1/trajectories/${beekvliet}/plan.xlsx`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Omgevingsanalyse');
    if (!sheet) throw new Error('no sheet "Omgevingsanalyse"');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Indicator', 'Eenheid', 'Jaar', 'Gemeente', 'Arrondissement', 'Provincie', 'Vlaams Gewest', 'Verschil met gewest', 'Opvallend', 'Bron']);
    // 14 indicators × 3 years.
    expect(sheet.actualRowCount - 1).toBe(42);
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const single2023 = rows.find((r) => r[0] === 'Eenoudergezinnen (% van de gezinnen met kinderen)' && r[2] === 2023);
    expect(single2023).toEqual(['Eenoudergezinnen (% van de gezinnen met kinderen)', '%', 2023, 22.8, 19.3, 18.8, 19.1, 0.1937, 'ja', 'Fictief voorbeeld (Kansrijk-demo)']);
    const population2021 = rows.find((r) => r[0] === 'Bevolking' && r[2] === 2021);
    expect(population2021?.slice(0, 7)).toEqual(['Bevolking', 'aantal', 2021, 18240, 412300, 1105600, 6698900]);
    expect(workbook.getWorksheet('Actieplan')).toBeDefined();
  });
});
