import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, UpdatedAt } from '../db/columns';

type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Text = ColumnType<string, string | undefined, string>;
type Position = ColumnType<number, number | undefined, number>;

export interface StrategicObjectiveTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  domainId: string;
  title: string;
  description: Text;
  position: Position;
  /** The row this one continues in the previous policy period (src/periods/). */
  originId: ColumnType<string | null, string | null | undefined, never>;
  adjustment: ColumnType<string | null, string | null | undefined, string | null>;
  adjustmentReason: ColumnType<string, string | undefined, string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface OperationalObjectiveTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  domainId: string;
  strategicObjectiveId: string;
  title: string;
  description: Text;
  smartSpecific: Flag;
  smartMeasurable: Flag;
  smartAgreed: Flag;
  smartRealistic: Flag;
  smartTimeBound: Flag;
  targetDate: DateOnly | null;
  position: Position;
  /** The row this one continues in the previous policy period (src/periods/). */
  originId: ColumnType<string | null, string | null | undefined, never>;
  adjustment: ColumnType<string | null, string | null | undefined, string | null>;
  adjustmentReason: ColumnType<string, string | undefined, string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
