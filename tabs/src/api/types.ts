/** The shapes the tabs read from the Kansrijk API (see /api/openapi.json). */
import type { ActionStatus, smartChecks } from '../../../src/shared/enums';

// One vocabulary for server and tabs: enums.ts has no imports, so it bundles as is.
export { actionStatuses, openStatuses, sectors, sevenB, smartChecks, type ActionStatus } from '../../../src/shared/enums';
export type SmartCheck = (typeof smartChecks)[number];

export interface Me {
  tenantId: string;
  userId: string;
  name: string;
  admin: boolean;
  /** What the caller may do across the tenant (docs/permissions.md); the tabs render from it. */
  permissions: string[];
  trajectories: { id: string; name: string; municipality: string; roles: string[]; permissions: string[] }[];
}

export interface Trajectory {
  id: string;
  name: string;
  municipality: string;
  periodStart: string;
  periodEnd: string;
  roles: string[];
  /** What the caller may do here (docs/permissions.md); the tabs render from it, never guess. */
  permissions: string[];
  /** Domains whose work group the caller belongs to: there they edit objectives and actions. */
  workGroupDomainIds: string[];
  personId: string | null;
  version: number;
}

export interface PlanIndicator {
  id: string;
  kind: 'output' | 'outcome' | string;
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  latestValue: number | null;
  latestOn: string | null;
  measurementCount: number;
}

export interface PlanAction {
  id: string;
  title: string;
  status: ActionStatus;
  ownerId: string | null;
  partners: string[];
  startDate: string | null;
  dueDate: string | null;
  means: string;
  budget: number | null;
  overdue: boolean;
  version: number;
  indicators: PlanIndicator[];
}

export interface PlanOperational {
  id: string;
  title: string;
  description: string;
  targetDate: string | null;
  smartSpecific: boolean;
  smartMeasurable: boolean;
  smartAgreed: boolean;
  smartRealistic: boolean;
  smartTimeBound: boolean;
  actions: PlanAction[];
}

export interface PlanStrategic {
  id: string;
  title: string;
  description: string;
  operationalObjectives: PlanOperational[];
}

export interface PlanDomain {
  id: string;
  name: string;
  description: string;
  approach: 'structural' | 'mitigating' | string;
  state: 'active' | 'later' | string;
  strategicObjectives: PlanStrategic[];
}

export interface Plan {
  trajectory: { id: string; name: string; municipality: string; version: number };
  today: string;
  people: { id: string; displayName: string }[];
  domains: PlanDomain[];
}

/** An action as GET/PATCH /actions/:id answer it (and a 412 problem's `current`). */
export interface Action {
  id: string;
  trajectoryId: string;
  domainId: string;
  operationalObjectiveId: string;
  title: string;
  description: string;
  ownerId: string | null;
  partners: string[];
  startDate: string | null;
  dueDate: string | null;
  status: ActionStatus;
  means: string;
  budget: number | null;
  intendedResult: string;
  expectedResult: string;
  evaluationMethod: string;
  sevenB: string[];
  version: number;
  updatedAt: string;
}

export interface ActionListItem extends Action {
  operationalObjectiveTitle: string;
  domainName: string;
  ownerName: string | null;
  overdue: boolean;
}

export interface ActionUpdate {
  id: string;
  authorName: string;
  note: string;
  statusFrom: string | null;
  statusTo: string | null;
  dueFrom: string | null;
  dueTo: string | null;
  createdAt: string;
}

export interface Measurement {
  id: string;
  measuredOn: string;
  value: number;
  note: string;
}

export interface Person {
  id: string;
  displayName: string;
  entraObjectId: string | null;
  email: string | null;
  phone: string | null;
  contactHidden: boolean;
  organisation: string | null;
  sector: string | null;
  contactPreference: string;
  isParent: boolean;
  memberships: { id: string; bodyId: string; role: string; bodyKind: string }[];
}

export interface Body {
  id: string;
  kind: 'steering_group' | 'work_group' | 'parents_group' | string;
  name: string;
  domainId: string | null;
}

export type WarningCode =
  | 'no_steering_group'
  | 'steering_group_few_parents'
  | 'steering_group_not_met'
  | 'too_many_active_domains'
  | 'no_structural_domain'
  | 'action_without_owner'
  | 'action_without_due_date'
  | 'action_without_outcome_indicator'
  | 'objective_smart_incomplete'
  | 'owner_overloaded';

export interface OverviewWarning {
  code: WarningCode;
  severity: 'high' | 'medium' | 'low';
  params: Record<string, string | number | null | string[]>;
  target: { kind: 'trajectory' | 'body' | 'domain' | 'operationalObjective' | 'action' | 'person'; id: string };
}

export interface Overview {
  trajectory: { id: string; name: string; municipality: string; periodStart: string; periodEnd: string };
  today: string;
  phases: { phase: string; state: 'todo' | 'in_progress' | 'done' }[];
  nextMeetings: {
    id: string;
    title: string;
    startsAt: string;
    endsAt: string;
    location: string;
    online: boolean;
    dayPart: string;
    body: { id: string; name: string; kind: string };
  }[];
  overdueCount: number;
  overdueActions: { id: string; title: string; status: ActionStatus; dueDate: string; ownerName: string | null; domainName: string }[];
  statusByDomain: { domainId: string; name: string; approach: string; state: string; total: number; counts: Record<ActionStatus, number> }[];
  warnings: OverviewWarning[];
  warningCounts: Record<string, number>;
}

export interface DevUser {
  tenantId: string;
  tenantName: string;
  userId: string;
  name: string;
  roles: string[];
}
