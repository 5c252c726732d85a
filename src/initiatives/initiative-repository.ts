import { sql } from 'kysely';
import type { Db } from '../db/database';

/** The domain an operational objective of this trajectory belongs to, if it is one. */
export async function objectiveDomainOf(db: Db, tenantId: string, trajectoryId: string, objectiveId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('operationalObjective')
    .select('domainId')
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('id', '=', objectiveId)
    .executeTakeFirst();
  return row?.domainId;
}

export async function trajectoryExists(db: Db, tenantId: string, trajectoryId: string): Promise<boolean> {
  const row = await db.selectFrom('trajectory').select('id').where('tenantId', '=', tenantId).where('id', '=', trajectoryId).executeTakeFirst();
  return Boolean(row);
}

export async function domainsOf(db: Db, tenantId: string, trajectoryId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('domain').select(['id', 'name']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).orderBy('position').orderBy('name').execute();
}

/** Operational objectives of the trajectory with their domain, for the link rule of an import. */
export async function objectiveDomains(db: Db, tenantId: string, trajectoryId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('operationalObjective').select(['id', 'domainId']).where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).execute();
  return new Map(rows.map((r) => [r.id, r.domainId]));
}

/** Two imports into one trajectory at once would both create the initiative of the same name. */
export async function lockImports(db: Db, tenantId: string, trajectoryId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`initiative-import:${tenantId}:${trajectoryId}`}))`.execute(db);
}

export async function initiativesForUpdate(db: Db, tenantId: string, trajectoryId: string) {
  return db.selectFrom('initiative').selectAll().where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).orderBy('name').forUpdate().execute();
}
