import { sql } from 'kysely';
import type { Db } from '../db/database';
import { TIME_ZONE } from '../shared/time';

/**
 * The trajectory's measurement plans with what their due date depends on: the indicator, its
 * action and domain, the last measurement and the day the plan was made (Brussels).
 */
export async function listPlansOfTrajectory(db: Db, tenantId: string, trajectoryId: string) {
  return db
    .selectFrom('measurementPlan as mp')
    .innerJoin('indicator as i', (j) => j.onRef('i.tenantId', '=', 'mp.tenantId').onRef('i.id', '=', 'mp.indicatorId'))
    .innerJoin('action as a', (j) => j.onRef('a.tenantId', '=', 'i.tenantId').onRef('a.id', '=', 'i.actionId'))
    .leftJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'mp.tenantId').onRef('p.id', '=', 'mp.measurerId'))
    .select((eb) => [
      'mp.id',
      'mp.indicatorId',
      'mp.measurerId',
      'mp.frequency',
      'mp.source',
      'mp.nextDueOn',
      'i.name as indicatorName',
      'i.actionId',
      'a.title as actionTitle',
      'a.domainId',
      'p.displayName as measurerName',
      sql<string>`to_char(mp.created_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD')`.as('createdOn'),
      eb
        .selectFrom('measurement as m')
        .select((m) => m.fn.max('m.measuredOn').as('last'))
        .whereRef('m.tenantId', '=', 'mp.tenantId')
        .whereRef('m.indicatorId', '=', 'mp.indicatorId')
        .as('lastMeasuredOn'),
    ])
    .where('mp.tenantId', '=', tenantId)
    .where('mp.trajectoryId', '=', trajectoryId)
    .orderBy('a.domainId')
    .orderBy('i.name')
    .execute();
}

/** One plan with the same facts, for the card that asks for its value. */
export async function findPlanForCard(db: Db, tenantId: string, planId: string) {
  return db
    .selectFrom('measurementPlan as mp')
    .innerJoin('indicator as i', (j) => j.onRef('i.tenantId', '=', 'mp.tenantId').onRef('i.id', '=', 'mp.indicatorId'))
    .innerJoin('action as a', (j) => j.onRef('a.tenantId', '=', 'i.tenantId').onRef('a.id', '=', 'i.actionId'))
    .select((eb) => [
      'mp.id',
      'mp.trajectoryId',
      'mp.indicatorId',
      'mp.measurerId',
      'mp.frequency',
      'mp.source',
      'mp.nextDueOn',
      'i.name as indicatorName',
      'i.unit',
      'i.kind',
      'i.baseline',
      'i.target',
      'a.id as actionId',
      'a.title as actionTitle',
      'a.domainId',
      'a.ownerId',
      sql<string>`to_char(mp.created_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD')`.as('createdOn'),
      eb
        .selectFrom('measurement as m')
        .select((m) => m.fn.max('m.measuredOn').as('last'))
        .whereRef('m.tenantId', '=', 'mp.tenantId')
        .whereRef('m.indicatorId', '=', 'mp.indicatorId')
        .as('lastMeasuredOn'),
      eb
        .selectFrom('measurement as m')
        .select('m.value')
        .whereRef('m.tenantId', '=', 'mp.tenantId')
        .whereRef('m.indicatorId', '=', 'mp.indicatorId')
        .orderBy('m.measuredOn', 'desc')
        .orderBy('m.createdAt', 'desc')
        .limit(1)
        .as('lastValue'),
    ])
    .where('mp.tenantId', '=', tenantId)
    .where('mp.id', '=', planId)
    .executeTakeFirst();
}

export type PlanForCard = NonNullable<Awaited<ReturnType<typeof findPlanForCard>>>;

/**
 * The measurement plans the follow-up planner looks at, for several tenants at once: those with
 * a measurer, in trajectories that are not a closed policy period.
 */
export async function loadPlansForFollowUp(db: Db, tenantIds: string[]) {
  const tenants = sql<string>`any(${tenantIds}::text[])`;
  const rows = await db
    .selectFrom('measurementPlan as mp')
    .innerJoin('trajectory as t', (j) => j.onRef('t.tenantId', '=', 'mp.tenantId').onRef('t.id', '=', 'mp.trajectoryId'))
    .select((eb) => [
      'mp.tenantId',
      'mp.id',
      'mp.trajectoryId',
      'mp.measurerId',
      'mp.frequency',
      'mp.nextDueOn',
      sql<string>`to_char(mp.created_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD')`.as('createdOn'),
      eb
        .selectFrom('measurement as m')
        .select((m) => m.fn.max('m.measuredOn').as('last'))
        .whereRef('m.tenantId', '=', 'mp.tenantId')
        .whereRef('m.indicatorId', '=', 'mp.indicatorId')
        .as('lastMeasuredOn'),
    ])
    .where('mp.tenantId', '=', tenants)
    .where('mp.measurerId', 'is not', null)
    .where('t.closedAt', 'is', null)
    .execute();
  return rows.map((r) => ({ ...r, measurerId: r.measurerId!, lastMeasuredOn: (r.lastMeasuredOn as string | null) ?? null }));
}
