import type { ActionTable, ActionUpdateTable } from '../actions/action-tables';
import type { AuditLogTable } from '../audit/audit-table';
import type { BotConversationTable, BotUserTable } from '../../bot/data/bot-tables';
import type { FollowUpTable } from '../follow-ups/follow-up-table';
import type { DomainTable } from '../domains/domain-table';
import type { IndicatorTable, MeasurementTable } from '../indicators/indicator-tables';
import type { InitiativeTable } from '../initiatives/initiative-table';
import type { MeetingTable } from '../meetings/meeting-table';
import type { OperationalObjectiveTable, StrategicObjectiveTable } from '../objectives/objective-tables';
import type { BodyTable, MembershipTable, PersonTable } from '../people/people-tables';
import type { PlanChangeTable } from '../plan/plan-change-table';
import type { TenantAdminTable, TenantTable } from '../tenants/tenant-table';
import type { TrajectoryTable } from '../trajectories/trajectory-table';

/** Kysely's view of the database; slices own their table types, this only lists them. */
export interface Database {
  tenant: TenantTable;
  tenantAdmin: TenantAdminTable;
  planChange: PlanChangeTable;
  trajectory: TrajectoryTable;
  person: PersonTable;
  body: BodyTable;
  membership: MembershipTable;
  domain: DomainTable;
  strategicObjective: StrategicObjectiveTable;
  operationalObjective: OperationalObjectiveTable;
  action: ActionTable;
  actionUpdate: ActionUpdateTable;
  indicator: IndicatorTable;
  measurement: MeasurementTable;
  initiative: InitiativeTable;
  meeting: MeetingTable;
  auditLog: AuditLogTable;
  botConversation: BotConversationTable;
  botUser: BotUserTable;
  followUp: FollowUpTable;
}
