import { sql } from 'kysely';
import type { Db } from '../db/database';

/** One query per level, run side by side; the tree is assembled in memory. */
export async function loadPlanRows(db: Db, tenantId: string, trajectoryId: string) {
  const byTrajectory = { tenantId, trajectoryId };
  const [domains, strategic, operational, actions, indicators, people] = await Promise.all([
    db
      .selectFrom('domain')
      .select(['id', 'name', 'description', 'approach', 'state', 'position'])
      .where('tenantId', '=', byTrajectory.tenantId)
      .where('trajectoryId', '=', byTrajectory.trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('strategicObjective')
      .select(['id', 'domainId', 'title', 'description', 'position'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('operationalObjective')
      .select([
        'id',
        'strategicObjectiveId',
        'title',
        'description',
        'smartSpecific',
        'smartMeasurable',
        'smartAgreed',
        'smartRealistic',
        'smartTimeBound',
        'targetDate',
        'position',
      ])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('action')
      .select([
        'id',
        'operationalObjectiveId',
        'title',
        'status',
        'ownerId',
        'partners',
        'startDate',
        'dueDate',
        'means',
        'budget',
        'sevenB',
        'position',
        'version',
        'updatedAt',
      ])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    sql<{
      id: string;
      actionId: string;
      kind: string;
      name: string;
      unit: string;
      baseline: number | null;
      target: number | null;
      latestValue: number | null;
      latestOn: string | null;
      measurementCount: number;
    }>`
      select i.id, i.action_id as "actionId", i.kind, i.name, i.unit, i.baseline, i.target,
             m.value as "latestValue", m.measured_on as "latestOn", m.n as "measurementCount"
      from indicator i
      left join lateral (
        select (array_agg(value order by measured_on desc, created_at desc))[1] as value,
               max(measured_on) as measured_on, count(*)::int as n
        from measurement
        where measurement.tenant_id = i.tenant_id and measurement.indicator_id = i.id
      ) m on true
      where i.tenant_id = ${tenantId} and i.trajectory_id = ${trajectoryId}
      order by i.created_at`
      .execute(db)
      .then((r) => r.rows),
    db
      .selectFrom('person')
      .select(['id', 'displayName'])
      .where('tenantId', '=', tenantId)
      .where((eb) =>
        eb(
          'id',
          'in',
          eb
            .selectFrom('action')
            .select('ownerId')
            .where('tenantId', '=', tenantId)
            .where('trajectoryId', '=', trajectoryId)
            .where('ownerId', 'is not', null)
            .$narrowType<{ ownerId: string }>(),
        ),
      )
      .execute(),
  ]);
  return { domains, strategic, operational, actions, indicators, people };
}
