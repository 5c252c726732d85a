import type { ColumnType } from 'kysely';
import type { CreatedAt, Id, UpdatedAt } from '../db/columns';

export interface PersonTable {
  tenantId: string;
  id: Id;
  displayName: string;
  entraObjectId: string | null;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  sector: string | null;
  contactPreference: ColumnType<string, string | undefined, string>;
  trustedPersonId: string | null;
  reminders: ColumnType<string, string | undefined, string>;
  /** The trajectory the person was added in; with memberships and owned actions, where they take part. */
  homeTrajectoryId: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface BodyTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  kind: string;
  name: string;
  domainId: string | null;
  /** The body this one continues in the previous policy period (src/periods/). */
  originId: ColumnType<string | null, string | null | undefined, never>;
  /** A parents' group that evaluates the actions as the signal group (migration 0010). */
  signalGroup: ColumnType<boolean, boolean | undefined, boolean>;
  /** The Teams channel where the bot posts this body's agenda and minutes (migration 0013). */
  channelId: ColumnType<string | null, string | null | undefined, string | null>;
  channelTeamId: ColumnType<string | null, string | null | undefined, string | null>;
  channelName: ColumnType<string, string | undefined, string>;
  channelBoundAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface MembershipTable {
  tenantId: string;
  id: Id;
  bodyId: string;
  personId: string;
  role: string;
  createdAt: CreatedAt;
}
