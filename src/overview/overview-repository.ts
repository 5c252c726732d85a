import { sql } from 'kysely';
import type { Db } from '../db/database';
import { brusselsDate } from '../shared/time';
import { loadSteeringFacts } from '../steering-sessions/steering-facts';

/** The facts the overview's rules work on; every query is scoped by tenant and trajectory. */
export async function loadOverviewFacts(db: Db, tenantId: string, trajectoryId: string, now: Date) {
  const [domains, actions, objectives, bodies, upcoming, lastSteering, people, indicators, initiatives, steeringSessions, nextPerBody] = await Promise.all([
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
        'action.startDate',
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
      // A cancelled meeting was never held: it must not count as the steering group having met.
      .where('meeting.state', '!=', 'cancelled')
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
        'indicator.target',
        'indicator.unit',
        'indicator.name',
        sql<number | null>`(array_agg(measurement.value order by measurement.measured_on desc, measurement.created_at desc) filter (where measurement.id is not null))[1]`.as('latestValue'),
        'mp.id as planId',
        'mp.frequency as planFrequency',
        'mp.nextDueOn as planNextDueOn',
        sql<string | null>`to_char(mp.created_at at time zone 'Europe/Brussels', 'YYYY-MM-DD')`.as('planCreatedOn'),
        eb.fn.count<number>('measurement.id').as('measurements'),
        eb.fn.max('measurement.measuredOn').as('lastMeasuredOn'),
      ])
      .where('indicator.tenantId', '=', tenantId)
      .where('indicator.trajectoryId', '=', trajectoryId)
      .groupBy(['indicator.id', 'indicator.actionId', 'indicator.kind', 'indicator.baseline', 'indicator.target', 'indicator.unit', 'indicator.name', 'mp.id', 'mp.frequency', 'mp.nextDueOn', 'mp.createdAt'])
      .execute(),
    db
      .selectFrom('initiative')
      .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .groupBy('state')
      .execute(),
    loadSteeringFacts(db, tenantId, trajectoryId),
    // Each body's next meeting (the five above may all be other bodies').
    db
      .selectFrom('meeting')
      .distinctOn('meeting.bodyId')
      .select(['meeting.bodyId', 'meeting.id', 'meeting.title', 'meeting.startsAt'])
      .where('meeting.tenantId', '=', tenantId)
      .where('meeting.trajectoryId', '=', trajectoryId)
      .where('meeting.endsAt', '>=', now)
      .where('meeting.state', '!=', 'cancelled')
      .orderBy('meeting.bodyId')
      .orderBy('meeting.startsAt')
      .execute(),
  ]);
  // One answer to "when did the steering group last meet", for the warnings and the phases alike:
  // a held meeting of the steering group, or one of its first three sessions recorded as held.
  const today = brusselsDate(now);
  const heldSessions = steeringSessions.filter((s) => s.heldOn !== null && s.heldOn <= today).map((s) => new Date(`${s.heldOn}T12:00:00Z`));
  const lastMeeting = (lastSteering?.lastMet as Date | null | undefined) ?? null;
  const lastSteeringMeeting = [lastMeeting, ...heldSessions].reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);
  return {
    domains,
    actions,
    objectives,
    bodies,
    upcoming,
    lastSteeringMeeting,
    nextMeetingByBody: new Map(nextPerBody.map((m) => [m.bodyId, { id: m.id, title: m.title, startsAt: m.startsAt }])),
    /** The first three steering-group sessions; a session dated after today is not held yet. */
    steeringSessions: steeringSessions.map((s) => ({ number: s.number, heldOn: s.heldOn !== null && s.heldOn <= today ? s.heldOn : null })),
    people,
    indicators: indicators.map((i) => ({
      ...i,
      lastMeasuredOn: (i.lastMeasuredOn as string | null) ?? null,
      latestValue: i.latestValue === null ? null : Number(i.latestValue),
    })),
    initiativesByState: Object.fromEntries(initiatives.map((i) => [i.state, Number(i.count)])) as Record<string, number>,
  };
}

export type OverviewFacts = Awaited<ReturnType<typeof loadOverviewFacts>>;
