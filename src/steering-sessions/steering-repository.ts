import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { SessionNumber } from './steering-templates';

/** The stored sessions of a trajectory (those never touched are simply absent). */
export async function listSessions(db: Db, tenantId: string, trajectoryId: string) {
  return db
    .selectFrom('steeringSession')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .orderBy('number')
    .execute();
}

/** The session row, created empty when it is not stored yet, and locked for the change. */
export async function lockSession(db: Db, tenantId: string, trajectoryId: string, number: SessionNumber) {
  const created = await db
    .insertInto('steeringSession')
    .values({ tenantId, trajectoryId, number })
    .onConflict((oc) => oc.columns(['tenantId', 'trajectoryId', 'number']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const row = await db
    .selectFrom('steeringSession')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { row, created: Boolean(created) };
}

export async function updateSession(
  db: Db,
  tenantId: string,
  id: string,
  values: { heldOn: string | null; meetingId: string | null; answers: Record<string, string> },
) {
  return db
    .updateTable('steeringSession')
    .set({ heldOn: values.heldOn, meetingId: values.meetingId, answers: JSON.stringify(values.answers), updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

const meetingColumns = ['meeting.id', 'meeting.title', 'meeting.startsAt', 'meeting.state'] as const;

/** The meetings of the trajectory's steering group, the only ones a session may be linked to. */
export async function listSteeringMeetings(db: Db, tenantId: string, trajectoryId: string) {
  return db
    .selectFrom('meeting')
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
    .select(meetingColumns)
    .where('meeting.tenantId', '=', tenantId)
    .where('meeting.trajectoryId', '=', trajectoryId)
    .where('body.kind', '=', 'steering_group')
    .orderBy('meeting.startsAt')
    .execute();
}

export async function findSteeringMeeting(db: Db, tenantId: string, trajectoryId: string, meetingId: string) {
  return db
    .selectFrom('meeting')
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
    .select(meetingColumns)
    .where('meeting.tenantId', '=', tenantId)
    .where('meeting.trajectoryId', '=', trajectoryId)
    .where('meeting.id', '=', meetingId)
    .where('body.kind', '=', 'steering_group')
    .executeTakeFirst();
}

/**
 * Everyone in the trajectory's steering group (once, whatever their number of memberships),
 * with what sending the homework needs: a sign-in, their reminder level, their trusted
 * person, whether the card went out and their answer.
 */
export async function listSteeringMembers(db: Db, tenantId: string, trajectoryId: string) {
  const { rows } = await sql<{
    personId: string;
    displayName: string;
    roles: string[];
    hasSignIn: boolean;
    reminders: string;
    trustedPersonName: string | null;
    sentState: string | null;
    sentAt: Date | null;
    caseText: string | null;
    dreamText: string | null;
    answeredAt: Date | null;
  }>`
    select p.id as person_id, p.display_name, m.roles, p.entra_object_id is not null as has_sign_in, p.reminders,
           tp.display_name as trusted_person_name,
           f.state as sent_state, f.sent_at,
           a.case_text, a.dream_text, a.updated_at as answered_at
    from (
      select m.person_id, array_agg(distinct m.role order by m.role) as roles
      from membership m
      join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
      where m.tenant_id = ${tenantId} and b.trajectory_id = ${trajectoryId} and b.kind = 'steering_group'
      group by m.person_id
    ) m
    join person p on p.tenant_id = ${tenantId} and p.id = m.person_id
    left join person tp on tp.tenant_id = p.tenant_id and tp.id = p.trusted_person_id
    left join follow_up f on f.tenant_id = p.tenant_id and f.person_id = p.id and f.subject_id = ${trajectoryId}::uuid and f.kind = 'homework'
    left join steering_homework_answer a on a.tenant_id = p.tenant_id and a.trajectory_id = ${trajectoryId}::uuid and a.person_id = p.id
    order by p.display_name, p.id`.execute(db);
  return rows;
}

export type SteeringMemberRow = Awaited<ReturnType<typeof listSteeringMembers>>[number];

export async function isSteeringMember(db: Db, tenantId: string, trajectoryId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership')
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
    .select('membership.id')
    .where('membership.tenantId', '=', tenantId)
    .where('membership.personId', '=', personId)
    .where('body.trajectoryId', '=', trajectoryId)
    .where('body.kind', '=', 'steering_group')
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

export async function findHomeworkAnswer(db: Db, tenantId: string, trajectoryId: string, personId: string, forUpdate = false) {
  let query = db
    .selectFrom('steeringHomeworkAnswer')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('personId', '=', personId);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function upsertHomeworkAnswer(db: Db, tenantId: string, trajectoryId: string, personId: string, values: { caseText: string; dreamText: string }) {
  return db
    .insertInto('steeringHomeworkAnswer')
    .values({ tenantId, trajectoryId, personId, ...values })
    .onConflict((oc) => oc.columns(['tenantId', 'trajectoryId', 'personId']).doUpdateSet({ ...values, updatedAt: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The trajectory's name, for the card's heading. */
export async function findTrajectoryName(db: Db, tenantId: string, trajectoryId: string) {
  const row = await db.selectFrom('trajectory').select(['name']).where('tenantId', '=', tenantId).where('id', '=', trajectoryId).executeTakeFirst();
  return row?.name;
}
