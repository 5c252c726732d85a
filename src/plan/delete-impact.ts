import { sql } from 'kysely';
import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import { actionCan, domainCan, indicatorCan, operationalObjectiveCan, strategicObjectiveCan } from '../auth/entity-rights';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { notFound } from '../shared/errors';
import { idParam } from '../shared/resource-routes';
import { uuid } from '../shared/schemas';

/*
 * What a delete takes with it. The plan's foreign keys cascade (domain → objectives → actions →
 * indicators → measurements), so a confirmation that says only "delete X?" hides most of what
 * goes. These counts are read from the same rows the cascade would remove.
 */

export const impactKinds = ['domain', 'strategic-objective', 'operational-objective', 'action', 'indicator'] as const;
export type ImpactKind = (typeof impactKinds)[number];

export const deleteImpactOutput = z.object({
  kind: z.enum(impactKinds),
  id: uuid,
  trajectoryId: uuid,
  /** The name or title of what is deleted, as the confirmation names it. */
  name: z.string(),
  strategicObjectives: z.int(),
  operationalObjectives: z.int(),
  actions: z.int(),
  indicators: z.int(),
  measurements: z.int(),
  /** Whether the caller may delete it, decided by the rule the DELETE enforces: clients render from this. */
  allowed: z.boolean(),
});
export type DeleteImpact = z.infer<typeof deleteImpactOutput>;

interface Found {
  trajectoryId: string;
  name: string;
  /** The domain the target belongs to (a domain: itself), and the owner of its action. */
  domainId: string;
  ownerId: string | null;
}

const tables: Record<Exclude<ImpactKind, 'indicator'>, { table: string; label: string; domain: string }> = {
  domain: { table: 'domain', label: 'name', domain: 'id' },
  'strategic-objective': { table: 'strategic_objective', label: 'title', domain: 'domain_id' },
  'operational-objective': { table: 'operational_objective', label: 'title', domain: 'domain_id' },
  action: { table: 'action', label: 'title', domain: 'domain_id' },
};

async function findTarget(db: Db, tenantId: string, kind: ImpactKind, id: string): Promise<Found | undefined> {
  if (kind === 'indicator') {
    const { rows } = await sql<Found>`select i.trajectory_id as "trajectoryId", i.name, a.domain_id as "domainId", a.owner_id as "ownerId"
      from indicator i join action a on a.tenant_id = i.tenant_id and a.id = i.action_id
      where i.tenant_id = ${tenantId} and i.id = ${id}`.execute(db);
    return rows[0];
  }
  const { table, label, domain } = tables[kind];
  const { rows } = await sql<Found>`select trajectory_id as "trajectoryId", ${sql.ref(label)} as name, ${sql.ref(domain)} as "domainId", ${kind === 'action' ? sql`owner_id` : sql`null::uuid`} as "ownerId" from ${sql.table(table)}
    where tenant_id = ${tenantId} and id = ${id}`.execute(db);
  return rows[0];
}

/** The actions under the target (every query also filters by tenant and trajectory). */
function actionsUnder(kind: ImpactKind, tenantId: string, trajectoryId: string, id: string) {
  const base = sql`select a.id from action a where a.tenant_id = ${tenantId} and a.trajectory_id = ${trajectoryId}`;
  switch (kind) {
    case 'domain':
      return sql`${base} and a.domain_id = ${id}`;
    case 'strategic-objective':
      return sql`${base} and a.operational_objective_id in (select o.id from operational_objective o
        where o.tenant_id = ${tenantId} and o.strategic_objective_id = ${id})`;
    case 'operational-objective':
      return sql`${base} and a.operational_objective_id = ${id}`;
    case 'action':
      return sql`${base} and a.id = ${id}`;
    case 'indicator':
      return sql`${base} and false`;
  }
}

export async function countImpact(db: Db, tenantId: string, kind: ImpactKind, id: string, trajectoryId: string) {
  const actions = actionsUnder(kind, tenantId, trajectoryId, id);
  const indicators =
    kind === 'indicator'
      ? sql`select ${id}::uuid as id`
      : sql`select i.id from indicator i where i.tenant_id = ${tenantId} and i.action_id in (${actions})`;
  const strategic = kind === 'domain' ? sql`(select count(*) from strategic_objective s where s.tenant_id = ${tenantId} and s.domain_id = ${id})::int` : sql`0`;
  const operational =
    kind === 'domain'
      ? sql`(select count(*) from operational_objective o where o.tenant_id = ${tenantId} and o.domain_id = ${id})::int`
      : kind === 'strategic-objective'
        ? sql`(select count(*) from operational_objective o where o.tenant_id = ${tenantId} and o.strategic_objective_id = ${id})::int`
        : sql`0`;
  const { rows } = await sql<{ strategicObjectives: number; operationalObjectives: number; actions: number; indicators: number; measurements: number }>`
    select ${strategic} as "strategicObjectives",
           ${operational} as "operationalObjectives",
           (select count(*) from (${actions}) x)::int as actions,
           ${kind === 'indicator' ? sql`0` : sql`(select count(*) from (${indicators}) y)::int`} as indicators,
           (select count(*) from measurement m where m.tenant_id = ${tenantId} and m.indicator_id in (${indicators}))::int as measurements`.execute(db);
  return rows[0]!;
}

export async function deleteImpact(db: Db, principal: Principal, kind: ImpactKind, id: string): Promise<DeleteImpact> {
  const what = `${kind.replace('-', ' ')} ${id}`;
  const target = await findTarget(db, principal.tenantId, kind, id);
  if (!target) throw notFound(what);
  const access = await loadAccess(db, principal, target.trajectoryId);
  assertRead(access, what);
  const counts = await countImpact(db, principal.tenantId, kind, id, target.trajectoryId);
  // The same answers the DELETE routes enforce (src/auth/entity-rights.ts).
  const place = { domainId: target.domainId, ownerId: target.ownerId };
  const allowed = {
    domain: () => domainCan(access, { id }).delete,
    'strategic-objective': () => strategicObjectiveCan(access, place).delete,
    'operational-objective': () => operationalObjectiveCan(access, place).delete,
    action: () => actionCan(access, place).delete,
    indicator: () => indicatorCan(access, place).delete,
  }[kind]();
  return { kind, id, trajectoryId: target.trajectoryId, name: target.name, ...counts, allowed };
}

const plurals: Record<ImpactKind, string> = {
  domain: 'domains',
  'strategic-objective': 'strategic-objectives',
  'operational-objective': 'operational-objectives',
  action: 'actions',
  indicator: 'indicators',
};

export function registerDeleteImpactRoutes(api: ApiContext, db: Db): void {
  for (const kind of impactKinds) {
    api.route({
      method: 'GET',
      url: `/api/v1/${plurals[kind]}/:id/delete-impact`,
      summary: `What deleting this ${kind.replace('-', ' ')} takes with it (the counts a confirmation shows)`,
      tag: 'Plan',
      params: idParam,
      response: deleteImpactOutput,
      problems: [403],
      handler: ({ principal, params }) => deleteImpact(db, principal, kind, params.id),
    });
  }
}
