import type { Db } from '../db/database';

/** Everyone who can sign in (has an Entra id), across all registered tenants. */
export async function listDevUsers(db: Db) {
  return db
    .selectFrom('person')
    .innerJoin('tenant', 'tenant.id', 'person.tenantId')
    .select(['person.tenantId', 'tenant.name as tenantName', 'person.displayName', 'person.entraObjectId'])
    .where('person.entraObjectId', 'is not', null)
    .$narrowType<{ entraObjectId: string }>()
    .orderBy('tenant.name')
    .orderBy('person.displayName')
    .execute();
}
