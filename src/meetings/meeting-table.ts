import type { ColumnType } from 'kysely';
import type { CreatedAt, Id, UpdatedAt } from '../db/columns';

export interface MeetingTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  bodyId: string;
  title: string;
  startsAt: ColumnType<Date, Date | string, Date | string>;
  endsAt: ColumnType<Date, Date | string, Date | string>;
  location: ColumnType<string, string | undefined, string>;
  online: ColumnType<boolean, boolean | undefined, boolean>;
  dayPart: ColumnType<string, string | undefined, string>;
  state: ColumnType<string, string | undefined, string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
