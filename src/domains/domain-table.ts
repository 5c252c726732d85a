import type { ColumnType } from 'kysely';
import type { CreatedAt, Id, UpdatedAt } from '../db/columns';

export interface DomainTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  approach: string;
  state: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  createdAt: CreatedAt;
  /** The row this one continues in the previous policy period (src/periods/). */
  originId: ColumnType<string | null, string | null | undefined, never>;
  updatedAt: UpdatedAt;
}
