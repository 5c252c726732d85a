import type { ColumnType } from 'kysely';
import type { CreatedAt, DateOnly, Id, TextArray, UpdatedAt } from '../db/columns';

type Text = ColumnType<string, string | undefined, string>;

export interface InitiativeTable {
  tenantId: string;
  id: Id;
  trajectoryId: string;
  name: string;
  description: Text;
  state: string;
  /** The partners joined by ", ": kept for clients and rows from before `partners` (0007). */
  partner: Text;
  partners: TextArray;
  sectors: TextArray;
  targetGroup: Text;
  reachFamilies: ColumnType<number | null, number | null | undefined, number | null>;
  reachChildren: ColumnType<number | null, number | null | undefined, number | null>;
  since: ColumnType<DateOnly | null, DateOnly | null | undefined, DateOnly | null>;
  /** An organisation to ask about it, never a person's (let alone a parent's) details. */
  contactOrganisation: Text;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  effect: Text;
  domainId: string | null;
  operationalObjectiveId: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
