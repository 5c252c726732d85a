import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, UpdatedAt } from '../db/columns';

export interface IndicatorTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  actionId: string;
  kind: string;
  name: string;
  unit: ColumnType<string, string | undefined, string>;
  baseline: number | null;
  target: number | null;
  createdAt: CreatedAt;
  /** The row this one continues in the previous policy period (src/periods/). */
  originId: ColumnType<string | null, string | null | undefined, never>;
  updatedAt: UpdatedAt;
}

export interface MeasurementTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  indicatorId: string;
  measuredOn: DateOnly;
  value: number;
  note: ColumnType<string, string | undefined, string>;
  createdAt: CreatedAt;
}
