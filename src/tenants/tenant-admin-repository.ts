import type { Db } from '../db/database';

export async function findTenantAdmin(db: Db, tenantId: string, entraObjectId: string) {
  return db.selectFrom('tenantAdmin').selectAll().where('tenantId', '=', tenantId).where('entraObjectId', '=', entraObjectId).executeTakeFirst();
}

export async function listTenantAdmins(db: Db, tenantId: string) {
  return db.selectFrom('tenantAdmin').selectAll().where('tenantId', '=', tenantId).orderBy('displayName').execute();
}

export async function insertTenantAdmin(db: Db, tenantId: string, entraObjectId: string, displayName: string) {
  return db
    .insertInto('tenantAdmin')
    .values({ tenantId, entraObjectId, displayName })
    .onConflict((oc) => oc.columns(['tenantId', 'entraObjectId']).doUpdateSet({ displayName }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteTenantAdmin(db: Db, tenantId: string, entraObjectId: string): Promise<boolean> {
  const result = await db.deleteFrom('tenantAdmin').where('tenantId', '=', tenantId).where('entraObjectId', '=', entraObjectId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Locks the tenant's admin list so that two admins removing each other cannot leave none. */
export async function lockTenantAdmins(db: Db, tenantId: string): Promise<number> {
  const rows = await db.selectFrom('tenantAdmin').select('entraObjectId').where('tenantId', '=', tenantId).forUpdate().execute();
  return rows.length;
}
