import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';

export interface AuditEntry {
  tenantId: string;
  trajectoryId: string | null;
  actorUserId: string | null;
  actorPersonId: string | null;
  actorName: string;
  entity: string;
  entityId: string;
  operation: 'create' | 'update' | 'delete';
  changes: Record<string, unknown>;
}

export async function insertAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({ ...entry, changes: JSON.stringify(entry.changes) })
    .execute();
}

/**
 * The audit insert as a statement to embed in a data-modifying CTE: it writes one row per
 * row of `source`, so the entry exists exactly when the change it describes happened.
 */
export function auditInsertFrom(source: string, entry: AuditEntry): RawBuilder<Record<string, unknown>> {
  return sql<Record<string, unknown>>`(insert into audit_log (tenant_id, trajectory_id, actor_user_id, actor_person_id, actor_name, entity, entity_id, operation, changes)
    select ${entry.tenantId}, ${entry.trajectoryId}::uuid, ${entry.actorUserId}, ${entry.actorPersonId}::uuid, ${entry.actorName},
           ${entry.entity}, ${entry.entityId}::uuid, ${entry.operation}, ${JSON.stringify(entry.changes)}::jsonb
    from ${sql.table(source)})`;
}

export async function listAudit(
  db: Db,
  tenantId: string,
  trajectoryId: string,
  filter: { entity?: string | undefined; entityId?: string | undefined; limit: number; before?: number | undefined },
) {
  let query = db
    .selectFrom('auditLog')
    .select(['id', 'at', 'actorUserId', 'actorPersonId', 'actorName', 'entity', 'entityId', 'operation', 'changes'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}
