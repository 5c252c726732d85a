import { sql } from 'kysely';
import type { Db } from '../db/database';

/** SQL of the bulk changes to a trajectory's actions (reassigning owners, importing from a sheet). */

export async function trajectoryExists(db: Db, tenantId: string, trajectoryId: string): Promise<boolean> {
  const row = await db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).where('id', '=', trajectoryId).executeTakeFirst();
  return Boolean(row);
}

/** The owner's actions of the trajectory, locked until the transaction ends. */
export async function actionsOfOwnerForUpdate(db: Db, tenantId: string, trajectoryId: string, ownerId: string, statuses?: readonly string[]) {
  let query = db
    .selectFrom('action')
    .selectAll()
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('ownerId', '=', ownerId);
  if (statuses) query = query.where('status', 'in', [...statuses]);
  return query.orderBy('createdAt').orderBy('id').forUpdate().execute();
}

/** The trajectory's objectives with the titles above them: how a sheet names where an action goes. */
export async function objectivePaths(db: Db, tenantId: string, trajectoryId: string) {
  return db
    .selectFrom('operationalObjective as o')
    .innerJoin('strategicObjective as s', (j) => j.onRef('s.tenantId', '=', 'o.tenantId').onRef('s.id', '=', 'o.strategicObjectiveId'))
    .innerJoin('domain as d', (j) => j.onRef('d.tenantId', '=', 'o.tenantId').onRef('d.id', '=', 'o.domainId'))
    .select(['o.id', 'o.domainId', 'o.title as operational', 's.title as strategic', 'd.name as domain'])
    .where('o.tenantId', '=', tenantId)
    .where('o.trajectoryId', '=', trajectoryId)
    .execute();
}

/** Everyone who takes part in the trajectory (a membership, an owned action or added there), by name. */
export async function peopleOfTrajectory(db: Db, tenantId: string, trajectoryId: string) {
  const { rows } = await sql<{ id: string; displayName: string }>`
    select p.id, p.display_name as "displayName" from person p
    where p.tenant_id = ${tenantId} and (
      p.home_trajectory_id = ${trajectoryId}
      or p.id in (select m.person_id from membership m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
                  where m.tenant_id = ${tenantId} and b.trajectory_id = ${trajectoryId})
      or p.id in (select a.owner_id from action a where a.tenant_id = ${tenantId} and a.trajectory_id = ${trajectoryId} and a.owner_id is not null))`.execute(db);
  return rows;
}

/** The titles of the actions already under each objective, and where the next one goes. */
export async function actionsPerObjective(db: Db, tenantId: string, trajectoryId: string) {
  return db
    .selectFrom('action')
    .select(['operationalObjectiveId', 'title', 'position'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .execute();
}

/** One import at a time per trajectory: two imports of the same file must not both pass the duplicate check. */
export async function lockActionImports(db: Db, tenantId: string, trajectoryId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`action-import:${tenantId}:${trajectoryId}`}))`.execute(db);
}
