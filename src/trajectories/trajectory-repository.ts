import type { Db } from '../db/database';
import type { PhaseState } from './trajectory-table';

export interface TrajectoryValues {
  name: string;
  municipality: string;
  periodStart: string;
  periodEnd: string;
  mission?: string | undefined;
  vision?: string | undefined;
  qualityCriteria?: string[] | undefined;
  phaseProgress?: Record<string, PhaseState> | undefined;
  teamId?: string | null | undefined;
  reminderDaysBefore?: number | undefined;
  policyDecidedOn?: string | null | undefined;
  policyStaffFte?: number | null | undefined;
  policyBudget?: number | null | undefined;
  policyNote?: string | undefined;
  coordinatorAppointedOn?: string | null | undefined;
  coordinatorJobShare?: number | null | undefined;
  facilitatorOrganisation?: string | undefined;
  facilitatorEngagedOn?: string | null | undefined;
}

function toColumns(values: Partial<TrajectoryValues>) {
  const { phaseProgress, ...rest } = values;
  return { ...rest, ...(phaseProgress ? { phaseProgress: JSON.stringify(phaseProgress) } : {}) };
}

export async function listTrajectories(db: Db, tenantId: string) {
  return db.selectFrom('trajectory').selectAll().where('tenantId', '=', tenantId).orderBy('name').execute();
}

export async function findTrajectory(db: Db, tenantId: string, id: string, forUpdate = false) {
  let query = db.selectFrom('trajectory').selectAll().where('tenantId', '=', tenantId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertTrajectory(db: Db, tenantId: string, values: TrajectoryValues) {
  const { name, municipality, periodStart, periodEnd, ...rest } = toColumns(values) as TrajectoryValues & { phaseProgress?: string };
  return db
    .insertInto('trajectory')
    .values({ tenantId, name, municipality, periodStart, periodEnd, ...rest })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTrajectory(db: Db, tenantId: string, id: string, values: Partial<TrajectoryValues>) {
  return db
    .updateTable('trajectory')
    .set((eb) => ({ ...toColumns(values), updatedAt: new Date(), version: eb('version', '+', 1) }))
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTrajectory(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('trajectory').where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

export async function insertBody(db: Db, tenantId: string, trajectoryId: string, kind: string, name: string, domainId: string | null = null) {
  return db.insertInto('body').values({ tenantId, trajectoryId, kind, name, domainId }).returningAll().executeTakeFirstOrThrow();
}
