import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, Json, UpdatedAt } from '../db/columns';
import type { ReportSnapshot } from './report-schemas';

type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Stamp = ColumnType<Date | null, Date | null | undefined, Date | null>;

/** Migration 0017. */
export interface CollegeScheduleTable {
  tenantId: string;
  trajectoryId: string;
  weekday: number;
  meetingTime: Defaulted<string>;
  exceptions: ColumnType<string[], string[] | undefined, string[]>;
  frequency: Defaulted<string>;
  cardWorkingDaysBefore: Defaulted<number>;
  secretaryName: Defaulted<string>;
  secretaryEmail: Defaulted<string>;
  locale: Defaulted<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ReportTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  periodStart: DateOnly;
  periodEnd: DateOnly;
  collegeDate: Nullable<DateOnly>;
  state: Defaulted<string>;
  summary: Defaulted<string>;
  decisionsRequested: Defaulted<string>;
  budgetRequests: Defaulted<string>;
  remark: Defaulted<string>;
  snapshot: Json<ReportSnapshot>;
  generatedAt: ColumnType<Date, Date | undefined, Date>;
  createdBy: Nullable<string>;
  submittedAt: Stamp;
  submittedBy: Nullable<string>;
  submissions: Defaulted<number>;
  approvedAt: Stamp;
  approvedBy: Nullable<string>;
  sentBackAt: Stamp;
  chairCardSentAt: Stamp;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ReportDeliveryTable {
  tenantId: string;
  id: Id;
  reportId: string;
  trajectoryId: string;
  personId: Nullable<string>;
  address: string;
  recipientName: Defaulted<string>;
  reason: string;
  transport: string;
  state: Defaulted<string>;
  attempts: Defaulted<number>;
  /** The Graph draft created before sending: a restart resends that draft, never a new one. */
  draftId: Nullable<string>;
  sentAt: Stamp;
  error: Defaulted<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
