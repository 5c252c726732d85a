import type { Db } from '../db/database';

/** The action an indicator measures decides who may change the indicator. */
export async function findActionScope(db: Db, tenantId: string, actionId: string) {
  return db
    .selectFrom('action')
    .select(['trajectoryId', 'domainId', 'ownerId'])
    .where('tenantId', '=', tenantId)
    .where('id', '=', actionId)
    .executeTakeFirst();
}

export async function findIndicatorScope(db: Db, tenantId: string, indicatorId: string) {
  return db
    .selectFrom('indicator')
    .innerJoin('action', (j) => j.onRef('action.tenantId', '=', 'indicator.tenantId').onRef('action.id', '=', 'indicator.actionId'))
    .select(['action.trajectoryId', 'action.domainId', 'action.ownerId'])
    .where('indicator.tenantId', '=', tenantId)
    .where('indicator.id', '=', indicatorId)
    .executeTakeFirst();
}
