import type { Db } from '../db/database';

export interface MembershipRow {
  personId: string;
  role: string;
  kind: string;
  domainId: string | null;
}

export async function findMembershipsOfUser(db: Db, tenantId: string, userId: string, trajectoryId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('person')
    .innerJoin('membership', (j) => j.onRef('membership.tenantId', '=', 'person.tenantId').onRef('membership.personId', '=', 'person.id'))
    .innerJoin('body', (j) => j.onRef('body.tenantId', '=', 'membership.tenantId').onRef('body.id', '=', 'membership.bodyId'))
    .select(['person.id as personId', 'membership.role', 'body.kind', 'body.domainId'])
    .where('person.tenantId', '=', tenantId)
    .where('person.entraObjectId', '=', userId)
    .where('body.trajectoryId', '=', trajectoryId)
    .execute();
}

export async function findPersonIdOfUser(db: Db, tenantId: string, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('person')
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('entraObjectId', '=', userId)
    .executeTakeFirst();
  return row?.id;
}

export async function ownsActionsIn(db: Db, tenantId: string, personId: string, trajectoryId: string): Promise<boolean> {
  const row = await db
    .selectFrom('action')
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('ownerId', '=', personId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

export async function tenantExists(db: Db, tenantId: string): Promise<boolean> {
  const row = await db.selectFrom('tenant').select('id').where('id', '=', tenantId).executeTakeFirst();
  return Boolean(row);
}
