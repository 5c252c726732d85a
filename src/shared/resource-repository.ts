import type { Kysely } from 'kysely';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

/**
 * Generic SQL for the plain resources (rows keyed by tenant and id, listed under a parent).
 * Table and column names come from resource specs in code, never from requests.
 */
export type Row = Record<string, unknown> & { id: string; tenantId: string };
type LooseDb = Record<string, Record<string, unknown>>;
export type TableName = keyof Database & string;

function loose(db: Db): Kysely<LooseDb> {
  return db as unknown as Kysely<LooseDb>;
}

export async function findRow(db: Db, table: TableName, tenantId: string, id: string, forUpdate = false): Promise<Row | undefined> {
  let query = loose(db).selectFrom(table).selectAll().where('tenantId', '=', tenantId).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) as Row | undefined;
}

export async function listRows(db: Db, table: TableName, tenantId: string, column: string, value: string, orderBy: string[]): Promise<Row[]> {
  let query = loose(db).selectFrom(table).selectAll().where('tenantId', '=', tenantId).where(column, '=', value);
  for (const col of orderBy) query = query.orderBy(col);
  return (await query.execute()) as Row[];
}

export async function insertRow(db: Db, table: TableName, values: Record<string, unknown>): Promise<Row> {
  return (await loose(db).insertInto(table).values(values).returningAll().executeTakeFirstOrThrow()) as Row;
}

export async function updateRow(db: Db, table: TableName, tenantId: string, id: string, values: Record<string, unknown>): Promise<Row> {
  return (await loose(db)
    .updateTable(table)
    .set(values)
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()) as Row;
}

export async function deleteRow(db: Db, table: TableName, tenantId: string, id: string): Promise<void> {
  await loose(db).deleteFrom(table).where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

/** Which of the given ids exist in this trajectory (for references the foreign keys cannot scope). */
export async function existsInTrajectory(db: Db, table: TableName, tenantId: string, trajectoryId: string, id: string): Promise<boolean> {
  const row = await loose(db)
    .selectFrom(table)
    .select('id')
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Boolean(row);
}

export async function personExists(db: Db, tenantId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('person').select('id').where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Boolean(row);
}
