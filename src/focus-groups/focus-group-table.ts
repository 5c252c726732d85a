import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, TextArray, UpdatedAt } from '../db/columns';

/** A conversation with parents before a work group starts; participants are only counted. */
export interface FocusGroupTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  domainId: string | null;
  bodyId: string | null;
  title: string;
  plannedOn: DateOnly | null;
  heldOn: DateOnly | null;
  location: ColumnType<string, string | undefined, string>;
  participantCount: number | null;
  themes: TextArray;
  notes: ColumnType<string, string | undefined, string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** What parents proposed, and where in the plan it went (domain, objective, action). */
export interface FocusGroupProposalTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  focusGroupId: string;
  text: string;
  theme: ColumnType<string, string | undefined, string>;
  domainId: string | null;
  operationalObjectiveId: string | null;
  actionId: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
