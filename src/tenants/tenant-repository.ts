import type { Db } from '../db/database';

export async function findTenant(db: Db, id: string) {
  return db.selectFrom('tenant').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertTenant(db: Db, id: string, name: string) {
  return db
    .insertInto('tenant')
    .values({ id, name })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listTenants(db: Db) {
  return db.selectFrom('tenant').selectAll().orderBy('name').execute();
}
