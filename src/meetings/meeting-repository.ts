import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { AgendaItemTable, MeetingTable } from './meeting-table';

/*
 * SQL only. Every statement filters by tenant first and, where the row belongs to one, by
 * trajectory or meeting; callers decide permissions in the service.
 */

export type MeetingRow = Selectable<MeetingTable>;
export type AgendaItemRow = Selectable<AgendaItemTable>;

export async function findMeeting(db: Db, tenantId: string, id: string, forUpdate = false) {
  let q = db
    .selectFrom('meeting')
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
    .selectAll('meeting')
    .select(['body.name as bodyName', 'body.kind as bodyKind', 'body.domainId as bodyDomainId', 'body.channelId as bodyChannelId'])
    .where('meeting.tenantId', '=', tenantId)
    .where('meeting.id', '=', id);
  if (forUpdate) q = q.forUpdate('meeting');
  return q.executeTakeFirst();
}
export type FoundMeeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** The trajectory's meetings, each with its counts and the caller's place in it, in one statement. */
export async function listMeetings(db: Db, tenantId: string, trajectoryId: string, filter: { bodyId?: string | undefined; from?: string | undefined; to?: string | undefined }, personId: string | null) {
  let q = db
    .selectFrom('meeting')
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
    .selectAll('meeting')
    .select(['body.name as bodyName', 'body.kind as bodyKind', 'body.domainId as bodyDomainId', 'body.channelId as bodyChannelId'])
    .select((eb) => [
      eb.selectFrom('agendaItem').whereRef('agendaItem.tenantId', '=', 'meeting.tenantId').whereRef('agendaItem.meetingId', '=', 'meeting.id').select(eb.fn.countAll<string>().as('n')).as('agendaCount'),
      eb.selectFrom('meetingAttendee').whereRef('meetingAttendee.tenantId', '=', 'meeting.tenantId').whereRef('meetingAttendee.meetingId', '=', 'meeting.id').select(eb.fn.countAll<string>().as('n')).as('attendeeCount'),
      sql<boolean>`exists (select 1 from meeting_attendee a where a.tenant_id = meeting.tenant_id and a.meeting_id = meeting.id and a.person_id = ${personId}::uuid)`.as('isAttendee'),
      sql<boolean>`exists (
        select 1 from meeting_attendee a
        join person p on p.tenant_id = a.tenant_id and p.id = a.person_id
        join membership ms on ms.tenant_id = a.tenant_id and ms.person_id = a.person_id and ms.body_id = meeting.body_id and ms.role = 'parent'
        where a.tenant_id = meeting.tenant_id and a.meeting_id = meeting.id and p.trusted_person_id = ${personId}::uuid)`.as('trustsParent'),
    ])
    .where('meeting.tenantId', '=', tenantId)
    .where('meeting.trajectoryId', '=', trajectoryId);
  if (filter.bodyId) q = q.where('meeting.bodyId', '=', filter.bodyId);
  if (filter.from) q = q.where('meeting.endsAt', '>=', new Date(filter.from));
  if (filter.to) q = q.where('meeting.startsAt', '<', new Date(filter.to));
  return q.orderBy('meeting.startsAt').orderBy('meeting.id').execute();
}

export async function findBody(db: Db, tenantId: string, bodyId: string) {
  return db.selectFrom('body').selectAll().where('tenantId', '=', tenantId).where('id', '=', bodyId).executeTakeFirst();
}

export async function insertMeeting(db: Db, values: Insertable<MeetingTable>): Promise<MeetingRow> {
  return db.insertInto('meeting').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateMeeting(db: Db, tenantId: string, id: string, values: Updateable<MeetingTable>): Promise<MeetingRow> {
  return db
    .updateTable('meeting')
    .set({ ...values, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteMeeting(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('meeting').where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

/** The body's members become the attendees (once each, whatever roles they hold in it). */
export async function addBodyMembersAsAttendees(db: Db, tenantId: string, meetingId: string, bodyId: string): Promise<void> {
  await sql`
    insert into meeting_attendee (tenant_id, meeting_id, person_id)
    select distinct m.tenant_id, ${meetingId}::uuid, m.person_id from membership m
    where m.tenant_id = ${tenantId} and m.body_id = ${bodyId}::uuid
    on conflict do nothing`.execute(db);
}

export async function listAttendees(db: Db, tenantId: string, meetingId: string) {
  return db
    .selectFrom('meetingAttendee as a')
    .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'a.tenantId').onRef('p.id', '=', 'a.personId'))
    .leftJoin('person as t', (j) => j.onRef('t.tenantId', '=', 'p.tenantId').onRef('t.id', '=', 'p.trustedPersonId'))
    .select([
      'a.personId',
      'a.response',
      'a.attendance',
      'a.checkedInAt',
      'a.checkedInBy',
      'a.checkInNote',
      'p.displayName',
      'p.email',
      'p.phone',
      'p.entraObjectId',
      'p.trustedPersonId',
      't.displayName as trustedPersonName',
      'p.contactPreference',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('membership as m')
            .innerJoin('meeting as mt', (j) => j.onRef('mt.tenantId', '=', 'm.tenantId').onRef('mt.bodyId', '=', 'm.bodyId'))
            .whereRef('m.tenantId', '=', 'a.tenantId')
            .whereRef('m.personId', '=', 'a.personId')
            .whereRef('mt.id', '=', 'a.meetingId')
            .where('m.role', '=', 'parent')
            .select('m.id'),
        )
        .as('isParent'),
    )
    .where('a.tenantId', '=', tenantId)
    .where('a.meetingId', '=', meetingId)
    .orderBy('p.displayName')
    .execute();
}
export type AttendeeRow = Awaited<ReturnType<typeof listAttendees>>[number];

export async function updateAttendee(
  db: Db,
  tenantId: string,
  meetingId: string,
  personId: string,
  values: { response?: string; attendance?: string; checkedInBy?: string | null; checkedInAt?: Date | null; checkInNote?: string },
): Promise<boolean> {
  const r = await db
    .updateTable('meetingAttendee')
    .set({ ...values, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('meetingId', '=', meetingId)
    .where('personId', '=', personId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function addAttendee(db: Db, tenantId: string, meetingId: string, personId: string): Promise<void> {
  await db.insertInto('meetingAttendee').values({ tenantId, meetingId, personId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeAttendee(db: Db, tenantId: string, meetingId: string, personId: string): Promise<boolean> {
  const r = await db.deleteFrom('meetingAttendee').where('tenantId', '=', tenantId).where('meetingId', '=', meetingId).where('personId', '=', personId).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function listAgendaItems(db: Db, tenantId: string, meetingId: string) {
  return db
    .selectFrom('agendaItem as i')
    .leftJoin('person as pr', (j) => j.onRef('pr.tenantId', '=', 'i.tenantId').onRef('pr.id', '=', 'i.presenterId'))
    .leftJoin('person as pb', (j) => j.onRef('pb.tenantId', '=', 'i.tenantId').onRef('pb.id', '=', 'i.proposedBy'))
    .leftJoin('domain as d', (j) => j.onRef('d.tenantId', '=', 'i.tenantId').onRef('d.id', '=', 'i.domainId'))
    .selectAll('i')
    .select(['pr.displayName as presenterName', 'pb.displayName as proposedByName', 'd.name as domainName'])
    .where('i.tenantId', '=', tenantId)
    .where('i.meetingId', '=', meetingId)
    .orderBy('i.position')
    .orderBy('i.createdAt')
    .execute();
}
export type AgendaItemListRow = Awaited<ReturnType<typeof listAgendaItems>>[number];

export async function findAgendaItem(db: Db, tenantId: string, id: string) {
  return db.selectFrom('agendaItem').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function insertAgendaItem(db: Db, values: Omit<Insertable<AgendaItemTable>, 'position'>): Promise<AgendaItemRow> {
  // Appended at the end, numbered in the same statement so two proposals never share a place.
  return db
    .insertInto('agendaItem')
    .values({
      ...values,
      position: sql<number>`(select coalesce(max(position) + 1, 0) from agenda_item where tenant_id = ${values.tenantId} and meeting_id = ${values.meetingId}::uuid)`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAgendaItem(db: Db, tenantId: string, id: string, values: Updateable<AgendaItemTable>): Promise<AgendaItemRow> {
  return db
    .updateTable('agendaItem')
    .set({ ...values, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteAgendaItem(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('agendaItem').where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

export async function reorderAgendaItems(db: Db, tenantId: string, meetingId: string, ids: readonly string[]): Promise<void> {
  await sql`
    update agenda_item i set position = o.ord - 1, updated_at = now()
    from unnest(${ids}::uuid[]) with ordinality as o(id, ord)
    where i.tenant_id = ${tenantId} and i.meeting_id = ${meetingId}::uuid and i.id = o.id`.execute(db);
}

/** Where links from an agenda item may point: rows of this trajectory only. */
export async function findPlanRefs(db: Db, tenantId: string, trajectoryId: string, refs: { domainId?: string | null; operationalObjectiveId?: string | null; actionId?: string | null }) {
  const [domain, objective, action] = await Promise.all([
    refs.domainId ? db.selectFrom('domain').select('id').where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).where('id', '=', refs.domainId).executeTakeFirst() : undefined,
    refs.operationalObjectiveId
      ? db.selectFrom('operationalObjective').select(['id', 'domainId']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).where('id', '=', refs.operationalObjectiveId).executeTakeFirst()
      : undefined,
    refs.actionId ? db.selectFrom('action').select(['id', 'domainId']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).where('id', '=', refs.actionId).executeTakeFirst() : undefined,
  ]);
  return { domain, objective, action };
}

/** Who may be named in a meeting (presenter, attendee): people who take part in the trajectory. */
export async function personTakesPart(db: Db, tenantId: string, trajectoryId: string, personId: string): Promise<boolean> {
  const row = await sql<{ ok: boolean }>`
    select exists (
      select 1 from membership m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
      where m.tenant_id = ${tenantId} and m.person_id = ${personId}::uuid and b.trajectory_id = ${trajectoryId}::uuid
      union all
      select 1 from action a where a.tenant_id = ${tenantId} and a.owner_id = ${personId}::uuid and a.trajectory_id = ${trajectoryId}::uuid
      union all
      select 1 from person p where p.tenant_id = ${tenantId} and p.id = ${personId}::uuid and p.home_trajectory_id = ${trajectoryId}::uuid
    ) as ok`.execute(db);
  return row.rows[0]?.ok ?? false;
}

/**
 * Per active domain: its work group's chair and the state of its actions, for the steering
 * group's agenda (every work group reports at each steering-group meeting).
 */
export async function domainProgress(db: Db, tenantId: string, trajectoryId: string, since: Date) {
  const rows = await sql<{
    domainId: string;
    name: string;
    chairId: string | null;
    chairName: string | null;
    done: string;
    inProgress: string;
    overdue: string;
    total: string;
    indicatorsMoved: string;
  }>`
    select d.id as domain_id, d.name,
      (select p.id from body b join membership m on m.tenant_id = b.tenant_id and m.body_id = b.id and m.role = 'chair'
         join person p on p.tenant_id = m.tenant_id and p.id = m.person_id
       where b.tenant_id = d.tenant_id and b.domain_id = d.id and b.kind = 'work_group' order by p.display_name limit 1) as chair_id,
      (select p.display_name from body b join membership m on m.tenant_id = b.tenant_id and m.body_id = b.id and m.role = 'chair'
         join person p on p.tenant_id = m.tenant_id and p.id = m.person_id
       where b.tenant_id = d.tenant_id and b.domain_id = d.id and b.kind = 'work_group' order by p.display_name limit 1) as chair_name,
      count(a.id) filter (where a.status = 'done') as done,
      count(a.id) filter (where a.status = 'in_progress') as in_progress,
      count(a.id) filter (where a.status not in ('done', 'dropped') and a.due_date < (now() at time zone 'Europe/Brussels')::date) as overdue,
      count(a.id) as total,
      (select count(distinct i.id) from indicator i
         join action ia on ia.tenant_id = i.tenant_id and ia.id = i.action_id
         join measurement ms on ms.tenant_id = i.tenant_id and ms.indicator_id = i.id
       where i.tenant_id = d.tenant_id and ia.domain_id = d.id and ms.created_at >= ${since}) as indicators_moved
    from domain d
    left join action a on a.tenant_id = d.tenant_id and a.domain_id = d.id
    where d.tenant_id = ${tenantId} and d.trajectory_id = ${trajectoryId}::uuid and d.state = 'active'
    group by d.tenant_id, d.id, d.name, d.position
    order by d.position, d.name`.execute(db);
  return rows.rows.map((r) => ({
    domainId: r.domainId,
    name: r.name,
    chairId: r.chairId,
    chairName: r.chairName,
    done: Number(r.done),
    inProgress: Number(r.inProgress),
    overdue: Number(r.overdue),
    total: Number(r.total),
    indicatorsMoved: Number(r.indicatorsMoved),
  }));
}

/** The trajectory's aldermen: they receive all minutes (the roadmap). */
export async function listAldermen(db: Db, tenantId: string, trajectoryId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('body as b', (j) => j.onRef('b.tenantId', '=', 'm.tenantId').onRef('b.id', '=', 'm.bodyId'))
    .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'm.tenantId').onRef('p.id', '=', 'm.personId'))
    .select(['p.id', 'p.displayName', 'p.email'])
    .distinct()
    .where('m.tenantId', '=', tenantId)
    .where('b.trajectoryId', '=', trajectoryId)
    .where('m.role', '=', 'alderman')
    .execute();
}

export async function setActionMeeting(db: Db, tenantId: string, actionId: string, meetingId: string, agendaItemId: string | null): Promise<void> {
  await db.updateTable('action').set({ meetingId, agendaItemId }).where('tenantId', '=', tenantId).where('id', '=', actionId).execute();
}

export async function listActionsOfMeeting(db: Db, tenantId: string, meetingId: string) {
  return db
    .selectFrom('action as a')
    .leftJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'a.tenantId').onRef('p.id', '=', 'a.ownerId'))
    .select(['a.id', 'a.title', 'a.dueDate', 'a.ownerId', 'p.displayName as ownerName', 'a.operationalObjectiveId', 'a.status', 'a.agendaItemId'])
    .where('a.tenantId', '=', tenantId)
    .where('a.meetingId', '=', meetingId)
    .orderBy('a.createdAt')
    .execute();
}

/** The body's chair (membership role chair), for the minutes and the approval card. */
export async function findBodyChair(db: Db, tenantId: string, bodyId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'm.tenantId').onRef('p.id', '=', 'm.personId'))
    .select(['p.id', 'p.displayName', 'p.email', 'p.entraObjectId'])
    .where('m.tenantId', '=', tenantId)
    .where('m.bodyId', '=', bodyId)
    .where('m.role', '=', 'chair')
    .orderBy('p.displayName')
    .executeTakeFirst();
}

export async function findPersonBrief(db: Db, tenantId: string, personId: string) {
  return db.selectFrom('person').select(['id', 'displayName', 'email']).where('tenantId', '=', tenantId).where('id', '=', personId).executeTakeFirst();
}

/** How many meetings of this body are planned in all: parents ask how often they are expected. */
export async function countBodyMeetings(db: Db, tenantId: string, bodyId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenantId', '=', tenantId)
    .where('bodyId', '=', bodyId)
    .where('state', '!=', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setGraphEvent(db: Db, tenantId: string, meetingId: string, values: { graphEventId: string | null; onlineJoinUrl?: string }): Promise<void> {
  await db.updateTable('meeting').set(values).where('tenantId', '=', tenantId).where('id', '=', meetingId).execute();
}

/**
 * What the body's parents have shown they can make: how often they came to day and to evening
 * meetings. Counts only, never who.
 */
export async function parentsDayPartAttendance(db: Db, tenantId: string, bodyId: string) {
  const rows = await sql<{ dayPart: string; n: string }>`
    select mt.day_part, count(*) as n
    from meeting_attendee a
    join meeting mt on mt.tenant_id = a.tenant_id and mt.id = a.meeting_id
    join membership m on m.tenant_id = a.tenant_id and m.person_id = a.person_id and m.body_id = ${bodyId}::uuid and m.role = 'parent'
    where a.tenant_id = ${tenantId} and a.attendance = 'present'
    group by mt.day_part`.execute(db);
  const of = (part: string) => Number(rows.rows.find((r) => r.dayPart === part)?.n ?? 0);
  return { day: of('day'), evening: of('evening') };
}

export async function listBodyMembersWithAddress(db: Db, tenantId: string, bodyId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'm.tenantId').onRef('p.id', '=', 'm.personId'))
    .select(['p.displayName', 'p.email'])
    .distinct()
    .where('m.tenantId', '=', tenantId)
    .where('m.bodyId', '=', bodyId)
    .where('p.email', 'is not', null)
    .execute();
}
