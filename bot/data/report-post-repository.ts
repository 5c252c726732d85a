import { sql } from 'kysely';
import type { Db } from '../../src/db/database';

/*
 * SQL for the bot's report posts. The scheduled chair's card is claimed by setting
 * report.chair_card_sent_at in the statement that takes the work, so two instances (or two
 * ticks) never post it twice.
 */

/** People with this role in the trajectory's steering group (the chair, the coordinators). */
export async function steeringPeople(db: Db, tenantId: string, trajectoryId: string, role: 'chair' | 'coordinator'): Promise<{ id: string; displayName: string }[]> {
  return db
    .selectFrom('membership as m')
    .innerJoin('body as b', (j) => j.onRef('b.tenantId', '=', 'm.tenantId').onRef('b.id', '=', 'm.bodyId'))
    .innerJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'm.tenantId').onRef('p.id', '=', 'm.personId'))
    .select(['p.id', 'p.displayName'])
    .distinct()
    .where('m.tenantId', '=', tenantId)
    .where('b.trajectoryId', '=', trajectoryId)
    .where('b.kind', '=', 'steering_group')
    .where('m.role', '=', role)
    .orderBy('p.displayName')
    .execute();
}

/** Submitted reports whose scheduled card has not gone out for this submission yet. */
export async function awaitingReports(db: Db): Promise<{ tenantId: string; id: string; trajectoryId: string; collegeDate: string | null }[]> {
  const { rows } = await sql<{ tenantId: string; id: string; trajectoryId: string; collegeDate: string | null }>`
    select tenant_id, id, trajectory_id, to_char(college_date, 'YYYY-MM-DD') as college_date from report
    where state = 'submitted' and (chair_card_sent_at is null or chair_card_sent_at < submitted_at)
    order by tenant_id, submitted_at limit 500`.execute(db);
  return rows;
}

/** Takes the scheduled card of one report: true for exactly one caller per submission. */
export async function claimChairCard(db: Db, tenantId: string, reportId: string, now: Date): Promise<boolean> {
  const { rows } = await sql<{ id: string }>`
    update report set chair_card_sent_at = ${now}
    where tenant_id = ${tenantId} and id = ${reportId} and state = 'submitted'
      and (chair_card_sent_at is null or chair_card_sent_at < submitted_at)
    returning id`.execute(db);
  return rows.length === 1;
}

/** Gives the claim back (nothing reached Teams), so a later tick tries again. */
export async function releaseChairCard(db: Db, tenantId: string, reportId: string): Promise<void> {
  await sql`update report set chair_card_sent_at = null where tenant_id = ${tenantId} and id = ${reportId}`.execute(db);
}
