import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The facts the overview's rules work on; every query is scoped by tenant and trajectory. */
export async function loadOverviewFacts(db: Db, tenantId: string, trajectoryId: string, now: Date) {
  const [domains, actions, objectives, bodies, upcoming, lastSteering, people] = await Promise.all([
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
  ]);
  return { domains, actions, objectives, bodies, upcoming, lastSteeringMeeting: (lastSteering?.lastMet as Date | null | undefined) ?? null, people };
}

export type OverviewFacts = Awaited<ReturnType<typeof loadOverviewFacts>>;
