import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { ContextLevel } from './context-catalogue';

export interface ContextValueValues {
  indicator: string;
  year: number;
  level: ContextLevel;
  area: string;
  value: number;
  source: string;
}

const columns = ['id', 'trajectoryId', 'indicator', 'year', 'level', 'area', 'value', 'source', 'createdAt', 'updatedAt'] as const;

export function listContextValues(db: Db, tenantId: string, trajectoryId: string) {
  return db
    .selectFrom('contextValue')
    .select(columns)
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .orderBy('indicator')
    .orderBy('year')
    .orderBy('level')
    .execute();
}

export function findContextValue(db: Db, tenantId: string, id: string) {
  return db.selectFrom('contextValue').select(columns).where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function findContextValueByKey(db: Db, tenantId: string, trajectoryId: string, key: Pick<ContextValueValues, 'indicator' | 'year' | 'level'>) {
  return db
    .selectFrom('contextValue')
    .select(columns)
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('indicator', '=', key.indicator)
    .where('year', '=', key.year)
    .where('level', '=', key.level)
    .executeTakeFirst();
}

/** Insert or replace on (indicator, year, level): a repeated import replaces, it never doubles. */
export function upsertContextValues(db: Db, tenantId: string, trajectoryId: string, values: readonly ContextValueValues[]) {
  return db
    .insertInto('contextValue')
    .values(values.map((v) => ({ tenantId, trajectoryId, ...v })))
    .onConflict((oc) =>
      oc.columns(['tenantId', 'trajectoryId', 'indicator', 'year', 'level']).doUpdateSet((eb) => ({
        area: eb.ref('excluded.area'),
        value: eb.ref('excluded.value'),
        source: eb.ref('excluded.source'),
        updatedAt: sql<Date>`now()`,
      })),
    )
    // xmax is 0 for a row this statement inserted, and set for one it updated.
    .returning([...columns, sql<boolean>`(xmax = 0)`.as('inserted')])
    .execute();
}

export function deleteContextValue(db: Db, tenantId: string, id: string) {
  return db.deleteFrom('contextValue').where('tenantId', '=', tenantId).where('id', '=', id).returning(columns).executeTakeFirst();
}
