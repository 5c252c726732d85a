import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, UpdatedAt } from '../db/columns';

/** How an indicator is measured: by whom, how often, from which source; one plan per indicator. */
export interface MeasurementPlanTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  indicatorId: string;
  measurerId: string | null;
  frequency: string;
  source: ColumnType<string, string | undefined, string>;
  /** Set by hand; null: computed from the last measurement and the frequency. */
  nextDueOn: DateOnly | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
