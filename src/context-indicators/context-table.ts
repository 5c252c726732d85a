import type { ColumnType } from 'kysely';
import type { CreatedAt, Id, UpdatedAt } from '../db/columns';

export interface ContextValueTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  indicator: string;
  year: number;
  level: string;
  area: ColumnType<string, string | undefined, string>;
  value: ColumnType<number, number, number>;
  source: ColumnType<string, string | undefined, string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
