import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, Json, UpdatedAt } from '../db/columns';
import type { AnswerValue, Question } from './questionnaire-model';

export interface QuestionnaireTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  actionId: string;
  kind: string;
  state: ColumnType<string, string | undefined, string>;
  titleNl: string;
  titleEn: ColumnType<string, string | undefined, string>;
  introNl: ColumnType<string, string | undefined, string>;
  introEn: ColumnType<string, string | undefined, string>;
  questions: Json<Question[]>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** The answers of one respondent; names nobody (see the migration). */
export interface QuestionnaireResponseTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  questionnaireId: string;
  channel: string;
  answers: Json<Record<string, AnswerValue>>;
  submittedOn: DateOnly;
}

/** That a person took part, and who entered it for them; never what they answered. */
export interface QuestionnaireParticipationTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  questionnaireId: string;
  personId: string;
  indirect: boolean;
  recordedByPersonId: string | null;
  recordedOn: DateOnly;
}

export interface QuestionnaireLinkTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  questionnaireId: string;
  tokenHash: string;
  expiresAt: ColumnType<Date, Date | string, Date | string>;
  used: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: CreatedAt;
}
