import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The facts the overview's rules work on; every query is scoped by tenant and trajectory. */
export async function loadOverviewFacts(db: Db, tenantId: string, trajectoryId: string, now: Date) {
  const [domains, actions, objectives, bodies, upcoming, lastSteering, people, indicators, initiatives] = await Promise.all([
    db
      .selectFrom('domain')
      .select(['id', 'name', 'approach', 'state'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('action')
      .select((eb) => [
        'action.id',
        'action.title',
        'action.status',
        'action.ownerId',
        'action.dueDate',
        'action.domainId',
        'action.operationalObjectiveId',
        eb
          .exists(
            eb
              .selectFrom('indicator')
              .select('indicator.id')
              .whereRef('indicator.tenantId', '=', 'action.tenantId')
              .whereRef('indicator.actionId', '=', 'action.id')
              .where('indicator.kind', '=', 'outcome'),
          )
          .as('hasOutcomeIndicator'),
      ])
      .where('action.tenantId', '=', tenantId)
      .where('action.trajectoryId', '=', trajectoryId)
      .orderBy(sql`action.due_date asc nulls last`)
      .orderBy('action.title')
      .execute(),
    db
      .selectFrom('operationalObjective')
      .select(['id', 'title', 'domainId', 'smartSpecific', 'smartMeasurable', 'smartAgreed', 'smartRealistic', 'smartTimeBound'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('body')
      .leftJoin('membership', (j) => j.onRef('membership.tenantId', '=', 'body.tenantId').onRef('membership.bodyId', '=', 'body.id'))
      .select((eb) => [
        'body.id',
        'body.kind',
        'body.name',
        'body.domainId',
        eb.fn.count<number>(sql`distinct case when membership.role = 'parent' then membership.person_id end`).as('parents'),
        eb.fn.count<number>(sql`distinct case when membership.role = 'chair' then membership.person_id end`).as('chairs'),
        eb.fn.count<number>(sql`distinct membership.person_id`).as('members'),
        sql<string[]>`coalesce(array_agg(distinct membership.role) filter (where membership.role is not null), '{}')`.as('roles'),
      ])
      .where('body.tenantId', '=', tenantId)
      .where('body.trajectoryId', '=', trajectoryId)
      .groupBy(['body.id', 'body.kind', 'body.name', 'body.domainId'])
      .orderBy('body.kind')
      .orderBy('body.name')
      .execute(),
    db
      .selectFrom('meeting')
      .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
      .select([
        'meeting.id',
        'meeting.title',
        'meeting.startsAt',
        'meeting.endsAt',
        'meeting.location',
        'meeting.online',
        'meeting.dayPart',
        'meeting.state',
        'meeting.bodyId',
        'body.name as bodyName',
        'body.kind as bodyKind',
      ])
      .where('meeting.tenantId', '=', tenantId)
      .where('meeting.trajectoryId', '=', trajectoryId)
      .where('meeting.endsAt', '>=', now)
      .orderBy('meeting.startsAt')
      .limit(5)
      .execute(),
    db
      .selectFrom('meeting')
      .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
      .select((eb) => eb.fn.max('meeting.startsAt').as('lastMet'))
      .where('meeting.tenantId', '=', tenantId)
      .where('meeting.trajectoryId', '=', trajectoryId)
      .where('body.kind', '=', 'steering_group')
      .where('meeting.startsAt', '<=', now)
      .executeTakeFirst(),
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
    // Per indicator, whether the evaluation has what it needs: a baseline and measurements.
    db
      .selectFrom('indicator')
      .leftJoin('measurement', (j) => j.onRef('measurement.tenantId', '=', 'indicator.tenantId').onRef('measurement.indicatorId', '=', 'indicator.id'))
      // At most one plan per indicator (unique), so the join keeps one row per measurement.
      .leftJoin('measurementPlan as mp', (j) => j.onRef('mp.tenantId', '=', 'indicator.tenantId').onRef('mp.indicatorId', '=', 'indicator.id'))
      .select((eb) => [
        'indicator.id',
        'indicator.actionId',
        'indicator.kind',
        'indicator.baseline',
        'indicator.name',
        'mp.id as planId',
        'mp.frequency as planFrequency',
        'mp.nextDueOn as planNextDueOn',
        sql<string | null>`to_char(mp.created_at at time zone 'Europe/Brussels', 'YYYY-MM-DD')`.as('planCreatedOn'),
        eb.fn.count<number>('measurement.id').as('measurements'),
        eb.fn.max('measurement.measuredOn').as('lastMeasuredOn'),
      ])
      .where('indicator.tenantId', '=', tenantId)
      .where('indicator.trajectoryId', '=', trajectoryId)
      .groupBy(['indicator.id', 'indicator.actionId', 'indicator.kind', 'indicator.baseline', 'indicator.name', 'mp.id', 'mp.frequency', 'mp.nextDueOn', 'mp.createdAt'])
      .execute(),
    db
      .selectFrom('initiative')
      .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .groupBy('state')
      .execute(),
  ]);
  return {
    domains,
    actions,
    objectives,
    bodies,
    upcoming,
    lastSteeringMeeting: (lastSteering?.lastMet as Date | null | undefined) ?? null,
    people,
    indicators: indicators.map((i) => ({ ...i, lastMeasuredOn: (i.lastMeasuredOn as string | null) ?? null })),
    initiativesByState: Object.fromEntries(initiatives.map((i) => [i.state, Number(i.count)])) as Record<string, number>,
  };
}

export type OverviewFacts = Awaited<ReturnType<typeof loadOverviewFacts>>;
