import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, TextArray, UpdatedAt } from '../db/columns';

type Text = ColumnType<string, string | undefined, string>;

export interface ActionTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  domainId: string;
  operationalObjectiveId: string;
  title: string;
  description: Text;
  ownerId: string | null;
  partners: TextArray;
  startDate: DateOnly | null;
  dueDate: DateOnly | null;
  status: ColumnType<string, string | undefined, string>;
  means: Text;
  budget: number | null;
  intendedResult: Text;
  expectedResult: Text;
  evaluationMethod: Text;
  sevenB: TextArray;
  position: ColumnType<number, number | undefined, number>;
  /** The row this one continues in the previous policy period (src/periods/). */
  originId: ColumnType<string | null, string | null | undefined, never>;
  adjustment: ColumnType<string | null, string | null | undefined, string | null>;
  adjustmentReason: ColumnType<string, string | undefined, string>;
  /** The meeting whose minutes decided this action (migration 0013). */
  meetingId: ColumnType<string | null, string | null | undefined, string | null>;
  agendaItemId: ColumnType<string | null, string | null | undefined, string | null>;
  version: ColumnType<number, never, number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ActionUpdateTable {
  tenantId: string;
  id: Id;
  actionId: string;
  authorPersonId: string | null;
  authorName: string;
  note: Text;
  statusFrom: string | null;
  statusTo: string | null;
  dueFrom: DateOnly | null;
  dueTo: DateOnly | null;
  createdAt: ColumnType<Date, Date | string | undefined, never>;
}
