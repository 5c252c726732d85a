import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { allActions, beekvlietTrajectoryId, loadPlan, personIdOf, type Plan } from '../support/demo';
import { Factory, type World } from '../support/permission-world';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let f: Factory;
let trajectoryId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = new Factory(t.db.db);
  trajectoryId = await beekvlietTrajectoryId(t);
});
afterAll(() => t.close());

const count = async (table: string, where: ReturnType<typeof sql>) =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(t.db.db)).rows[0]!.n);

interface Impact {
  kind: string;
  name: string;
  strategicObjectives: number;
  operationalObjectives: number;
  actions: number;
  indicators: number;
  measurements: number;
  allowed: boolean;
}

describe('what a delete takes with it', () => {
  test('a domain: its objectives, actions, indicators and measurements, counted as the cascade removes them', async () => {
    const plan = await loadPlan(t, trajectoryId);
    // Not the work-group chair's domain: the next test needs it.
    const chairs = (await t.call('workGroupChair', 'GET', `/api/v1/trajectories/${trajectoryId}`)).json<{ workGroupDomainIds: string[] }>().workGroupDomainIds;
    const domain = plan.domains.find((d) => !chairs.includes(d.id) && d.strategicObjectives.some((s) => s.operationalObjectives.some((o) => o.actions.some((a) => a.indicators.length))))!;
    const operational = domain.strategicObjectives.flatMap((s) => s.operationalObjectives);
    const actions = operational.flatMap((o) => o.actions);
    const indicators = actions.flatMap((a) => a.indicators.map((i) => i.id));
    const measurements = await count('measurement', sql`indicator_id = any(${indicators}::uuid[])`);

    const res = await t.call('steeringMember', 'GET', `/api/v1/domains/${domain.id}/delete-impact`);
    expect(res.statusCode).toBe(200);
    expect(res.json<Impact>()).toEqual(expect.objectContaining({
      kind: 'domain',
      name: domain.name,
      strategicObjectives: domain.strategicObjectives.length,
      operationalObjectives: operational.length,
      actions: actions.length,
      indicators: indicators.length,
      measurements,
      allowed: false,
    }));
    expect((await t.call('coordinator', 'GET', `/api/v1/domains/${domain.id}/delete-impact`)).json<Impact>().allowed).toBe(true);
    expect(indicators.length).toBeGreaterThan(0);
    expect(measurements).toBeGreaterThan(0);

    // Deleting takes exactly what was announced.
    const before = { actions: await count('action', sql`trajectory_id = ${trajectoryId}`), indicators: await count('indicator', sql`trajectory_id = ${trajectoryId}`) };
    expect((await t.call('coordinator', 'DELETE', `/api/v1/domains/${domain.id}`)).statusCode).toBe(204);
    expect(await count('action', sql`trajectory_id = ${trajectoryId}`)).toBe(before.actions - actions.length);
    expect(await count('indicator', sql`trajectory_id = ${trajectoryId}`)).toBe(before.indicators - indicators.length);
    expect((await t.call('coordinator', 'GET', `/api/v1/domains/${domain.id}/delete-impact`)).statusCode).toBe(404);
  });

  test('objectives, an action and an indicator count only what is under them', async () => {
    const plan = await loadPlan(t, trajectoryId);
    const strategic = plan.domains.flatMap((d) => d.strategicObjectives).find((s) => s.operationalObjectives.length > 1)!;
    const operational = strategic.operationalObjectives[0]!;
    const action = allActions(plan).find((a) => a.indicators.length)!;
    const indicatorId = action.indicators[0]!.id;
    const impact = async (url: string) => (await t.call('coordinator', 'GET', url)).json<Impact>();

    const s = await impact(`/api/v1/strategic-objectives/${strategic.id}/delete-impact`);
    expect([s.strategicObjectives, s.operationalObjectives, s.actions]).toEqual([0, strategic.operationalObjectives.length, strategic.operationalObjectives.flatMap((o) => o.actions).length]);
    const o = await impact(`/api/v1/operational-objectives/${operational.id}/delete-impact`);
    expect([o.operationalObjectives, o.actions]).toEqual([0, operational.actions.length]);
    const a = await impact(`/api/v1/actions/${action.id}/delete-impact`);
    expect([a.actions, a.indicators]).toEqual([1, action.indicators.length]);
    expect(a.measurements).toBe(await count('measurement', sql`indicator_id = any(${action.indicators.map((i) => i.id)}::uuid[])`));
    // A work-group chair may delete in their own domain only, as the DELETE routes decide.
    const chair = (url: string) => t.call('workGroupChair', 'GET', url).then((r) => r.json<Impact>().allowed);
    const ownDomain = (await t.call('workGroupChair', 'GET', `/api/v1/trajectories/${trajectoryId}`)).json<{ workGroupDomainIds: string[] }>().workGroupDomainIds;
    const inOwn = allActions(plan).find((x) => ownDomain.includes(x.domainId))!;
    const elsewhere = allActions(plan).find((x) => !ownDomain.includes(x.domainId))!;
    expect([await chair(`/api/v1/actions/${inOwn.id}/delete-impact`), await chair(`/api/v1/actions/${elsewhere.id}/delete-impact`)]).toEqual([true, false]);
    expect((await t.call('workGroupChair', 'DELETE', `/api/v1/actions/${elsewhere.id}`)).statusCode).toBe(403);
    const i = await impact(`/api/v1/indicators/${indicatorId}/delete-impact`);
    expect([i.actions, i.indicators, i.measurements]).toEqual([0, 0, await count('measurement', sql`indicator_id = ${indicatorId}`)]);
  });

  test('unknown ids and other tenants answer 404', async () => {
    expect((await t.call('coordinator', 'GET', `/api/v1/domains/${randomUUID()}/delete-impact`)).statusCode).toBe(404);
    const plan = await loadPlan(t, trajectoryId);
    expect((await t.call('heidebosCoordinator', 'GET', `/api/v1/actions/${allActions(plan)[0]!.id}/delete-impact`)).statusCode).toBe(404);
  });
});

describe('reassigning every action of an owner', () => {
  let w: World;
  let other: World;
  let otherDomainAction: string;
  let doneAction: string;
  let ownDomainAction: string;
  let from: string;
  let to: string;

  const actionIn = (world: World, domainId: string, operationalId: string, ownerId: string, status = 'planned') =>
    f.insert('action', { tenant_id: world.tenantId, trajectory_id: world.trajectoryId, domain_id: domainId, operational_objective_id: operationalId, title: `Actie ${randomUUID().slice(0, 6)}`, owner_id: ownerId, status });
  const ownerOf = async (id: string) => (await sql<{ ownerId: string }>`select owner_id as "ownerId" from action where id = ${id}`.execute(t.db.db)).rows[0]!.ownerId;
  const as = (world: World, role: 'coordinator' | 'work_group_member' | 'action_owner') => {
    const c = world.callers[role]!;
    return { tenantId: c.tenantId, userId: c.userId, name: role };
  };

  beforeAll(async () => {
    const tenantId = await f.tenant('Gemeente Herverdeling');
    w = await f.world(tenantId, null);
    other = await f.world(tenantId, null);
    from = await f.person(w);
    to = await f.person(w);
    // A second domain, outside the work group's.
    const domainId = await f.insert('domain', { tenant_id: tenantId, trajectory_id: w.trajectoryId, name: 'Wonen', approach: 'mitigating' });
    const strategicId = await f.insert('strategic_objective', { tenant_id: tenantId, trajectory_id: w.trajectoryId, domain_id: domainId, title: 'Betaalbaar wonen' });
    const operationalId = await f.insert('operational_objective', { tenant_id: tenantId, trajectory_id: w.trajectoryId, domain_id: domainId, strategic_objective_id: strategicId, title: 'Huurpremie' });
    ownDomainAction = await actionIn(w, w.domainId, w.operationalId, from);
    doneAction = await actionIn(w, w.domainId, w.operationalId, from, 'done');
    otherDomainAction = await actionIn(w, domainId, operationalId, from);
  });

  test('a work-group member changes only the actions of their domain; the answer counts what was skipped', async () => {
    const auditBefore = await count('audit_log', sql`entity = 'action' and entity_id = ${ownDomainAction}`);
    const res = await t.call(as(w, 'work_group_member'), 'POST', `/api/v1/trajectories/${w.trajectoryId}/actions/reassign`, { fromPersonId: from, toPersonId: to, onlyOpen: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ reassigned: 1, skipped: 1, actionIds: [ownDomainAction], skippedActionIds: [otherDomainAction] });
    expect(await ownerOf(ownDomainAction)).toBe(to);
    expect(await ownerOf(otherDomainAction)).toBe(from);
    // onlyOpen: the finished action keeps the owner who carried it out.
    expect(await ownerOf(doneAction)).toBe(from);
    const audit = await sql<{ changes: Record<string, { from: unknown; to: unknown }> }>`select changes from audit_log where entity = 'action' and entity_id = ${ownDomainAction} order by id`.execute(t.db.db);
    expect(audit.rows.length).toBe(auditBefore + 1);
    expect(audit.rows.at(-1)!.changes.ownerId).toEqual({ from, to });
  });

  test('the coordinator reassigns the rest, finished actions included', async () => {
    const res = await t.call(as(w, 'coordinator'), 'POST', `/api/v1/trajectories/${w.trajectoryId}/actions/reassign`, { fromPersonId: from, toPersonId: to });
    expect(res.json()).toEqual(expect.objectContaining({ reassigned: 2, skipped: 0 }));
    expect([await ownerOf(otherDomainAction), await ownerOf(doneAction)]).toEqual([to, to]);
  });

  test('persons of another trajectory answer 404 and nothing changes; an owner without domain rights gets 403', async () => {
    const stranger = await f.person(other);
    const url = `/api/v1/trajectories/${w.trajectoryId}/actions/reassign`;
    expect((await t.call(as(w, 'coordinator'), 'POST', url, { fromPersonId: to, toPersonId: stranger })).statusCode).toBe(404);
    expect((await t.call(as(w, 'coordinator'), 'POST', url, { fromPersonId: stranger, toPersonId: to })).statusCode).toBe(404);
    expect((await t.call(as(w, 'coordinator'), 'POST', url, { fromPersonId: to, toPersonId: randomUUID() })).statusCode).toBe(404);
    expect(await ownerOf(otherDomainAction)).toBe(to);
    // The other trajectory's coordinator learns nothing of this one.
    expect((await t.call(as(other, 'coordinator'), 'POST', url, { fromPersonId: to, toPersonId: from })).statusCode).toBe(404);
    expect((await t.call(as(w, 'action_owner'), 'POST', url, { fromPersonId: to, toPersonId: from })).statusCode).toBe(403);
    const same = await t.call(as(w, 'coordinator'), 'POST', url, { fromPersonId: to, toPersonId: to });
    expect(same.statusCode).toBe(400);
    expect(JSON.stringify(same.json())).toContain('toPersonId');
  });
});

describe('importing actions from the plan export', () => {
  let emptyId: string;
  let source: Plan;
  let workbook: ExcelJS.Workbook;

  const path = (p: Plan) =>
    p.domains.flatMap((d) =>
      d.strategicObjectives.flatMap((s) =>
        s.operationalObjectives.flatMap((o) =>
          o.actions.map((a) => ({ path: [d.name, s.title, o.title], title: a.title, status: a.status, owner: p.people.find((x) => x.id === a.ownerId)?.displayName ?? null })),
        ),
      ),
    );

  beforeAll(async () => {
    source = await loadPlan(t, trajectoryId);
    const res = await t.call('coordinator', 'GET', `/api/v1/trajectories/${trajectoryId}/plan.xlsx`);
    expect(res.statusCode).toBe(200);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);

    // An empty trajectory with the same domain tree, where the demo coordinator and the owners take part.
    const tenantId = demoTenants.beekvliet.id;
    emptyId = await f.trajectory(tenantId);
    const steering = await f.insert('body', { tenant_id: tenantId, trajectory_id: emptyId, kind: 'steering_group', name: 'Stuurgroep' });
    await f.membership({ tenantId }, steering, await personIdOf(t, trajectoryId, demoUsers.coordinator), 'coordinator');
    for (const p of source.people) await f.membership({ tenantId }, steering, p.id, 'member');
    for (const d of source.domains) {
      const domainId = await f.insert('domain', { tenant_id: tenantId, trajectory_id: emptyId, name: d.name, approach: d.approach });
      for (const s of d.strategicObjectives) {
        const strategicId = await f.insert('strategic_objective', { tenant_id: tenantId, trajectory_id: emptyId, domain_id: domainId, title: s.title });
        for (const o of s.operationalObjectives) {
          await f.insert('operational_objective', { tenant_id: tenantId, trajectory_id: emptyId, domain_id: domainId, strategic_objective_id: strategicId, title: o.title });
        }
      }
    }
  });

  const upload = async (book: ExcelJS.Workbook, extra: Record<string, unknown> = {}) =>
    t.call('coordinator', 'POST', `/api/v1/trajectories/${emptyId}/actions/import`, {
      fileName: 'actieplan.xlsx',
      content: Buffer.from(await book.xlsx.writeBuffer()).toString('base64'),
      ...extra,
    });

  test('a bad row answers 400 naming its row and column, and nothing is saved', async () => {
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.load(await workbook.xlsx.writeBuffer());
    const sheet = copy.getWorksheet('Actieplan')!;
    const header = sheet.getRow(1).values as unknown[];
    const dueColumn = header.indexOf('Einddatum');
    const operationalColumn = header.indexOf('Operationele doelstelling');
    sheet.getRow(3).getCell(dueColumn).value = 'volgende week';
    sheet.getRow(5).getCell(operationalColumn).value = 'Een doelstelling die niet bestaat';
    const auditBefore = await count('audit_log', sql`trajectory_id = ${emptyId}`);

    const res = await upload(copy);
    expect(res.statusCode).toBe(400);
    const errors = res.json<{ errors: { line: number; column: string; message: string }[] }>().errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, column: 'Einddatum' }),
        expect.objectContaining({ line: 5, column: 'Operationele doelstelling', message: expect.stringContaining('Een doelstelling die niet bestaat') }),
      ]),
    );
    expect(await count('action', sql`trajectory_id = ${emptyId}`)).toBe(0);
    expect(await count('audit_log', sql`trajectory_id = ${emptyId}`)).toBe(auditBefore);
  });

  test('not an Excel file, or a sheet without the columns: 400 on the file, nothing saved', async () => {
    const bad = await t.call('coordinator', 'POST', `/api/v1/trajectories/${emptyId}/actions/import`, { fileName: 'actieplan.xlsx', content: Buffer.from('geen excel').toString('base64') });
    expect(bad.statusCode).toBe(400);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Actieplan').addRow(['Actie', 'Iets anders']);
    const res = await upload(empty);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { column: string }[] }>().errors.map((e) => e.column)).toEqual(expect.arrayContaining(['Iets anders', 'Beleidsdomein']));
    expect(await count('action', sql`trajectory_id = ${emptyId}`)).toBe(0);
  });

  test('the export imported into an empty trajectory with the same domain tree gives the same actions', async () => {
    const dry = await upload(workbook, { dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json<{ created: number }>().created).toBe(allActions(source).length);
    expect(await count('action', sql`trajectory_id = ${emptyId}`)).toBe(0);

    const res = await upload(workbook);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ created: number }>().created).toBe(allActions(source).length);
    const target = await loadPlan(t, emptyId);
    expect(path(target)).toEqual(path(source));
    const fields = (p: Plan) => allActions(p).map((a) => {
      const full = a as unknown as Record<string, unknown>;
      return [a.title, full.partners, full.startDate, full.dueDate, full.means, full.budget];
    });
    expect(fields(target)).toEqual(fields(source));
    expect(await count('audit_log', sql`trajectory_id = ${emptyId} and entity = 'action' and operation = 'create'`)).toBe(allActions(source).length);

    // The same sheet again: every row is already there, so nothing is added twice.
    const again = await upload(workbook);
    expect(again.statusCode).toBe(400);
    expect(await count('action', sql`trajectory_id = ${emptyId}`)).toBe(allActions(source).length);
  });
});
