import { sql } from 'kysely';
import type { Db } from '../db/database';
import { openStatuses } from '../shared/enums';
import { TIME_ZONE } from '../shared/time';
import type { FollowUpState } from './follow-up-table';
import type { Occasion, PlanningFacts, ReminderLevel } from './planner';

export async function listTenantIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('tenant').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Everything the planner needs for one tenant, in four small queries. */
export async function loadPlanningFacts(db: Db, tenantId: string, today: string, horizon: string): Promise<PlanningFacts> {
  const [trajectories, actions, people, meetings] = await Promise.all([
    db.selectFrom('trajectory').select(['id', 'reminderDaysBefore']).where('tenantId', '=', tenantId).execute(),
    db
      .selectFrom('action')
      .select(['id', 'trajectoryId', 'ownerId', 'dueDate', 'status'])
      .where('tenantId', '=', tenantId)
      .where('ownerId', 'is not', null)
      .where('status', 'in', [...openStatuses])
      .execute(),
    db.selectFrom('person').select(['id', 'reminders']).where('tenantId', '=', tenantId).where('reminders', '<>', 'normal').execute(),
    db
      .selectFrom('meeting')
      .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
      .select(['meeting.id', 'meeting.trajectoryId', sql<string>`to_char(meeting.starts_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD')`.as('date')])
      .where('meeting.tenantId', '=', tenantId)
      .where('body.kind', '=', 'steering_group')
      .where('meeting.state', 'in', ['planned', 'agenda_sent'])
      .where(sql<boolean>`(meeting.starts_at at time zone ${TIME_ZONE})::date between ${today}::date and ${horizon}::date`)
      .execute(),
  ]);
  return {
    trajectories,
    actions: actions.map((a) => ({ ...a, ownerId: a.ownerId! })),
    reminders: new Map(people.map((p) => [p.id, p.reminders as ReminderLevel])),
    meetings,
  };
}

/** Adds occasions to the sent log; an occasion already there (sent or not) is left alone. */
export async function insertOccasions(db: Db, tenantId: string, occasions: Occasion[], notBefore: Date): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < occasions.length; i += 500) {
    const chunk = occasions.slice(i, i + 500);
    const result = await db
      .insertInto('followUp')
      .values(chunk.map((o) => ({ tenantId, ...o, notBefore })))
      .onConflict((oc) => oc.columns(['tenantId', 'personId', 'subjectId', 'occasion']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export interface Caps {
  /** Messages per person per Brussels day ('normal'). */
  perDay: number;
  dayStart: Date;
  /** 'reduced': one message in the last seven days. */
  weekStart: Date;
}

/**
 * Claims the next reminder of a tenant that may go out now: pending, due, and its person under
 * their daily (or weekly) cap. The claim commits before anything is sent (state 'sending'), so
 * a second worker can never pick the same row, and a crash leaves a trace instead of a resend.
 * A per-tenant advisory lock makes the cap exact even with two dispatchers.
 */
export async function claimNext(db: Db, tenantId: string, now: Date, workerId: string, caps: Caps) {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('kansrijk.follow-up'), hashtext(${tenantId}))`.execute(trx);
    const picked = await sql<{ id: string }>`
      update follow_up f set state = 'sending', claimed_at = ${now}, claimed_by = ${workerId}, attempts = f.attempts + 1
      from (
        select c.tenant_id, c.id from follow_up c
        join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
        where c.tenant_id = ${tenantId} and c.state = 'pending' and c.not_before <= ${now}
          and (
            select count(*) from follow_up s
            where s.tenant_id = c.tenant_id and s.person_id = c.person_id and s.state in ('sending', 'sent', 'uncertain')
              and s.claimed_at >= case when p.reminders = 'reduced' then ${caps.weekStart}::timestamptz else ${caps.dayStart}::timestamptz end
          ) < case when p.reminders = 'reduced' then 1 else ${caps.perDay} end
        order by c.priority, c.not_before, c.id
        limit 1
        for update of c skip locked
      ) pick
      where f.tenant_id = pick.tenant_id and f.id = pick.id
      returning f.id`.execute(trx);
    const id = picked.rows[0]?.id;
    if (!id) return undefined;
    return trx.selectFrom('followUp').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirstOrThrow();
  });
}

export type ClaimedRow = NonNullable<Awaited<ReturnType<typeof claimNext>>>;

/** The facts a claimed reminder is checked against right before it goes out. */
export async function loadClaimState(db: Db, row: ClaimedRow) {
  const person = await db.selectFrom('person').select('reminders').where('tenantId', '=', row.tenantId).where('id', '=', row.personId).executeTakeFirst();
  const action = row.actionId
    ? await db
        .selectFrom('action')
        .innerJoin('trajectory', (j) => j.onRef('trajectory.tenantId', '=', 'action.tenantId').onRef('trajectory.id', '=', 'action.trajectoryId'))
        .select(['action.status', 'action.dueDate', 'action.ownerId', 'trajectory.reminderDaysBefore as daysBefore'])
        .where('action.tenantId', '=', row.tenantId)
        .where('action.id', '=', row.actionId)
        .executeTakeFirst()
    : undefined;
  const meeting = row.meetingId
    ? await db
        .selectFrom('meeting')
        .select(['state', sql<string>`to_char(starts_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD')`.as('date')])
        .where('tenantId', '=', row.tenantId)
        .where('id', '=', row.meetingId)
        .executeTakeFirst()
    : undefined;
  return { reminders: (person?.reminders ?? 'off') as ReminderLevel, action, meeting };
}

export async function finishFollowUp(
  db: Db,
  tenantId: string,
  id: string,
  state: Exclude<FollowUpState, 'pending' | 'sending'>,
  fields: { detail?: string | null; activityId?: string | null; conversationId?: string | null; sentAt?: Date | null } = {},
): Promise<void> {
  await db
    .updateTable('followUp')
    .set({ state, ...fields })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}

/** Nothing left this machine: back in the queue for later (a refused connection, a long throttle). */
export async function releaseFollowUp(db: Db, tenantId: string, id: string, notBefore: Date, detail: string): Promise<void> {
  await db
    .updateTable('followUp')
    .set({ state: 'pending', notBefore, detail, claimedAt: null, claimedBy: null })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .execute();
}

/**
 * A row still 'sending' long after its claim belongs to a worker that died mid-send. Whether
 * Teams got the message is unknowable (the connector has no lookup), so it is marked
 * 'uncertain' and never sent again: at most once.
 */
export async function markStaleAsUncertain(db: Db, claimedBefore: Date): Promise<number> {
  const result = await db
    .updateTable('followUp')
    .set({ state: 'uncertain', detail: 'the worker stopped while sending; not resent (at most once)' })
    .where('state', '=', 'sending')
    .where('claimedAt', '<', claimedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Tenants with reminders ready to go out, most work first. */
export async function tenantsWithReadyWork(db: Db, now: Date): Promise<{ tenantId: string; ready: number }[]> {
  const rows = await db
    .selectFrom('followUp')
    .select(['tenantId', sql<number>`count(*)::int`.as('ready')])
    .where('state', '=', 'pending')
    .where('notBefore', '<=', now)
    .groupBy('tenantId')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  return rows;
}
