import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { ReportTable } from './report-table';

/** SQL only: the college's calendar, the reports and their delivery log (migration 0017). */

export async function findTrajectoryBrief(db: Db, tenantId: string, trajectoryId: string) {
  return db.selectFrom('trajectory').select(['id', 'name', 'municipality']).where('tenantId', '=', tenantId).where('id', '=', trajectoryId).executeTakeFirst();
}

export async function findSchedule(db: Db, tenantId: string, trajectoryId: string) {
  return db.selectFrom('collegeSchedule').selectAll().where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).executeTakeFirst();
}
export type ScheduleRow = NonNullable<Awaited<ReturnType<typeof findSchedule>>>;

export async function upsertSchedule(
  db: Db,
  tenantId: string,
  trajectoryId: string,
  values: { weekday: number; meetingTime: string; exceptions: string[]; frequency: string; cardWorkingDaysBefore: number; secretaryName: string; secretaryEmail: string; locale: string },
): Promise<ScheduleRow> {
  return db
    .insertInto('collegeSchedule')
    .values({ tenantId, trajectoryId, ...values })
    .onConflict((oc) => oc.columns(['tenantId', 'trajectoryId']).doUpdateSet({ ...values, updatedAt: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

const reportColumns = [
  'r.tenantId',
  'r.id',
  'r.trajectoryId',
  'r.periodStart',
  'r.periodEnd',
  'r.collegeDate',
  'r.state',
  'r.summary',
  'r.decisionsRequested',
  'r.budgetRequests',
  'r.remark',
  'r.generatedAt',
  'r.createdBy',
  'r.submittedAt',
  'r.submittedBy',
  'r.submissions',
  'r.approvedAt',
  'r.approvedBy',
  'r.sentBackAt',
  'r.chairCardSentAt',
  'r.createdAt',
  'r.updatedAt',
] as const;

function reportsQuery(db: Db, tenantId: string) {
  return db
    .selectFrom('report as r')
    .leftJoin('person as sp', (j) => j.onRef('sp.tenantId', '=', 'r.tenantId').onRef('sp.id', '=', 'r.submittedBy'))
    .leftJoin('person as ap', (j) => j.onRef('ap.tenantId', '=', 'r.tenantId').onRef('ap.id', '=', 'r.approvedBy'))
    .select(reportColumns)
    .select(['sp.displayName as submittedByName', 'ap.displayName as approvedByName', sql<ReportTotalsJson>`r.snapshot -> 'totals'`.as('totals')])
    .where('r.tenantId', '=', tenantId);
}

/** The totals as stored in the snapshot's JSON. */
export type ReportTotalsJson = import('./report-schemas').ReportSnapshot['totals'];

export async function findReport(db: Db, tenantId: string, id: string, forUpdate = false) {
  if (forUpdate) await db.selectFrom('report').select('id').where('tenantId', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
  return reportsQuery(db, tenantId).where('r.id', '=', id).executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function findSnapshotText(db: Db, tenantId: string, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('report').select(sql<string>`snapshot::text`.as('snapshot')).where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return row?.snapshot;
}

export async function listReports(db: Db, tenantId: string, trajectoryId: string) {
  return reportsQuery(db, tenantId).where('r.trajectoryId', '=', trajectoryId).orderBy('r.periodEnd', 'desc').orderBy('r.createdAt', 'desc').execute();
}

export async function insertReport(db: Db, values: Insertable<ReportTable>): Promise<string> {
  const row = await db.insertInto('report').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReport(db: Db, tenantId: string, id: string, values: Updateable<ReportTable>): Promise<void> {
  await db
    .updateTable('report')
    .set({ ...values, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** The last report that went to the college before this one: what "changed since" compares with. */
export async function findPreviousSent(db: Db, tenantId: string, trajectoryId: string, beforeEnd: string, exceptId: string | null) {
  let query = db
    .selectFrom('report')
    .select(['id', 'periodStart', 'periodEnd', sql<string>`snapshot::text`.as('snapshot')])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('state', '=', 'approved')
    .where('periodEnd', '<=', beforeEnd);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.orderBy('periodEnd', 'desc').orderBy('approvedAt', 'desc').limit(1).executeTakeFirst();
}

// ---------------------------------------------------------------- the plan, as the snapshot reads it

export async function planRows(db: Db, tenantId: string, trajectoryId: string) {
  const [domains, strategic, operational, actions] = await Promise.all([
    db.selectFrom('domain').select(['id', 'name', 'approach']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).orderBy('position').orderBy('createdAt').execute(),
    db
      .selectFrom('strategicObjective')
      .select(['id', 'domainId', 'title'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('operationalObjective')
      .select(['id', 'strategicObjectiveId', 'title', 'targetDate'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('position')
      .orderBy('createdAt')
      .execute(),
    db
      .selectFrom('action as a')
      .leftJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'a.tenantId').onRef('p.id', '=', 'a.ownerId'))
      // Only the owner's name: nothing else about a person goes into a report.
      .select(['a.id', 'a.operationalObjectiveId', 'a.domainId', 'a.title', 'a.status', 'a.dueDate', 'p.displayName as ownerName'])
      .where('a.tenantId', '=', tenantId)
      .where('a.trajectoryId', '=', trajectoryId)
      .orderBy('a.position')
      .orderBy('a.createdAt')
      .execute(),
  ]);
  return { domains, strategic, operational, actions };
}

/** The latest progress note of each of these actions (one query, however many). */
export async function latestNotes(db: Db, tenantId: string, actionIds: readonly string[]) {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom('actionUpdate')
    .select(['actionId', 'note', 'authorName', 'createdAt'])
    .distinctOn('actionId')
    .where('tenantId', '=', tenantId)
    .where('actionId', 'in', actionIds)
    .where('note', '!=', '')
    .orderBy('actionId')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function indicatorRows(db: Db, tenantId: string, trajectoryId: string, until: string) {
  const [indicators, measurements] = await Promise.all([
    db
      .selectFrom('indicator')
      .select(['id', 'actionId', 'kind', 'name', 'unit', 'baseline', 'target'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('measurement')
      .select(['indicatorId', 'measuredOn', 'value'])
      .where('tenantId', '=', tenantId)
      .where('trajectoryId', '=', trajectoryId)
      .where('measuredOn', '<=', until)
      .orderBy('measuredOn')
      .orderBy('createdAt')
      .execute(),
  ]);
  return { indicators, measurements };
}

/** Decisions written in the minutes of the trajectory's meetings held in the period. */
export async function decisionsInPeriod(db: Db, tenantId: string, trajectoryId: string, start: string, end: string) {
  return db
    .selectFrom('agendaItem as i')
    .innerJoin('meeting as m', (j) => j.onRef('m.tenantId', '=', 'i.tenantId').onRef('m.id', '=', 'i.meetingId'))
    .innerJoin('body as b', (j) => j.onRef('b.tenantId', '=', 'm.tenantId').onRef('b.id', '=', 'm.bodyId'))
    .select(['m.id as meetingId', 'm.title as meetingTitle', 'b.name as bodyName', 'm.startsAt', 'i.title as agendaItemTitle', 'i.decisions'])
    .where('i.tenantId', '=', tenantId)
    .where('m.trajectoryId', '=', trajectoryId)
    .where('m.state', 'in', ['held', 'minutes_approved', 'distributed'])
    .where(sql<boolean>`(m.starts_at at time zone 'Europe/Brussels')::date between ${start}::date and ${end}::date`)
    .where(sql<boolean>`btrim(i.decisions) <> ''`)
    .orderBy('m.startsAt')
    .orderBy('i.position')
    .execute();
}

/** Who receives an approved report: the aldermen of the trajectory (with an address). */
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

// ---------------------------------------------------------------- delivery log

export interface ReportRecipient {
  personId: string | null;
  address: string;
  name: string;
  reason: 'alderman' | 'secretary';
}

/** One row per address; a second run or a restart adds nobody twice (the unique key). */
export async function insertDeliveries(db: Db, tenantId: string, trajectoryId: string, reportId: string, transport: 'graph' | 'outbox', recipients: readonly ReportRecipient[]): Promise<void> {
  if (recipients.length === 0) return;
  await db
    .insertInto('reportDelivery')
    .values(recipients.map((r) => ({ tenantId, trajectoryId, reportId, personId: r.personId, address: r.address.toLowerCase(), recipientName: r.name, reason: r.reason, transport })))
    .onConflict((oc) => oc.columns(['tenantId', 'reportId', 'address']).doNothing())
    .execute();
}

/**
 * Claims what is still to send: pending rows, and rows left 'sending' by an instance that died
 * (older than `staleAfter`). Skip-locked, so two instances never claim the same row.
 */
export async function claimDeliveries(db: Db, tenantId: string, reportId: string, limit: number, staleAfterSeconds: number) {
  const rows = await sql<{ id: string; address: string; recipientName: string; personId: string | null; reason: string; draftId: string | null; attempts: number }>`
    update report_delivery d set state = 'sending', attempts = d.attempts + 1, updated_at = now()
    from (
      select id from report_delivery
      where tenant_id = ${tenantId} and report_id = ${reportId}::uuid
        and (state = 'pending' or (state = 'sending' and updated_at < now() - make_interval(secs => ${staleAfterSeconds})))
      order by created_at, id
      limit ${limit}
      for update skip locked
    ) pick
    where d.tenant_id = ${tenantId} and d.id = pick.id
    returning d.id, d.address, d.recipient_name, d.person_id, d.reason, d.draft_id, d.attempts`.execute(db);
  return rows.rows;
}

export async function recordDraft(db: Db, tenantId: string, id: string, draftId: string): Promise<void> {
  await db.updateTable('reportDelivery').set({ draftId, updatedAt: new Date() }).where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

export async function markDelivery(db: Db, tenantId: string, id: string, outcome: { state: 'sent' } | { state: 'pending' | 'failed'; error: string }): Promise<void> {
  await db
    .updateTable('reportDelivery')
    .set(outcome.state === 'sent' ? { state: 'sent', sentAt: new Date(), error: '', updatedAt: new Date() } : { state: outcome.state, error: outcome.error.slice(0, 500), updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(db: Db, tenantId: string, reportId: string) {
  return db
    .selectFrom('reportDelivery')
    .select(['id', 'personId', 'address', 'recipientName', 'reason', 'transport', 'state', 'attempts', 'sentAt', 'error', 'updatedAt'])
    .where('tenantId', '=', tenantId)
    .where('reportId', '=', reportId)
    .orderBy('reason')
    .orderBy('recipientName')
    .execute();
}

/** Approved reports with recipients still to reach, or none logged yet, across tenants (the resume after a restart). */
export async function reportsWithOpenDeliveries(db: Db) {
  return db
    .selectFrom('report as r')
    .select(['r.tenantId', 'r.id'])
    .where('r.state', '=', 'approved')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('reportDelivery as d').select('d.id').whereRef('d.tenantId', '=', 'r.tenantId').whereRef('d.reportId', '=', 'r.id').where('d.state', 'in', ['pending', 'sending'])),
        eb.not(eb.exists(eb.selectFrom('reportDelivery as d').select('d.id').whereRef('d.tenantId', '=', 'r.tenantId').whereRef('d.reportId', '=', 'r.id'))),
      ]),
    )
    .execute();
}
