import { sql } from 'kysely';
import type { Db } from '../db/database';

export interface CopyCounts {
  domains: number;
  bodies: number;
  memberships: number;
  strategicObjectives: number;
  operationalObjectives: number;
  actions: number;
  indicators: number;
  initiatives: number;
}

/**
 * Copies the plan of `fromId` into the new trajectory `toId`, inside the caller's transaction.
 * Every copy keeps `origin_id`, and children find their new parent through it (the parent's copy
 * is the row of the new period whose origin is the old parent), so no id map leaves the database.
 * What the evaluation stopped is not carried over, nor are actions that were done or dropped
 * (they are the old period's results); measurements stay behind, and an indicator starts from
 * its latest measured value as its new baseline.
 */
export async function copyPlan(db: Db, tenantId: string, fromId: string, toId: string, newPeriodStart: string): Promise<CopyCounts> {
  const count = async (query: ReturnType<typeof sql>): Promise<number> => Number((await query.execute(db)).numAffectedRows ?? 0);

  const domains = await count(sql`
    insert into domain (tenant_id, trajectory_id, name, description, approach, state, position, origin_id)
    select tenant_id, ${toId}, name, description, approach, state, position, id
    from domain where tenant_id = ${tenantId} and trajectory_id = ${fromId}`);

  const bodies = await count(sql`
    insert into body (tenant_id, trajectory_id, kind, name, domain_id, origin_id)
    select b.tenant_id, ${toId}, b.kind, b.name, nd.id, b.id
    from body b
    left join domain nd on nd.tenant_id = b.tenant_id and nd.trajectory_id = ${toId} and nd.origin_id = b.domain_id
    where b.tenant_id = ${tenantId} and b.trajectory_id = ${fromId}`);

  const memberships = await count(sql`
    insert into membership (tenant_id, body_id, person_id, role)
    select m.tenant_id, nb.id, m.person_id, m.role
    from membership m
    join body ob on ob.tenant_id = m.tenant_id and ob.id = m.body_id and ob.trajectory_id = ${fromId}
    join body nb on nb.tenant_id = m.tenant_id and nb.trajectory_id = ${toId} and nb.origin_id = ob.id
    where m.tenant_id = ${tenantId}`);

  const strategicObjectives = await count(sql`
    insert into strategic_objective (tenant_id, trajectory_id, domain_id, title, description, position, origin_id)
    select s.tenant_id, ${toId}, nd.id, s.title, s.description, s.position, s.id
    from strategic_objective s
    join domain nd on nd.tenant_id = s.tenant_id and nd.trajectory_id = ${toId} and nd.origin_id = s.domain_id
    where s.tenant_id = ${tenantId} and s.trajectory_id = ${fromId} and s.adjustment is distinct from 'stopped'`);

  const operationalObjectives = await count(sql`
    insert into operational_objective (tenant_id, trajectory_id, domain_id, strategic_objective_id, title, description,
      smart_specific, smart_measurable, smart_agreed, smart_realistic, smart_time_bound, target_date, position, origin_id)
    select o.tenant_id, ${toId}, ns.domain_id, ns.id, o.title, o.description,
      o.smart_specific, o.smart_measurable, o.smart_agreed, o.smart_realistic, o.smart_time_bound,
      case when o.target_date >= ${newPeriodStart}::date then o.target_date end, o.position, o.id
    from operational_objective o
    join strategic_objective ns on ns.tenant_id = o.tenant_id and ns.trajectory_id = ${toId} and ns.origin_id = o.strategic_objective_id
    where o.tenant_id = ${tenantId} and o.trajectory_id = ${fromId} and o.adjustment is distinct from 'stopped'`);

  // Dates from before the new period mean nothing in it; a kept action that was under way stays so.
  const actions = await count(sql`
    insert into action (tenant_id, trajectory_id, domain_id, operational_objective_id, title, description, owner_id, partners,
      start_date, due_date, status, means, budget, intended_result, expected_result, evaluation_method, seven_b, position, origin_id)
    select a.tenant_id, ${toId}, no.domain_id, no.id, a.title, a.description, a.owner_id, a.partners,
      case when a.start_date >= ${newPeriodStart}::date then a.start_date end,
      case when a.due_date >= ${newPeriodStart}::date then a.due_date end,
      case when a.status = 'in_progress' then 'in_progress' else 'planned' end,
      a.means, a.budget, a.intended_result, a.expected_result, a.evaluation_method, a.seven_b, a.position, a.id
    from action a
    join operational_objective no on no.tenant_id = a.tenant_id and no.trajectory_id = ${toId} and no.origin_id = a.operational_objective_id
    where a.tenant_id = ${tenantId} and a.trajectory_id = ${fromId}
      and a.adjustment is distinct from 'stopped' and a.status not in ('done', 'dropped')`);

  const indicators = await count(sql`
    insert into indicator (tenant_id, trajectory_id, action_id, kind, name, unit, baseline, target, origin_id)
    select i.tenant_id, ${toId}, na.id, i.kind, i.name, i.unit,
      coalesce((select m.value from measurement m where m.tenant_id = i.tenant_id and m.indicator_id = i.id
                order by m.measured_on desc, m.created_at desc limit 1), i.baseline),
      i.target, i.id
    from indicator i
    join action na on na.tenant_id = i.tenant_id and na.trajectory_id = ${toId} and na.origin_id = i.action_id
    where i.tenant_id = ${tenantId} and i.trajectory_id = ${fromId}`);

  // The inventory describes the municipality, not one period: what still runs goes along.
  const initiatives = await count(sql`
    insert into initiative (tenant_id, trajectory_id, name, description, state, partner, partners, sectors, target_group,
      reach_families, reach_children, since, contact_organisation, source, effect, domain_id, operational_objective_id)
    select n.tenant_id, ${toId}, n.name, n.description, n.state, n.partner, n.partners, n.sectors, n.target_group,
      n.reach_families, n.reach_children, n.since, n.contact_organisation, n.source, n.effect, nd.id, no.id
    from initiative n
    left join domain nd on nd.tenant_id = n.tenant_id and nd.trajectory_id = ${toId} and nd.origin_id = n.domain_id
    left join operational_objective no on no.tenant_id = n.tenant_id and no.trajectory_id = ${toId} and no.origin_id = n.operational_objective_id
    where n.tenant_id = ${tenantId} and n.trajectory_id = ${fromId} and n.state <> 'finished'`);

  return { domains, bodies, memberships, strategicObjectives, operationalObjectives, actions, indicators, initiatives };
}

export const lineageTables = { strategicObjective: 'strategic_objective', operationalObjective: 'operational_objective', action: 'action' } as const;
export type LineageKind = keyof typeof lineageTables;

export interface LineageRow {
  id: string;
  trajectoryId: string;
  trajectoryName: string;
  periodStart: string;
  periodEnd: string;
  title: string;
  adjustment: string | null;
  adjustmentReason: string;
  status: string | null;
}

/**
 * Every period's version of one row: its ancestors through origin_id and its descendants (rows
 * whose origin it is), oldest period first. The caller filters by what the reader may read.
 */
export async function findLineage(db: Db, tenantId: string, kind: LineageKind, id: string): Promise<LineageRow[]> {
  const table = sql.table(lineageTables[kind]);
  const status = kind === 'action' ? sql`r.status` : sql`null::text`;
  const { rows } = await sql<LineageRow>`
    with recursive up as (
      select r.id, r.origin_id, 0 as depth from ${table} r where r.tenant_id = ${tenantId} and r.id = ${id}
      union all
      select r.id, r.origin_id, up.depth - 1 from ${table} r join up on r.id = up.origin_id where r.tenant_id = ${tenantId} and up.depth > -50
    ), down as (
      select r.id, 0 as depth from ${table} r where r.tenant_id = ${tenantId} and r.id = ${id}
      union all
      select r.id, down.depth + 1 from ${table} r join down on r.origin_id = down.id where r.tenant_id = ${tenantId} and down.depth < 50
    ), chain as (
      select id, depth from up union select id, depth from down
    )
    select r.id, r.trajectory_id as "trajectoryId", t.name as "trajectoryName",
      to_char(t.period_start, 'YYYY-MM-DD') as "periodStart", to_char(t.period_end, 'YYYY-MM-DD') as "periodEnd",
      r.title, r.adjustment, r.adjustment_reason as "adjustmentReason", ${status} as status
    from chain c
    join ${table} r on r.tenant_id = ${tenantId} and r.id = c.id
    join trajectory t on t.tenant_id = r.tenant_id and t.id = r.trajectory_id
    order by c.depth`.execute(db);
  return rows;
}

export async function closeTrajectory(db: Db, tenantId: string, trajectoryId: string, successorId: string): Promise<void> {
  // The Teams team goes with the living period: the bot and the tabs find a trajectory by its team.
  await sql`
    update trajectory n set team_id = o.team_id
    from trajectory o
    where n.tenant_id = ${tenantId} and n.id = ${successorId} and o.tenant_id = ${tenantId} and o.id = ${trajectoryId}`.execute(db);
  await db
    .updateTable('trajectory')
    .set({ closedAt: new Date(), teamId: null, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', trajectoryId)
    .execute();
}

/**
 * The next period's trajectory: what describes the municipality's policy as a whole (mission,
 * vision, quality criteria, the coordinator's and facilitator's records) goes along; the
 * college's policy decision does not, as the new period needs its own; phases start afresh.
 */
export async function insertSuccessor(
  db: Db,
  tenantId: string,
  fromId: string,
  values: { name: string; periodStart: string; periodEnd: string },
): Promise<{ id: string }> {
  const { rows } = await sql<{ id: string }>`
    insert into trajectory (tenant_id, name, municipality, period_start, period_end, mission, vision, quality_criteria,
      reminder_days_before, coordinator_appointed_on, coordinator_job_share, facilitator_organisation, facilitator_engaged_on,
      origin_trajectory_id)
    select tenant_id, ${values.name}, municipality, ${values.periodStart}::date, ${values.periodEnd}::date, mission, vision, quality_criteria,
      reminder_days_before, coordinator_appointed_on, coordinator_job_share, facilitator_organisation, facilitator_engaged_on,
      id
    from trajectory where tenant_id = ${tenantId} and id = ${fromId}
    returning id`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the trajectory to continue vanished inside its own lock');
  return row;
}
