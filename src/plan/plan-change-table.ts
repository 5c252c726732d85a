import type { Generated } from 'kysely';

/** Appended to by database triggers on every write to a plan table (migration 0004). */
export interface PlanChangeTable {
  tenantId: string;
  trajectoryId: string;
  id: Generated<string>;
}
