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
