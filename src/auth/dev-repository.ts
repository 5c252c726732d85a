import type { Db } from '../db/database';

/** Everyone who can sign in (has an Entra id, or is an administrator), across all registered tenants. */
export async function listDevUsers(db: Db) {
  const people = db
    .selectFrom('person')
    .innerJoin('tenant', 'tenant.id', 'person.tenantId')
    .select(['person.tenantId', 'tenant.name as tenantName', 'person.displayName', 'person.entraObjectId'])
    .where('person.entraObjectId', 'is not', null)
    .$narrowType<{ entraObjectId: string }>();
  const admins = db
    .selectFrom('tenantAdmin')
    .innerJoin('tenant', 'tenant.id', 'tenantAdmin.tenantId')
    .select(['tenantAdmin.tenantId', 'tenant.name as tenantName', 'tenantAdmin.displayName', 'tenantAdmin.entraObjectId'])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('person').select('person.id').whereRef('person.tenantId', '=', 'tenantAdmin.tenantId').whereRef('person.entraObjectId', '=', 'tenantAdmin.entraObjectId'))),
    );
  const rows = await people.unionAll(admins).execute();
  return rows.sort((a, b) => a.tenantName.localeCompare(b.tenantName) || a.displayName.localeCompare(b.displayName));
}
