import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { SignalVerdictTable } from './signal-verdict-table';

export async function findSignalGroup(db: Db, tenantId: string, trajectoryId: string, bodyId: string) {
  return db
    .selectFrom('body')
    .select(['id', 'kind', 'signalGroup', 'name'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('id', '=', bodyId)
    .executeTakeFirst();
}

/** Whether the person is a trusted person in this body (who may write its verdicts down). */
export async function isTrustedPersonIn(db: Db, tenantId: string, bodyId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership')
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('bodyId', '=', bodyId)
    .where('personId', '=', personId)
    .where('role', '=', 'trusted_person')
    .executeTakeFirst();
  return Boolean(row);
}

export async function findActionDomain(db: Db, tenantId: string, trajectoryId: string, actionId: string) {
  return db
    .selectFrom('action')
    .select(['id', 'domainId'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('id', '=', actionId)
    .executeTakeFirst();
}

export async function domainExists(db: Db, tenantId: string, trajectoryId: string, domainId: string): Promise<boolean> {
  const row = await db.selectFrom('domain').select('id').where('tenantId', '=', tenantId).where('trajectoryId', '=', trajectoryId).where('id', '=', domainId).executeTakeFirst();
  return Boolean(row);
}

export async function findVerdict(db: Db, tenantId: string, id: string, forUpdate = false) {
  let query = db.selectFrom('signalVerdict').selectAll().where('tenantId', '=', tenantId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertVerdict(db: Db, values: Insertable<SignalVerdictTable>) {
  return db.insertInto('signalVerdict').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateVerdict(db: Db, tenantId: string, id: string, values: Updateable<SignalVerdictTable>) {
  return db.updateTable('signalVerdict').set(values).where('tenantId', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteVerdict(db: Db, tenantId: string, id: string): Promise<void> {
  await db.deleteFrom('signalVerdict').where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

/** The verdicts of a trajectory (optionally one domain), newest first, with the names shown beside them. */
export async function listVerdicts(db: Db, tenantId: string, trajectoryId: string, domainId?: string) {
  let query = db
    .selectFrom('signalVerdict as v')
    .innerJoin('body as b', (j) => j.onRef('b.tenantId', '=', 'v.tenantId').onRef('b.id', '=', 'v.bodyId'))
    .leftJoin('action as a', (j) => j.onRef('a.tenantId', '=', 'v.tenantId').onRef('a.id', '=', 'v.actionId'))
    .leftJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'v.tenantId').onRef('p.id', '=', 'v.recordedById'))
    .selectAll('v')
    .select(['b.name as bodyName', 'a.title as actionTitle', 'p.displayName as recordedByName'])
    .where('v.tenantId', '=', tenantId)
    .where('v.trajectoryId', '=', trajectoryId);
  if (domainId) query = query.where('v.domainId', '=', domainId);
  return query.orderBy('v.givenOn', 'desc').orderBy('v.createdAt', 'desc').execute();
}

export async function findVerdictNames(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('signalVerdict as v')
    .innerJoin('body as b', (j) => j.onRef('b.tenantId', '=', 'v.tenantId').onRef('b.id', '=', 'v.bodyId'))
    .leftJoin('action as a', (j) => j.onRef('a.tenantId', '=', 'v.tenantId').onRef('a.id', '=', 'v.actionId'))
    .leftJoin('person as p', (j) => j.onRef('p.tenantId', '=', 'v.tenantId').onRef('p.id', '=', 'v.recordedById'))
    .select(['b.name as bodyName', 'a.title as actionTitle', 'p.displayName as recordedByName'])
    .where('v.tenantId', '=', tenantId)
    .where('v.id', '=', id)
    .executeTakeFirstOrThrow();
}
