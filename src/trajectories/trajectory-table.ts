import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, Json, TextArray, UpdatedAt } from '../db/columns';

type NullableColumn<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type PhaseState = 'todo' | 'in_progress' | 'done';

export interface TrajectoryTable {
  tenantId: string;
  id: Id;
  name: string;
  municipality: string;
  periodStart: DateOnly;
  periodEnd: DateOnly;
  mission: ColumnType<string, string | undefined, string>;
  vision: ColumnType<string, string | undefined, string>;
  qualityCriteria: TextArray;
  phaseProgress: Json<Record<string, PhaseState>>;
  teamId: string | null;
  reminderDaysBefore: ColumnType<number, number | undefined, number>;
  /** Phase 1 and 2 records (migration 0005): the college's decision and the coordinator's appointment. */
  policyDecidedOn: NullableColumn<DateOnly>;
  policyStaffFte: NullableColumn<number>;
  policyBudget: NullableColumn<number>;
  policyNote: ColumnType<string, string | undefined, string>;
  coordinatorAppointedOn: NullableColumn<DateOnly>;
  coordinatorJobShare: NullableColumn<number>;
  facilitatorOrganisation: ColumnType<string, string | undefined, string>;
  facilitatorEngagedOn: NullableColumn<DateOnly>;
  /** The policy period this one continues (src/periods/). */
  originTrajectoryId: ColumnType<string | null, string | null | undefined, never>;
  /** Set when the next period starts: from then on read-only. */
  closedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
  version: ColumnType<number, never, number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
