import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * The whole plan tree as JSON text, built by PostgreSQL in one statement. For a plan of
 * thousands of actions this avoids parsing every row into JavaScript objects and
 * serialising them again; the server passes the text through.
 */
export async function loadPlanDomainsJson(db: Db, tenantId: string, trajectoryId: string, today: string): Promise<string> {
  const { rows } = await sql<{ domains: string }>`
    with m as (
      select indicator_id, count(*)::int as n, max(measured_on) as latest_on,
             (array_agg(value order by measured_on desc, created_at desc))[1] as latest_value
      from measurement
      where tenant_id = ${tenantId} and trajectory_id = ${trajectoryId}
      group by indicator_id
    ), i as (
      select i.action_id, json_agg(json_build_object(
               'id', i.id, 'kind', i.kind, 'name', i.name, 'unit', i.unit, 'baseline', i.baseline, 'target', i.target,
               'latestValue', m.latest_value, 'latestOn', m.latest_on, 'measurementCount', coalesce(m.n, 0)
             ) order by i.created_at) as list
      from indicator i left join m on m.indicator_id = i.id
      where i.tenant_id = ${tenantId} and i.trajectory_id = ${trajectoryId}
      group by i.action_id
    ), a as (
      select a.operational_objective_id, json_agg(json_build_object(
               'id', a.id, 'title', a.title, 'status', a.status, 'ownerId', a.owner_id, 'partners', a.partners,
               'startDate', a.start_date, 'dueDate', a.due_date, 'means', a.means, 'budget', a.budget, 'sevenB', a.seven_b,
               'version', a.version, 'adjustment', a.adjustment,
               'overdue', coalesce(a.due_date < ${today}::date and a.status in ('planned', 'in_progress', 'postponed'), false),
               'indicators', coalesce(i.list, '[]'::json)
             ) order by a.position, a.created_at) as list
      from action a left join i on i.action_id = a.id
      where a.tenant_id = ${tenantId} and a.trajectory_id = ${trajectoryId}
      group by a.operational_objective_id
    ), o as (
      select o.strategic_objective_id, json_agg(json_build_object(
               'id', o.id, 'title', o.title, 'description', o.description,
               'smartSpecific', o.smart_specific, 'smartMeasurable', o.smart_measurable, 'smartAgreed', o.smart_agreed,
               'smartRealistic', o.smart_realistic, 'smartTimeBound', o.smart_time_bound,
               'targetDate', o.target_date, 'position', o.position, 'adjustment', o.adjustment, 'actions', coalesce(a.list, '[]'::json)
             ) order by o.position, o.created_at) as list
      from operational_objective o left join a on a.operational_objective_id = o.id
      where o.tenant_id = ${tenantId} and o.trajectory_id = ${trajectoryId}
      group by o.strategic_objective_id
    ), s as (
      select s.domain_id, json_agg(json_build_object(
               'id', s.id, 'title', s.title, 'description', s.description, 'position', s.position, 'adjustment', s.adjustment,
               'operationalObjectives', coalesce(o.list, '[]'::json)
             ) order by s.position, s.created_at) as list
      from strategic_objective s left join o on o.strategic_objective_id = s.id
      where s.tenant_id = ${tenantId} and s.trajectory_id = ${trajectoryId}
      group by s.domain_id
    )
    select
      coalesce((
        select json_agg(json_build_object(
                 'id', d.id, 'name', d.name, 'description', d.description, 'approach', d.approach, 'state', d.state,
                 'position', d.position, 'strategicObjectives', coalesce(s.list, '[]'::json)
               ) order by d.position, d.created_at)
        from domain d left join s on s.domain_id = d.id
        where d.tenant_id = ${tenantId} and d.trajectory_id = ${trajectoryId}
      ), '[]'::json)::text as domains`.execute(db.withoutPlugins());
  const row = rows[0];
  if (!row) throw new Error('the plan query returned no row');
  return row.domains;
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

/**
 * The trajectory's plan revision, moved forward as each transaction that wrote the plan commits
 * (migration 0018), whoever made it and whether or not it was audited.
 */
export async function planRevision(db: Db, tenantId: string, trajectoryId: string): Promise<number> {
  const row = await db
    .selectFrom('planRevision')
    .select('revision')
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .executeTakeFirst();
  return Number(row?.revision ?? 0);
}
