import { sql, type Selectable } from 'kysely';
import { prepared, type Db } from '../db/database';
import { openStatuses } from '../shared/enums';
import { dueOn } from '../measurement-plans/due-date';
import { loadPlansForFollowUp } from '../measurement-plans/measurement-plan-repository';
import { TIME_ZONE } from '../shared/time';
import type { FollowUpState, FollowUpTable } from './follow-up-table';
import type { Occasion, PlanningFacts, ReminderLevel } from './planner';

/**
 * Every tenant, those with the most open actions that have an owner first (about where the
 * most follow-ups will be): one aggregate over the actions, a few milliseconds.
 */
export async function listTenantIdsBySize(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('tenant')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('action')
          .select(['tenantId', sql<number>`count(*)::int`.as('open')])
          .where('ownerId', 'is not', null)
          .where('status', 'in', [...openStatuses])
          .groupBy('tenantId')
          .as('a'),
      (j) => j.onRef('a.tenantId', '=', 'tenant.id'),
    )
    .select('tenant.id')
    .orderBy(sql`coalesce(a.open, 0)`, 'desc')
    .orderBy('tenant.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Everything the planner needs, for several tenants at once: four queries whatever their number. */
export async function loadPlanningFacts(db: Db, tenantIds: string[], today: string, horizon: string): Promise<Map<string, PlanningFacts>> {
  const tenants = sql<string>`any(${tenantIds}::text[])`;
  const [trajectories, actions, people, meetings] = await Promise.all([
    // A closed policy period is history: its actions and meetings get no follow-ups.
    db.selectFrom('trajectory').select(['tenantId', 'id', 'reminderDaysBefore']).where('tenantId', '=', tenants).where('closedAt', 'is', null).execute(),
    db
      .selectFrom('action')
      .select(['tenantId', 'id', 'trajectoryId', 'ownerId', 'dueDate', 'status'])
      .where('tenantId', '=', tenants)
      .where('ownerId', 'is not', null)
      .where('status', 'in', [...openStatuses])
      .execute(),
    db.selectFrom('person').select(['tenantId', 'id', 'reminders']).where('tenantId', '=', tenants).where('reminders', '<>', 'normal').execute(),
    db
      .selectFrom('meeting')
      .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'meeting.tenantId').onRef('body.id', '=', 'meeting.bodyId'))
      .select(['meeting.tenantId', 'meeting.id', 'meeting.trajectoryId', sql<string>`to_char(meeting.starts_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD')`.as('date')])
      .where('meeting.tenantId', '=', tenants)
      .where('body.kind', '=', 'steering_group')
      .where('meeting.state', 'in', ['planned', 'agenda_sent'])
      .where(sql<boolean>`(meeting.starts_at at time zone ${TIME_ZONE})::date between ${today}::date and ${horizon}::date`)
      .execute(),
  ]);
  // The measurement plans are read through their own slice (one more query, whatever the number of tenants).
  const plans = await loadPlansForFollowUp(db, tenantIds);
  const facts = new Map<string, PlanningFacts>(tenantIds.map((id) => [id, { trajectories: [], actions: [], reminders: new Map(), meetings: [], measurements: [] }]));
  const of = (tenantId: string): PlanningFacts => facts.get(tenantId)!;
  for (const { tenantId, ...t } of trajectories) of(tenantId).trajectories.push(t);
  for (const { tenantId, ...a } of actions) of(tenantId).actions.push({ ...a, ownerId: a.ownerId! });
  for (const p of people) of(p.tenantId).reminders.set(p.id, p.reminders as ReminderLevel);
  for (const { tenantId, ...m } of meetings) of(tenantId).meetings.push(m);
  for (const p of plans) {
    of(p.tenantId).measurements!.push({ planId: p.id, trajectoryId: p.trajectoryId, measurerId: p.measurerId, dueOn: dueOn(p, p.lastMeasuredOn) });
  }
  return facts;
}

/**
 * Adds occasions to the sent log; an occasion already there (sent or not) is left alone. One
 * statement for any number of rows (columns passed as arrays).
 */
export async function insertOccasions(db: Db, occasions: (Occasion & { tenantId: string })[], notBefore: Date): Promise<number> {
  if (!occasions.length) return 0;
  const column = <K extends keyof Occasion | 'tenantId'>(key: K) => occasions.map((o) => o[key]);
  const result = await sql`
    insert into follow_up (tenant_id, trajectory_id, person_id, subject_id, action_id, meeting_id, kind, occasion, priority, measurement_plan_id, not_before)
    select o.*, ${notBefore}::timestamptz
    from unnest(${column('tenantId')}::text[], ${column('trajectoryId')}::uuid[], ${column('personId')}::uuid[], ${column('subjectId')}::uuid[],
                ${column('actionId')}::uuid[], ${column('meetingId')}::uuid[], ${column('kind')}::text[], ${column('occasion')}::text[],
                ${column('priority')}::int[], ${occasions.map((o) => o.measurementPlanId ?? null)}::uuid[]) as o
    on conflict (tenant_id, person_id, subject_id, occasion) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface Caps {
  /** Messages per person per Brussels day ('normal'). */
  perDay: number;
  dayStart: Date;
  /** 'reduced': one message in the last seven days. */
  weekStart: Date;
}

/**
 * Claims up to `max` reminders of a tenant that may go out now: pending, due, and within their
 * person's daily (or, for 'reduced', weekly) cap. The cap is exact for a whole batch: a person's
 * candidates are ranked and only as many are taken as they have room left. The claim commits
 * before anything is sent (state 'sending'), so a second worker can never pick the same row,
 * and a crash leaves a trace instead of a resend. A per-tenant advisory lock, taken before the
 * statement that counts, serialises claims of one tenant even across dispatchers.
 *
 * Each row comes back with the facts it is checked against right before sending (the person's
 * reminder level, the action or the meeting), read in the same statement.
 */
export async function claimBatch(db: Db, tenantId: string, now: Date, workerId: string, caps: Caps, max: number) {
  // One statement (migration 0021): the lock, the claim with a snapshot taken after it, and the
  // facts of the rows it claimed. The facts are read as of this statement's start, a moment
  // before the claim; each is checked again right before its message goes out.
  const claimed = await sql<ClaimedRow>`
    select c.*, p.reminders,
      a.status as action_status, a.due_date as action_due_date, a.owner_id as action_owner_id, t.reminder_days_before as days_before,
      m.state as meeting_state, to_char(m.starts_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD') as meeting_date,
      mp.measurer_id as plan_measurer_id, mp.frequency as plan_frequency, to_char(mp.next_due_on, 'YYYY-MM-DD') as plan_next_due_on,
      to_char(mp.created_at at time zone ${TIME_ZONE}, 'YYYY-MM-DD') as plan_created_on,
      (select to_char(max(ms.measured_on), 'YYYY-MM-DD') from measurement ms where ms.tenant_id = mp.tenant_id and ms.indicator_id = mp.indicator_id) as plan_last_measured_on
    from follow_up_claim(${tenantId}, ${now}::timestamptz, ${workerId}, ${caps.perDay}::int, ${caps.dayStart}::timestamptz, ${caps.weekStart}::timestamptz, ${max}::int, ${max * 4}::int) c
      join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
      left join action a on a.tenant_id = c.tenant_id and a.id = c.action_id
      left join trajectory t on t.tenant_id = a.tenant_id and t.id = a.trajectory_id
      left join meeting m on m.tenant_id = c.tenant_id and m.id = c.meeting_id
      left join measurement_plan mp on mp.tenant_id = c.tenant_id and mp.id = c.measurement_plan_id
    ${prepared}`.execute(db);
  // Sent in the order they would have been claimed one by one.
  return claimed.rows.sort((a, b) => a.priority - b.priority || a.notBefore.getTime() - b.notBefore.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A claimed reminder and the facts it is checked against before it goes out. */
export type ClaimedRow = Selectable<FollowUpTable> & {
  reminders: string;
  actionStatus: string | null;
  actionDueDate: string | null;
  actionOwnerId: string | null;
  daysBefore: number | null;
  meetingState: string | null;
  meetingDate: string | null;
  /** The measurement plan a measurement reminder is about (null for other reminders, or when it is gone). */
  planMeasurerId: string | null;
  planFrequency: string | null;
  planNextDueOn: string | null;
  planCreatedOn: string | null;
  planLastMeasuredOn: string | null;
};

/** What became of a claimed reminder, as the sent log records it. */
export interface RecordedOutcome {
  tenantId: string;
  id: string;
  state: Exclude<FollowUpState, 'sending'>;
  detail: string | null;
  activityId: string | null;
  conversationId: string | null;
  sentAt: Date | null;
  /** Only with state 'pending': nothing left this machine, back in the queue from then on. */
  notBefore: Date | null;
}

/**
 * Records outcomes of claimed reminders, several in one statement. 'pending' puts a reminder
 * back in the queue (a refused connection, a long throttle: nothing left this machine) and
 * clears its claim; every other state is final. Only rows still 'sending' change.
 */
export async function recordOutcomes(db: Db, outcomes: RecordedOutcome[]): Promise<void> {
  if (!outcomes.length) return;
  const rows = outcomes.map((o) => ({
    tenant_id: o.tenantId,
    id: o.id,
    state: o.state,
    detail: o.detail,
    activity_id: o.activityId,
    conversation_id: o.conversationId,
    sent_at: o.sentAt,
    not_before: o.notBefore,
  }));
  await sql`
    update follow_up f
    set state = o.state, detail = o.detail,
        activity_id = coalesce(o.activity_id, f.activity_id), conversation_id = coalesce(o.conversation_id, f.conversation_id), sent_at = coalesce(o.sent_at, f.sent_at),
        not_before = coalesce(o.not_before, f.not_before),
        claimed_at = case when o.state = 'pending' then null else f.claimed_at end,
        claimed_by = case when o.state = 'pending' then null else f.claimed_by end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as o(tenant_id text, id uuid, state text, detail text, activity_id text, conversation_id text, sent_at timestamptz, not_before timestamptz)
    where f.tenant_id = o.tenant_id and f.id = o.id and f.state = 'sending'
    ${prepared}`.execute(db);
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

/** Tenants with reminders ready to go out (all, or among these), most work first. */
export async function tenantsWithReadyWork(db: Db, now: Date, among?: string[]): Promise<{ tenantId: string; ready: number }[]> {
  const rows = await db
    .selectFrom('followUp')
    .select(['tenantId', sql<number>`count(*)::int`.as('ready')])
    .where('state', '=', 'pending')
    .where('notBefore', '<=', now)
    .$if(among !== undefined, (q) => q.where('tenantId', '=', sql<string>`any(${among}::text[])`))
    .groupBy('tenantId')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  return rows;
}
