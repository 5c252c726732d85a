import { sql } from 'kysely';
import type { Db } from '../src/db/database';

export interface LargePlan {
  trajectoryId: string;
  firstDomainId: string;
  actionIds: string[];
}

/**
 * A plan the size of a large city's: 10 domains × 5 strategic × 5 operational objectives ×
 * 10 actions = 2,500 actions, 2 indicators each, 2 measurements per indicator = 10,000.
 * Built with set-based SQL so generating it takes seconds, not minutes.
 */
export async function generateLargePlan(db: Db, tenantId: string, ownerIds: string[], coordinatorPersonId: string): Promise<LargePlan> {
  const trajectory = await db
    .insertInto('trajectory')
    .values({ tenantId, name: 'Benchmark: groot actieplan', municipality: 'Grootstad', periodStart: '2026-01-01', periodEnd: '2031-12-31' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const t = trajectory.id;
  const steering = await db
    .insertInto('body')
    .values({ tenantId, trajectoryId: t, kind: 'steering_group', name: 'Stuurgroep' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('membership').values({ tenantId, bodyId: steering.id, personId: coordinatorPersonId, role: 'coordinator' }).execute();

  await sql`
    insert into domain (tenant_id, trajectory_id, name, approach, position)
    select ${tenantId}, ${t}::uuid, 'Domein ' || d, case when d % 2 = 0 then 'structural' else 'mitigating' end, d
    from generate_series(1, 10) d`.execute(db);
  await sql`
    insert into strategic_objective (tenant_id, trajectory_id, domain_id, title, position)
    select ${tenantId}, ${t}::uuid, dm.id, 'Strategische doelstelling ' || dm.position || '.' || s, s
    from domain dm, generate_series(1, 5) s where dm.tenant_id = ${tenantId} and dm.trajectory_id = ${t}::uuid`.execute(db);
  await sql`
    insert into operational_objective (tenant_id, trajectory_id, domain_id, strategic_objective_id, title, smart_specific, smart_measurable, smart_agreed, smart_realistic, smart_time_bound, target_date, position)
    select ${tenantId}, ${t}::uuid, so.domain_id, so.id, so.title || ' – operationeel ' || o, true, true, o % 3 <> 0, true, true, date '2028-12-31', o
    from strategic_objective so, generate_series(1, 5) o where so.tenant_id = ${tenantId} and so.trajectory_id = ${t}::uuid`.execute(db);
  await sql`
    insert into action (tenant_id, trajectory_id, domain_id, operational_objective_id, title, description, owner_id, partners, start_date, due_date, status, means, budget, seven_b, position)
    select ${tenantId}, ${t}::uuid, oo.domain_id, oo.id, 'Actie ' || a || ' bij ' || oo.title,
           'Beschrijving van de actie, met wat er gebeurt en voor wie.',
           (${sql.val(ownerIds)}::uuid[])[1 + (abs(hashtext(oo.id::text || a)) % ${ownerIds.length})],
           array['OCMW', 'Huis van het Kind'], date '2026-03-01' + (a * 20), date '2026-06-01' + (a * 40),
           (array['planned','in_progress','done','postponed','dropped'])[1 + (a % 5)], 'Personeelsinzet', 1000 + a * 100,
           array['bereikbaarheid', 'betaalbaarheid'], a
    from operational_objective oo, generate_series(1, 10) a where oo.tenant_id = ${tenantId} and oo.trajectory_id = ${t}::uuid`.execute(db);
  await sql`
    insert into indicator (tenant_id, trajectory_id, action_id, kind, name, unit, baseline, target)
    select ${tenantId}, ${t}::uuid, ac.id, k.kind, case when k.kind = 'output' then 'Aantal bereikte gezinnen' else 'Aandeel kinderen dat deelneemt' end,
           case when k.kind = 'output' then 'gezinnen' else '%' end, 10, 50
    from action ac, (values ('output'), ('outcome')) k(kind) where ac.tenant_id = ${tenantId} and ac.trajectory_id = ${t}::uuid`.execute(db);
  await sql`
    insert into measurement (tenant_id, trajectory_id, indicator_id, measured_on, value)
    select ${tenantId}, ${t}::uuid, i.id, date '2026-01-15' + m * 90, 10 + m * 7
    from indicator i, generate_series(1, 2) m where i.tenant_id = ${tenantId} and i.trajectory_id = ${t}::uuid`.execute(db);
  await sql`analyze`.execute(db);

  const actions = await db.selectFrom('action').select('id').where('tenantId', '=', tenantId).where('trajectoryId', '=', t).execute();
  const first = await db.selectFrom('domain').select('id').where('tenantId', '=', tenantId).where('trajectoryId', '=', t).orderBy('position').executeTakeFirstOrThrow();
  return { trajectoryId: t, firstDomainId: first.id, actionIds: actions.map((a) => a.id) };
}
