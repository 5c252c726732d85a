import ExcelJS from 'exceljs';
import { demoTenants } from '../../src/seed/demo-ids';
import { beekvlietTrajectoryId } from '../support/demo';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let trajectoryId: string;
let domains: { id: string; name: string; state: string }[];
let heidebosDomainId: string;

interface Initiative {
  id: string;
  name: string;
  state: string;
  partner: string;
  partners: string[];
  sectors: string[];
  targetGroup: string;
  reachFamilies: number | null;
  reachChildren: number | null;
  since: string | null;
  contactOrganisation: string;
  source: string | null;
  effect: string;
  domainId: string | null;
  operationalObjectiveId: string | null;
}
interface Problem {
  errors: { path: string; message: string; line?: number; column?: string }[];
}

beforeAll(async () => {
  t = await createTestApp();
  trajectoryId = await beekvlietTrajectoryId(t);
  domains = (await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/domains`)).json();
  const heidebos = await t.db.db.selectFrom('domain').select('id').where('tenantId', '=', demoTenants.heidebos.id).executeTakeFirstOrThrow();
  heidebosDomainId = heidebos.id;
});
afterAll(() => t.close());

const base = () => `/api/v1/trajectories/${trajectoryId}/initiatives`;
const list = async () => (await t.call('coordinator', 'GET', base())).json<Initiative[]>();
const csv = (text: string) => ({ fileName: 'inventaris.csv', content: Buffer.from(text, 'utf8').toString('base64') });
const importFile = (body: unknown, user: Parameters<TestApp['call']>[0] = 'coordinator') => t.call(user, 'POST', `${base()}/import`, body);

async function xlsx(rows: (string | number | Date | null)[][]): Promise<{ fileName: string; content: string }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Initiatieven');
  for (const row of rows) sheet.addRow(row);
  return { fileName: 'inventaris.xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

describe('the questionnaire fields of an initiative', () => {
  test('round-trip: every new field is saved, read back and changed', async () => {
    const domain = domains[0]!;
    const created = await t.call('coordinator', 'POST', base(), {
      name: 'Brugfiguur in de basisschool',
      description: 'Een brugfiguur legt contact tussen school en gezin.',
      state: 'active',
      partners: ['Basisschool De Linde', 'CLB Beekvliet'],
      sectors: ['onderwijs_en_vorming', 'welzijnspartners'],
      targetGroup: 'Gezinnen met een beperkt inkomen met kinderen in de kleuterklas',
      reachFamilies: 35,
      reachChildren: 52,
      since: '2023-09-01',
      contactOrganisation: 'CLB Beekvliet',
      source: 'multi_year_plan',
      effect: 'Meer ouders komen naar het oudercontact.',
      domainId: domain.id,
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<Initiative>();
    expect(body).toMatchObject({
      partners: ['Basisschool De Linde', 'CLB Beekvliet'],
      // The old single field follows the list, for clients that only know it.
      partner: 'Basisschool De Linde, CLB Beekvliet',
      sectors: ['onderwijs_en_vorming', 'welzijnspartners'],
      reachFamilies: 35,
      reachChildren: 52,
      since: '2023-09-01',
      contactOrganisation: 'CLB Beekvliet',
      source: 'multi_year_plan',
      domainId: domain.id,
    });
    const read = (await t.call('aldermanWelfare', 'GET', `/api/v1/initiatives/${body.id}`)).json<Initiative>();
    expect(read.targetGroup).toBe('Gezinnen met een beperkt inkomen met kinderen in de kleuterklas');
    expect(read.effect).toBe('Meer ouders komen naar het oudercontact.');

    const patched = await t.call('coordinator', 'PATCH', `/api/v1/initiatives/${body.id}`, { state: 'finished', reachFamilies: null, partners: ['CLB Beekvliet'] });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Initiative>()).toMatchObject({ state: 'finished', reachFamilies: null, reachChildren: 52, partners: ['CLB Beekvliet'], partner: 'CLB Beekvliet' });

    const audit = await t.db.db.selectFrom('auditLog').select(['operation', 'changes']).where('entityId', '=', body.id).orderBy('id').execute();
    expect(audit.map((a) => a.operation)).toEqual(['create', 'update']);
  });

  test('the old `partner` field still works and becomes the first partner', async () => {
    const created = (await t.call('coordinator', 'POST', base(), { name: 'Fietsbib', state: 'planned', partner: 'Fietsbieb vzw' })).json<Initiative>();
    expect(created.partners).toEqual(['Fietsbieb vzw']);
    expect(created.partner).toBe('Fietsbieb vzw');
  });

  test('validation errors name the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ sectors: ['sport'] }, 'body.sectors.0'],
      [{ sectors: ['gezin', 'gezin'] }, 'body.sectors'],
      [{ reachFamilies: -1 }, 'body.reachFamilies'],
      [{ reachChildren: 2.5 }, 'body.reachChildren'],
      [{ since: '2023-02-30' }, 'body.since'],
      [{ source: 'krant' }, 'body.source'],
      [{ partners: ['CAW', 'caw'] }, 'body.partners'],
      [{ partners: [''] }, 'body.partners.0'],
      [{ contactOrganisation: 'x'.repeat(201) }, 'body.contactOrganisation'],
    ];
    for (const [extra, path] of cases) {
      const res = await t.call('coordinator', 'POST', base(), { name: 'Ongeldig', state: 'active', ...extra });
      expect([JSON.stringify(extra), res.statusCode]).toEqual([JSON.stringify(extra), 400]);
      expect(res.json<Problem>().errors.map((e) => e.path)).toContain(path);
    }
    expect((await list()).some((i) => i.name === 'Ongeldig')).toBe(false);
  });

  test("another trajectory's domain is refused, on create and on change", async () => {
    const res = await t.call('coordinator', 'POST', base(), { name: 'Verkeerd domein', state: 'active', domainId: heidebosDomainId });
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors[0]?.path).toBe('body.domainId');
    const own = (await t.call('coordinator', 'POST', base(), { name: 'Goed domein', state: 'active' })).json<Initiative>();
    const patch = await t.call('coordinator', 'PATCH', `/api/v1/initiatives/${own.id}`, { domainId: heidebosDomainId });
    expect(patch.statusCode).toBe(400);
    expect(patch.json<Problem>().errors[0]?.path).toBe('body.domainId');
  });

  test('an objective of another domain than the initiative’s is refused', async () => {
    const objective = await t.db.db.selectFrom('operationalObjective').select(['id', 'domainId']).where('trajectoryId', '=', trajectoryId).executeTakeFirstOrThrow();
    const otherDomain = domains.find((d) => d.id !== objective.domainId)!;
    const bad = await t.call('coordinator', 'POST', base(), { name: 'Scheef gelinkt', state: 'active', domainId: otherDomain.id, operationalObjectiveId: objective.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors[0]?.path).toBe('body.operationalObjectiveId');
    // First a domain, later the objective in it: the roadmap's order.
    const first = (await t.call('coordinator', 'POST', base(), { name: 'Eerst domein', state: 'active', domainId: objective.domainId })).json<Initiative>();
    const later = await t.call('coordinator', 'PATCH', `/api/v1/initiatives/${first.id}`, { operationalObjectiveId: objective.id });
    expect(later.statusCode).toBe(200);
    expect(later.json<Initiative>().operationalObjectiveId).toBe(objective.id);
  });

  test('only those with plan.edit may write; read-only members may read', async () => {
    const refused = await t.call('aldermanWelfare', 'POST', base(), { name: 'Niet van mij', state: 'active' });
    expect(refused.statusCode).toBe(403);
    expect((await t.call('aldermanWelfare', 'GET', base())).statusCode).toBe(200);
  });
});

describe('import from CSV and Excel', () => {
  test('a good Belgian CSV (; and dd/mm/yyyy, 1.250) creates, and the same file again updates nothing', async () => {
    const domain = domains.find((d) => d.name === 'Wonen')!;
    const text = [
      'Naam;Omschrijving;Status;Partners;Sectoren;Doelgroep;Bereik gezinnen;Bereik kinderen;Sinds;Contactorganisatie;Bron;Domein',
      'Energiecoach aan huis;Een coach bezoekt gezinnen thuis;lopend;Energiehuis, OCMW;Wonen en leven, Welzijnspartners;Huurders;1.250;40;15/09/2023;Energiehuis;meerjarenplan;wonen',
      '',
      '"Repair café ""De Schroef""";"Herstellen in plaats van\nweggooien";gepland;Buurtwerk;gemeentelijke partners;;;;2025;;partner;',
    ].join('\r\n');
    const res = await importFile(csv(text));
    expect([res.statusCode, res.body.slice(0, 300)]).toEqual([200, expect.any(String)]);
    const result = res.json<{ created: number; updated: number; initiatives: Initiative[] }>();
    expect(result).toMatchObject({ created: 2, updated: 0 });
    const all = await list();
    const coach = all.find((i) => i.name === 'Energiecoach aan huis')!;
    expect(coach).toMatchObject({
      state: 'active',
      partners: ['Energiehuis', 'OCMW'],
      sectors: ['wonen_en_leven', 'welzijnspartners'],
      reachFamilies: 1250,
      reachChildren: 40,
      since: '2023-09-15',
      source: 'multi_year_plan',
      domainId: domain.id,
    });
    const cafe = all.find((i) => i.name === 'Repair café "De Schroef"')!;
    expect(cafe).toMatchObject({ state: 'planned', since: '2025-01-01', domainId: null, description: 'Herstellen in plaats van\nweggooien' });

    const again = (await importFile(csv(text))).json<{ created: number; updated: number; unchanged: number }>();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await list()).length).toBe(all.length);

    const summary = await t.db.db.selectFrom('auditLog').select('changes').where('entity', '=', 'initiative_import').where('trajectoryId', '=', trajectoryId).execute();
    expect(summary.length).toBeGreaterThanOrEqual(2);
  });

  test('a comma CSV updates the initiative of the same name, only the columns it has', async () => {
    const res = await importFile(csv('name,state,children reached\nenergiecoach aan huis,finished,44\n'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 1 });
    const coach = (await list()).find((i) => i.name.toLowerCase() === 'energiecoach aan huis')!;
    expect(coach).toMatchObject({ state: 'finished', reachChildren: 44, reachFamilies: 1250, partners: ['Energiehuis', 'OCMW'] });
  });

  test('a bad CSV reports every problem by line and column and saves nothing', async () => {
    const before = await list();
    const text = [
      'Naam;Status;Sectoren;Bereik gezinnen;Sinds;Domein',
      'Nieuw en goed;lopend;gezin;10;2024;',
      'Slechte status;misschien;gezin;;;',
      '"Meerregelig\nnaam";lopend;sport;;;',
      'Slecht getal;lopend;;ongeveer 40;31/02/2024;Onbestaand domein',
      ';lopend;;;;',
      'Nieuw en goed;gepland;;;;',
    ].join('\n');
    const res = await importFile(csv(text));
    expect(res.statusCode).toBe(400);
    const errors = res.json<Problem>().errors.map((e) => [e.line, e.column]);
    expect(errors).toEqual([
      [3, 'Status'],
      [4, 'Sectoren'],
      [6, 'Bereik gezinnen'],
      [6, 'Sinds'],
      [6, 'Domein'],
      [7, 'Naam'],
      [8, 'Naam'],
    ]);
    expect(await list()).toEqual(before);
  });

  test('unknown headers, a missing name column and broken files are refused with where', async () => {
    const unknown = await importFile(csv('Naam;Kleur\nIets;rood\n'));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<Problem>().errors[0]).toMatchObject({ line: 1, column: 'Kleur' });
    const noName = await importFile(csv('Status\nlopend\n'));
    expect(noName.json<Problem>().errors[0]?.message).toMatch(/Naam/);
    const quote = await importFile(csv('Naam;Status\n"open;lopend\n'));
    expect(quote.statusCode).toBe(400);
    expect(quote.json<Problem>().errors[0]?.line).toBe(2);
    const notXlsx = await importFile({ fileName: 'x.xlsx', content: Buffer.from('no zip here').toString('base64') });
    expect([notXlsx.statusCode, notXlsx.json<Problem>().errors[0]?.path]).toEqual([400, 'file']);
    const badExt = await importFile({ fileName: 'x.pdf', content: 'AAAA' });
    expect(badExt.json<Problem>().errors[0]?.path).toBe('body.fileName');
    const badBase64 = await importFile({ fileName: 'x.csv', content: '!!!' });
    expect(badBase64.json<Problem>().errors[0]?.path).toBe('body.content');
  });

  test('bad transport answers 4xx, never 500: wrong content type, oversized body', async () => {
    const plain = await t.app.inject({
      method: 'POST',
      url: `${base()}/import`,
      headers: { authorization: `Bearer ${await t.token('coordinator')}`, 'content-type': 'text/csv' },
      payload: 'Naam\nIets\n',
    });
    expect(plain.statusCode).toBe(415);
    const huge = await importFile({ fileName: 'x.csv', content: 'A'.repeat(1_100_000) });
    expect(huge.statusCode).toBe(413);
    const large = await importFile({ fileName: 'x.csv', content: 'A'.repeat(970_000) });
    expect(large.statusCode).toBe(400);
    expect(large.json<Problem>().errors[0]?.path).toBe('body.content');
  });

  test('a good .xlsx (dates and numbers as cells) imports; a bad one saves nothing', async () => {
    const good = await xlsx([
      ['Naam', 'Status', 'Partners', 'Sectoren', 'Bereik kinderen', 'Sinds', 'Domein'],
      ['Schoolmaaltijden', 'actief', 'Scholengroep; OCMW', 'Onderwijs en vorming', 120, new Date(Date.UTC(2022, 8, 1)), 'Onderwijs en vrije tijd'],
    ]);
    const res = await importFile(good);
    expect([res.statusCode, res.statusCode === 200 ? '' : res.body]).toEqual([200, '']);
    const meal = (await list()).find((i) => i.name === 'Schoolmaaltijden')!;
    expect(meal).toMatchObject({ state: 'active', partners: ['Scholengroep', 'OCMW'], sectors: ['onderwijs_en_vorming'], reachChildren: 120, since: '2022-09-01' });
    expect(meal.domainId).toBe(domains.find((d) => d.name === 'Onderwijs en vrije tijd')!.id);

    const before = await list();
    const bad = await xlsx([
      ['Naam', 'Status', 'Bereik kinderen', 'Domein'],
      ['Nog een goede', 'gepland', 3, ''],
      ['Kapot', 'gepland', 2.5, 'Nergens'],
    ]);
    const refused = await importFile(bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'Bereik kinderen'],
      [3, 'Domein'],
    ]);
    expect(await list()).toEqual(before);
  });

  test('dryRun checks and answers like an import but saves nothing', async () => {
    const before = await list();
    const res = await importFile({ ...csv('Naam;Status\nProefrit;gepland\n'), dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, created: 1 });
    expect(await list()).toEqual(before);
  });

  test('the template downloads with its columns, and imports as it comes (with one row)', async () => {
    const res = await t.call('aldermanWelfare', 'GET', `${base()}/template.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Initiatieven')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('Domein');
    expect(headers).toContain('Sectoren');
    const lists = workbook.getWorksheet('Keuzelijsten')!;
    expect((lists.getColumn(4).values as unknown[]).slice(2)).toEqual(expect.arrayContaining(domains.map((d) => d.name)));
    sheet.getRow(2).getCell(1).value = 'Uit het sjabloon';
    sheet.getRow(2).getCell(3).value = 'gepland';
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const imported = await importFile({ fileName: 'sjabloon.xlsx', content });
    expect([imported.statusCode, imported.statusCode === 200 ? '' : imported.body]).toEqual([200, '']);
    expect((await list()).find((i) => i.name === 'Uit het sjabloon')?.state).toBe('planned');
  });

  test('without plan.edit the import is refused and nothing changes; another tenant gets 404', async () => {
    const before = await list();
    expect((await importFile(csv('Naam\nStiekem\n'), 'aldermanWelfare')).statusCode).toBe(403);
    expect((await importFile(csv('Naam\nStiekem\n'), 'heidebosCoordinator')).statusCode).toBe(404);
    expect(await list()).toEqual(before);
  });
});
