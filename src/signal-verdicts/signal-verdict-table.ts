import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, UpdatedAt } from '../db/columns';

/** The signal group's verdict on an action or a whole domain, recorded on the group's behalf. */
export interface SignalVerdictTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  bodyId: string;
  domainId: string;
  /** Null: the verdict is about the whole domain. */
  actionId: string | null;
  verdict: string;
  reasons: ColumnType<string, string | undefined, string>;
  givenOn: DateOnly;
  /** Who wrote it down (the coordinator or the group's trusted person); the group gave it. */
  recordedById: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
