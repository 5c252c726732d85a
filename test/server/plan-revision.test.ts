import { sql } from 'kysely';
import type { Principal } from '../../src/auth/principal';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database';
import { REVISION_SLOTS } from '../../src/db/migrations/0022-plan-domain-revision-slots';
import { createPlanService } from '../../src/plan/plan-service';
import { demoTenants, demoUsers } from '../../src/seed/demo-ids';
import { seedDemo } from '../../src/seed/demo-seed';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * The plan cache keeps each domain's subtree under the domain's revision (migration 0019). These
 * tests hold two writers' transactions open at once and commit them out of order, which is what
 * made an older label (an identity value handed out at insert) leave a stale tree in the cache,
 * and check that a write rebuilds only the domains it touched.
 */
let database: TestDatabase;
let trajectoryId: string;
const tenantId = demoTenants.beekvliet.id;
const coordinator: Principal = { tenantId, userId: demoUsers.coordinator, name: 'Lotte Peeters' };

/**
 * A second connection pool that counts the statements building the plan tree (the one that
 * aggregates strategic objectives). The tree query runs without Kysely's plugins, so it is
 * counted where it leaves for PostgreSQL.
 */
function countingDatabase(): { handle: DatabaseHandle; builds: () => number; rebuilt: () => string[][]; holdNextBuild: () => () => void } {
  const handle = connectDatabase(database.url, 4);
  const rebuilt: string[][] = [];
  // A held build leaves for PostgreSQL only once released: a slow build, finishing after later ones.
  let held: Promise<void> | undefined;
  handle.pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const counted = (...args: unknown[]): unknown => {
      const first = args[0];
      const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
      const values = (Array.isArray(args[1]) ? args[1] : ((first as { values?: unknown[] } | undefined)?.values ?? [])) as unknown[];
      // The domains a build was asked for: the statement's one array parameter of ids.
      if (text.includes("'strategicObjectives'")) {
        rebuilt.push(((values.find((v) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length === 36)) ?? []) as string[]).slice().sort());
        const gate = held;
        held = undefined;
        if (gate) return gate.then(() => query(...args));
      }
      return query(...args);
    };
    Object.assign(client, { query: counted });
  });
  return {
    handle,
    builds: () => rebuilt.length,
    rebuilt: () => rebuilt,
    holdNextBuild() {
      let release: () => void = () => undefined;
      held = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
}

/** A plan service over a counting database, closed after `run`. */
async function withCountedPlans(run: (counting: ReturnType<typeof countingDatabase>, plans: ReturnType<typeof createPlanService>) => Promise<void>): Promise<void> {
  const counting = countingDatabase();
  try {
    await run(counting, createPlanService(counting.handle.db));
  } finally {
    await counting.handle.close();
  }
}

/** A title change straight in the database, as another instance's write would land. */
const retitle = (id: string, title: string) => database.db.updateTable('action').set({ title }).where('tenantId', '=', tenantId).where('id', '=', id).execute();

type Tree = { domains: { strategicObjectives: { operationalObjectives: { actions: { id: string; title: string }[] }[] }[] }[] };
const titles = (plan: Tree) =>
  new Map(plan.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions.map((a) => [a.id, a.title] as const)))));

beforeAll(async () => {
  database = await createTestDatabase(6);
  await seedDemo(database.db);
  const row = await database.db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).executeTakeFirstOrThrow();
  trajectoryId = row.id;
});
afterAll(async () => {
  await database.close();
});

async function twoActionIds(): Promise<[string, string]> {
  const rows = await database.db.selectFrom('action').select('id').where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).orderBy('id').limit(2).execute();
  return [rows[0]!.id, rows[1]!.id];
}

test('a write that commits after a later one is never hidden by a cached plan', async () => {
  const plans = createPlanService(database.db);
  const [first, second] = await twoActionIds();
  await plans.plan(coordinator, trajectoryId);

  // The early writer takes its place first and commits last.
  const early = await database.pool.connect();
  const late = await database.pool.connect();
  try {
    await early.query('begin');
    await early.query('update action set title = $1 where tenant_id = $2 and id = $3', ['Vroege schrijver', tenantId, first]);
    await late.query('begin');
    await late.query('update action set title = $1 where tenant_id = $2 and id = $3', ['Late schrijver', tenantId, second]);
    await late.query('commit');

    const between = titles(await plans.plan(coordinator, trajectoryId));
    expect(between.get(second)).toBe('Late schrijver');
    expect(between.get(first)).not.toBe('Vroege schrijver');

    await early.query('commit');
  } finally {
    early.release();
    late.release();
  }
  const after = titles(await plans.plan(coordinator, trajectoryId));
  expect(after.get(first)).toBe('Vroege schrijver');
  expect(after.get(second)).toBe('Late schrijver');
});

test("a transaction moves each domain's revision once, however many rows it writes, and a rolled-back one not at all", async () => {
  const revision = async () =>
    (await database.db.selectFrom('planDomainRevision').select(['domainId', 'revision']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).orderBy('domainId').execute()).map(
      (r) => [r.domainId, Number(r.revision)] as const,
    );
  const before = await revision();
  expect(before.length).toBeGreaterThanOrEqual(3);
  await database.db.transaction().execute(async (trx) => {
    await sql`update action set means = means where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId}`.execute(trx);
    await sql`update domain set description = description where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId}`.execute(trx);
  });
  const once = before.map(([id, n]) => [id, n + 1] as const);
  expect(await revision()).toEqual(once);

  await expect(
    database.db.transaction().execute(async (trx) => {
      await sql`update action set means = means where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId}`.execute(trx);
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(await revision()).toEqual(once);
});

test('deleting a trajectory together with its plan leaves no revision behind', async () => {
  const other = await database.db.selectFrom('trajectory').select(['id', 'tenantId']).where('tenantId', '=', demoTenants.heidebos.id).executeTakeFirstOrThrow();
  await database.db.deleteFrom('trajectory').where('tenantId', '=', other.tenantId).where('id', '=', other.id).execute();
  const left = await database.db.selectFrom('planDomainRevision').select('revision').where('tenantId', '=', other.tenantId).where('trajectoryId', '=', other.id).execute();
  expect(left).toEqual([]);
});

test("writers in one domain on other connections bump other slots of its revision: neither waits for the other's commit, and the sum counts both", async () => {
  const pair = await database.db
    .selectFrom('action')
    .select(['domainId', (eb) => eb.fn.agg<string[]>('array_agg', ['id']).as('ids')])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .groupBy('domainId')
    .having((eb) => eb.fn.countAll(), '>=', 2)
    .executeTakeFirstOrThrow();
  const [first, second] = pair.ids as [string, string];
  const revisionOf = async () =>
    Number((await database.db.selectFrom('planDomainRevision').select('revision').where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).where('domainId', '=', pair.domainId).executeTakeFirstOrThrow()).revision);
  const before = await revisionOf();

  // Two connections whose server processes fall in different slots (pid mod REVISION_SLOTS).
  // Four of the pool's six: the revision is read through the others.
  const clients = await Promise.all(Array.from({ length: 4 }, () => database.pool.connect()));
  try {
    const pids = await Promise.all(clients.map(async (c) => Number((await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid)));
    const a = clients[0]!;
    const b = clients[pids.findIndex((pid) => pid % REVISION_SLOTS !== pids[0]! % REVISION_SLOTS)];
    if (!b) throw new Error(`four connections, all in one slot: pids ${pids.join(', ')}`);

    await a.query('begin');
    await a.query('update action set title = $1 where tenant_id = $2 and id = $3', ['Eerste schrijver', tenantId, first]);
    // Runs the deferred bump now: a holds its slot's row until it commits.
    await a.query('set constraints all immediate');
    // On one shared row, b's commit would wait for a's and fail here instead of hanging.
    await b.query('begin');
    await b.query("set local lock_timeout = '2s'");
    await b.query('update action set title = $1 where tenant_id = $2 and id = $3', ['Tweede schrijver', tenantId, second]);
    await b.query('commit');
    expect(await revisionOf()).toBe(before + 1);
    await a.query('commit');
    expect(await revisionOf()).toBe(before + 2);
  } finally {
    // A failure above leaves a transaction open: it must not go back to the pool so.
    for (const c of clients) {
      await c.query('rollback').catch(() => undefined);
      c.release();
    }
  }
});

test('readers who miss the cache at once share one build of the tree', async () => {
  await withCountedPlans(async (counting, plans) => {
    const [first] = await twoActionIds();
    await plans.plan(coordinator, trajectoryId);
    const afterWarm = counting.builds();
    expect(afterWarm).toBe(1);

    await retitle(first, 'Nieuwe titel');
    const readers = await Promise.all(Array.from({ length: 8 }, () => plans.plan(coordinator, trajectoryId)));
    expect(counting.builds()).toBe(afterWarm + 1);
    for (const plan of readers) expect(titles(plan).get(first)).toBe('Nieuwe titel');
  });
});

test('a slow build of an older revision, finishing last, leaves the newer subtree in the cache', async () => {
  await withCountedPlans(async (counting, plans) => {
    const [first] = await twoActionIds();
    await plans.plan(coordinator, trajectoryId);
    await retitle(first, 'Eerste wijziging');
    // The reader of the first change builds slowly; meanwhile a second change lands and is read.
    const release = counting.holdNextBuild();
    const slow = plans.plan(coordinator, trajectoryId);
    while (counting.builds() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await retitle(first, 'Tweede wijziging');
    expect(titles(await plans.plan(coordinator, trajectoryId)).get(first)).toBe('Tweede wijziging');
    release();
    await slow;
    const builds = counting.builds();
    // The newer subtree was kept: the next reader at the newest revision builds nothing.
    expect(titles(await plans.plan(coordinator, trajectoryId)).get(first)).toBe('Tweede wijziging');
    expect(counting.builds()).toBe(builds);
  });
});

test('a write rebuilds only the domains it touched; indicators and measurements rebuild none', async () => {
  await withCountedPlans(async (counting, plans) => {
    await plans.plan(coordinator, trajectoryId);
    const rows = await database.db
      .selectFrom('action')
      .innerJoin('operationalObjective as o', (j) => j.onRef('o.tenantId', '=', 'action.tenantId').onRef('o.id', '=', 'action.operationalObjectiveId'))
      .select(['action.id', 'action.domainId', 'o.strategicObjectiveId'])
      .where('action.tenantId', '=', tenantId)
      .where('action.trajectoryId', '=', trajectoryId)
      .execute();
    const a = rows[0]!;
    const elsewhere = rows.find((r) => r.domainId !== a.domainId)!;
    expect(counting.builds()).toBe(1);

    await retitle(a.id, 'Alleen dit domein');
    const afterTitle = await plans.plan(coordinator, trajectoryId);
    expect(titles(afterTitle).get(a.id)).toBe('Alleen dit domein');
    expect(counting.rebuilt().at(-1)).toEqual([a.domainId]);

    // Moved to another domain's objective: both subtrees are built again, and the action shows only in the new one.
    const target = await database.db.selectFrom('action').select('operationalObjectiveId').where('tenantId', '=', tenantId).where('id', '=', elsewhere.id).executeTakeFirstOrThrow();
    await database.db.updateTable('action').set({ operationalObjectiveId: target.operationalObjectiveId, domainId: elsewhere.domainId }).where('tenantId', '=', tenantId).where('id', '=', a.id).execute();
    const moved = await plans.plan(coordinator, trajectoryId);
    expect(counting.rebuilt().at(-1)).toEqual([a.domainId, elsewhere.domainId].sort());
    const homes = moved.domains.filter((d) => d.strategicObjectives.some((s) => s.operationalObjectives.some((o) => o.actions.some((x) => x.id === a.id)))).map((d) => d.id);
    expect(homes).toEqual([elsewhere.domainId]);

    // Indicators are read beside the plan, so shaping and measuring them leaves the tree as it is.
    const builds = counting.builds();
    const indicator = await database.db
      .insertInto('indicator')
      .values({ tenantId, trajectoryId, actionId: a.id, kind: 'output', name: 'Bereikte gezinnen', unit: 'gezinnen' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.insertInto('measurement').values({ tenantId, trajectoryId, indicatorId: indicator.id, measuredOn: '2026-05-01', value: 7 }).execute();
    const measured = await plans.plan(coordinator, trajectoryId);
    expect(counting.builds()).toBe(builds);
    const action = measured.domains.flatMap((d) => d.strategicObjectives.flatMap((s) => s.operationalObjectives.flatMap((o) => o.actions))).find((x) => x.id === a.id)!;
    expect(action.indicators).toContainEqual(expect.objectContaining({ id: indicator.id, latestValue: 7, measurementCount: 1 }));
  });
});
