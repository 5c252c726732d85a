import type { ColumnType } from 'kysely';
import type { CreatedAt, Id, UpdatedAt } from '../db/columns';

export interface InitiativeTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  state: string;
  partner: ColumnType<string, string | undefined, string>;
  domainId: string | null;
  operationalObjectiveId: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
