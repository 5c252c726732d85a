import type { ColumnType } from 'kysely';
import type { CreatedAt, Id, UpdatedAt } from '../db/columns';

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Stamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface MeetingTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  bodyId: string;
  title: string;
  startsAt: ColumnType<Date, Date | string, Date | string>;
  endsAt: ColumnType<Date, Date | string, Date | string>;
  location: Defaulted<string>;
  online: Defaulted<boolean>;
  dayPart: Defaulted<string>;
  state: Defaulted<string>;
  organiserId: Nullable<string>;
  onlineJoinUrl: Defaulted<string>;
  /** The Outlook event in the organiser's calendar, when Graph is configured. */
  graphEventId: Nullable<string>;
  /** RFC 5545 SEQUENCE of the .ics invitations: each change to the meeting raises it. */
  icalSequence: Defaulted<number>;
  agendaDaysBefore: Defaulted<number>;
  agendaPostedAt: Stamp;
  agendaActivityId: Nullable<string>;
  agendaFixedAt: Stamp;
  minutesNotes: Defaulted<string>;
  minutesSubmittedAt: Stamp;
  minutesRemark: Defaulted<string>;
  minutesApprovedBy: Nullable<string>;
  minutesApprovedAt: Stamp;
  cancelledAt: Stamp;
  parentsRemindedAt: Stamp;
  parentsCheckPostedAt: Stamp;
  /** Practical answers for parents (migration 0016). */
  directions: Defaulted<string>;
  childcare: Defaulted<string>;
  compensation: Defaulted<string>;
  cancelReason: Defaulted<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface MeetingAttendeeTable {
  tenantId: string;
  meetingId: string;
  personId: string;
  response: Defaulted<string>;
  attendance: Defaulted<string>;
  checkedInBy: Nullable<string>;
  checkedInAt: Stamp;
  checkInNote: Defaulted<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface AgendaItemTable {
  tenantId: string;
  id: Id;
  meetingId: string;
  trajectoryId: string;
  position: number;
  title: string;
  kind: Defaulted<string>;
  presenterId: Nullable<string>;
  durationMinutes: Defaulted<number>;
  domainId: Nullable<string>;
  operationalObjectiveId: Nullable<string>;
  actionId: Nullable<string>;
  proposedBy: Nullable<string>;
  notes: Defaulted<string>;
  decisions: Defaulted<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface MinutesDeliveryTable {
  tenantId: string;
  id: Id;
  meetingId: string;
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

export interface OutboxMessageTable {
  tenantId: string;
  id: Id;
  trajectoryId: Nullable<string>;
  kind: string;
  recipients: ColumnType<string[], string[], string[]>;
  subject: string;
  fileName: string;
  bytes: number;
  createdAt: CreatedAt;
}
