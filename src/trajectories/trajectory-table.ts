import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, Json, TextArray, UpdatedAt } from '../db/columns';

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
  version: ColumnType<number, never, number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
