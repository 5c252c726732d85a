import { sql } from 'kysely';
import type { Db } from '../db/database';
import { openStatuses } from '../shared/enums';

export interface DomainRevision {
  id: string;
  revision: number;
}

/**
 * The trajectory's domains in plan order, each with its revision (migration 0019): what a cached
 * domain subtree is checked against on every read. Ten rows for a large plan.
 */
export async function planDomainRevisions(db: Db, tenantId: string, trajectoryId: string): Promise<DomainRevision[]> {
  const rows = await db
    .selectFrom('domain as d')
    .leftJoin('planDomainRevision as r', (join) => join.onRef('r.tenantId', '=', 'd.tenantId').onRef('r.trajectoryId', '=', 'd.trajectoryId').onRef('r.domainId', '=', 'd.id'))
    .select(['d.id', 'r.revision'])
    .where('d.tenantId', '=', tenantId)
    .where('d.trajectoryId', '=', trajectoryId)
    .orderBy('d.position')
    .orderBy('d.createdAt')
    .execute();
  return rows.map((r) => ({ id: r.id, revision: Number(r.revision ?? 0) }));
}

/**
 * Domain subtrees of the plan as JSON text, built by PostgreSQL in one statement: one row per
 * asked domain. For thousands of actions this avoids parsing every row into JavaScript objects
 * and serialising them again; the server passes the text through. Indicators are not part of
 * the tree (see loadPlanIndicatorsJson): no view needs them at first paint.
 */
export async function loadPlanDomainsJson(db: Db, tenantId: string, trajectoryId: string, today: string, domainIds: readonly string[]): Promise<Map<string, string>> {
  if (!domainIds.length) return new Map();
  const { rows } = await sql<{ id: string; json: string }>`
    with a as (
      select a.operational_objective_id, json_agg(json_build_object(
               'id', a.id, 'title', a.title, 'status', a.status, 'ownerId', a.owner_id, 'dueDate', a.due_date,
               'version', a.version, 'adjustment', a.adjustment,
               'overdue', coalesce(a.due_date < ${today}::date and a.status = any(${sql.val([...openStatuses])}::text[]), false)
             ) order by a.position, a.created_at) as list
      from action a
      where a.tenant_id = ${tenantId} and a.trajectory_id = ${trajectoryId} and a.domain_id = any(${sql.val(domainIds)}::uuid[])
      group by a.operational_objective_id
    ), o as (
      select o.strategic_objective_id, json_agg(json_build_object(
               'id', o.id, 'title', o.title, 'description', o.description,
               'smartSpecific', o.smart_specific, 'smartMeasurable', o.smart_measurable, 'smartAgreed', o.smart_agreed,
               'smartRealistic', o.smart_realistic, 'smartTimeBound', o.smart_time_bound,
               'targetDate', o.target_date, 'position', o.position, 'adjustment', o.adjustment, 'actions', coalesce(a.list, '[]'::json)
             ) order by o.position, o.created_at) as list
      from operational_objective o left join a on a.operational_objective_id = o.id
      where o.tenant_id = ${tenantId} and o.trajectory_id = ${trajectoryId} and o.domain_id = any(${sql.val(domainIds)}::uuid[])
      group by o.strategic_objective_id
    ), s as (
      select s.domain_id, json_agg(json_build_object(
               'id', s.id, 'title', s.title, 'description', s.description, 'position', s.position, 'adjustment', s.adjustment,
               'operationalObjectives', coalesce(o.list, '[]'::json)
             ) order by s.position, s.created_at) as list
      from strategic_objective s left join o on o.strategic_objective_id = s.id
      where s.tenant_id = ${tenantId} and s.trajectory_id = ${trajectoryId} and s.domain_id = any(${sql.val(domainIds)}::uuid[])
      group by s.domain_id
    )
    select d.id, json_build_object(
             'id', d.id, 'name', d.name, 'description', d.description, 'approach', d.approach, 'state', d.state,
             'position', d.position, 'strategicObjectives', coalesce(s.list, '[]'::json)
           )::text as json
    from domain d left join s on s.domain_id = d.id
    where d.tenant_id = ${tenantId} and d.trajectory_id = ${trajectoryId} and d.id = any(${sql.val(domainIds)}::uuid[])`.execute(db.withoutPlugins());
  return new Map(rows.map((r) => [r.id, r.json]));
}

/**
 * What the export shows of each action beyond the plan's tree (the views read these with the
 * action itself), as JSON text: one statement for the whole trajectory.
 */
export async function loadPlanActionDetailsJson(db: Db, tenantId: string, trajectoryId: string): Promise<string> {
  const { rows } = await sql<{ details: string }>`
    select coalesce(json_agg(json_build_object(
             'id', a.id, 'partners', a.partners, 'startDate', a.start_date, 'means', a.means, 'budget', a.budget, 'sevenB', a.seven_b
           )), '[]'::json)::text as details
    from action a
    where a.tenant_id = ${tenantId} and a.trajectory_id = ${trajectoryId}`.execute(db.withoutPlugins());
  return rows[0]?.details ?? '[]';
}

/** The indicators of the trajectory's actions (of one domain's, if given) with their latest measurement, as JSON text. */
export async function loadPlanIndicatorsJson(db: Db, tenantId: string, trajectoryId: string, domainId?: string): Promise<string> {
  const actions = sql`select id from action where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId} and domain_id = ${domainId ?? null}`;
  const inDomain = domainId ? sql`and i.action_id in (${actions})` : sql``;
  // One domain's read aggregates only that domain's measurements, not the whole trajectory's.
  const measuredInDomain = domainId
    ? sql`and indicator_id in (select id from indicator where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId} and action_id in (${actions}))`
    : sql``;
  const { rows } = await sql<{ indicators: string }>`
    with m as (
      select indicator_id, count(*)::int as n, max(measured_on) as latest_on,
             (array_agg(value order by measured_on desc, created_at desc))[1] as latest_value
      from measurement
      where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId} ${measuredInDomain}
      group by indicator_id
    )
    select coalesce(json_agg(json_build_object(
             'id', i.id, 'actionId', i.action_id, 'kind', i.kind, 'name', i.name, 'unit', i.unit, 'baseline', i.baseline, 'target', i.target,
             'latestValue', m.latest_value, 'latestOn', m.latest_on, 'measurementCount', coalesce(m.n, 0)
           ) order by i.created_at, i.id), '[]'::json)::text as indicators
    from indicator i left join m on m.indicator_id = i.id
    where i.tenant_id = ${tenantId} and i.trajectory_id = ${trajectoryId} ${inDomain}`.execute(db.withoutPlugins());
  return rows[0]?.indicators ?? '[]';
}

/** Names of the action owners, as JSON text (not cached with the tree: a rename may be audited elsewhere). */
export async function loadPlanPeopleJson(db: Db, tenantId: string, trajectoryId: string): Promise<string> {
  const { rows } = await sql<{ people: string }>`
    select coalesce(json_agg(json_build_object('id', p.id, 'displayName', p.display_name) order by p.display_name), '[]'::json)::text as people
    from person p
    where p.tenant_id = ${tenantId}
      and p.id in (select owner_id from action where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId} and owner_id is not null)`.execute(db);
  return rows[0]?.people ?? '[]';
}
