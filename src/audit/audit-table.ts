import type { ColumnType, Generated } from 'kysely';

export interface AuditLogTable {
  tenantId: string;
  id: Generated<number>;
  trajectoryId: string | null;
  at: ColumnType<Date, never, never>;
  actorUserId: string | null;
  actorPersonId: string | null;
  actorName: string;
  entity: string;
  entityId: string;
  operation: 'create' | 'update' | 'delete';
  changes: ColumnType<Record<string, unknown>, string, never>;
}
