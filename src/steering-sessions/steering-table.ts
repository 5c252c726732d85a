import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, Json, UpdatedAt } from '../db/columns';

/** One of the steering group's first three meetings (number 1–3), with the answers by prompt code. */
export interface SteeringSessionTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  number: number;
  meetingId: string | null;
  heldOn: DateOnly | null;
  answers: Json<Record<string, string>>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** A steering-group member's homework between meeting 1 and 2: a case and a dream. */
export interface SteeringHomeworkAnswerTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  personId: string;
  caseText: ColumnType<string, string | undefined, string>;
  dreamText: ColumnType<string, string | undefined, string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
