import type { ColumnType } from 'kysely';
import type { CreatedAt, Id } from '../db/columns';

/** 'homework': the card a coordinator sends between steering-group meetings 1 and 2 (src/steering-sessions). */
export const followUpKinds = ['before_due', 'due', 'overdue', 'steering_group', 'homework'] as const;
export type FollowUpKind = (typeof followUpKinds)[number];
export const followUpStates = ['pending', 'sending', 'sent', 'skipped', 'failed', 'uncertain'] as const;
export type FollowUpState = (typeof followUpStates)[number];

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * The sent log: one row per (person, subject, occasion), unique, so a reminder can be sent at
 * most once. `state` walks pending → sending → sent | skipped | failed | uncertain.
 */
export interface FollowUpTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  personId: string;
  subjectId: string;
  actionId: string | null;
  meetingId: string | null;
  /** A measurement that is due (kind 'due' or 'overdue' about a measurement plan, not an action). */
  measurementPlanId: ColumnType<string | null, string | null | undefined, string | null>;
  kind: FollowUpKind;
  occasion: string;
  priority: number;
  notBefore: Timestamp;
  state: ColumnType<FollowUpState, FollowUpState | undefined, FollowUpState>;
  attempts: ColumnType<number, number | undefined, number>;
  claimedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  claimedBy: string | null;
  sentAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  activityId: string | null;
  conversationId: string | null;
  detail: string | null;
  createdAt: CreatedAt;
}
