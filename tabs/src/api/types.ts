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
  /** Phase 1–2 records (the college's decision, the coordinator's appointment); absent in older answers. */
  policyDecidedOn?: string | null;
  policyStaffFte?: number | null;
  policyBudget?: number | null;
  policyNote?: string;
  coordinatorAppointedOn?: string | null;
  coordinatorJobShare?: number | null;
  facilitatorOrganisation?: string;
  facilitatorEngagedOn?: string | null;
  /** The policy period this one continues, and when it was closed (then read-only). */
  originTrajectoryId?: string | null;
  closedAt?: string | null;
}

export const adjustments = ['kept', 'changed', 'stopped'] as const;
export type Adjustment = (typeof adjustments)[number];

/** GET /api/v1/trajectories/{id}/periods: the chain of policy periods the caller takes part in. */
export interface PolicyPeriod {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  closedAt: string | null;
  current: boolean;
}

/** GET /api/v1/actions/{id}/history (and the objectives'): one row in each period. */
export interface LineageEntry {
  id: string;
  trajectoryId: string;
  trajectoryName: string;
  periodStart: string;
  periodEnd: string;
  title: string;
  adjustment: Adjustment | null;
  adjustmentReason: string;
  status: string | null;
}

export type PhaseState = 'todo' | 'in_progress' | 'done';
export type PhaseView = 'overview' | 'plan' | 'board' | 'members' | 'phases' | 'context' | 'inventory' | 'focusGroups' | 'steering';

/** One roadmap phase as GET /api/v1/trajectories/{id}/phases derives it from the data. */
export interface RoadmapPhaseInfo {
  phase: string;
  number: number;
  state: PhaseState;
  date: string | null;
  asks: string[];
  who: string[];
  evidence: { code: string; params: Record<string, string | number | null | string[]>; met: boolean | null }[];
  view: PhaseView;
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
  adjustment?: Adjustment | null;
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
  adjustment?: Adjustment | null;
  actions: PlanAction[];
}

export interface PlanStrategic {
  id: string;
  title: string;
  description: string;
  adjustment?: Adjustment | null;
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

/*
 * What the caller may do with each entity, as the server decides it (src/auth/entity-rights.ts,
 * the same code that enforces it). Controls are rendered from these, never guessed.
 */
export type ActionField =
  | 'title' | 'description' | 'ownerId' | 'partners' | 'startDate' | 'dueDate' | 'status' | 'means' | 'budget'
  | 'intendedResult' | 'expectedResult' | 'evaluationMethod' | 'sevenB' | 'position' | 'adjustment' | 'adjustmentReason'
  | 'operationalObjectiveId' | 'progressNote';
export interface ActionCan { edit: boolean; move: boolean; delete: boolean; report: boolean; addIndicator: boolean; fields: ActionField[] }
export interface DomainCan { edit: boolean; delete: boolean; addStrategicObjective: boolean }
export interface StrategicObjectiveCan { edit: boolean; delete: boolean; addOperationalObjective: boolean }
export interface OperationalObjectiveCan { edit: boolean; delete: boolean; addAction: boolean }
export interface IndicatorCan { edit: boolean; delete: boolean; measure: boolean }
export interface PlanCan {
  trajectory: { edit: boolean; addDomain: boolean; export: boolean };
  /** By id; an entity where the caller holds no right is left out. */
  domains: Record<string, DomainCan>;
  strategicObjectives: Record<string, StrategicObjectiveCan>;
  operationalObjectives: Record<string, OperationalObjectiveCan>;
  actions: Record<string, ActionCan>;
  indicators: Record<string, IndicatorCan>;
}

export interface Plan {
  trajectory: { id: string; name: string; municipality: string; version: number };
  today: string;
  people: { id: string; displayName: string }[];
  domains: PlanDomain[];
  can: PlanCan;
  /** The caller may read the plan but change nothing in it. */
  readOnly: boolean;
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
  adjustment?: Adjustment | null;
  adjustmentReason?: string;
  originId?: string | null;
  version: number;
  updatedAt: string;
  /** Absent only in a 412 problem's `current`. */
  can?: ActionCan;
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
  trustedPersonId?: string | null;
  /** What the caller may do with this person, from the server's own checks. */
  can?: { edit: boolean; delete: boolean; editContact: boolean; trust: boolean };
}

/** GET /trajectories/{id}/people-setup: the roles the caller may grant, whether the people picker works. */
export interface PeopleSetup {
  grantableRoles: string[];
  directorySearch: boolean;
}

export interface PersonDeleteImpact {
  memberships: number;
  actionsWithoutOwner: number;
  parentsWithoutTrustedPerson: number;
  otherTrajectories: number;
}

export interface BodyDeleteImpact {
  memberships: number;
  meetings: number;
  signalVerdicts: number;
}

export interface DirectoryUser {
  id: string;
  displayName: string;
  mail: string | null;
  known: boolean;
}

/** One line of GET /trajectories/{id}/audit, redacted for the reader by the server. */
export interface AuditEntry {
  id: number | string;
  at: string;
  actorName: string;
  actorPersonId: string | null;
  entity: string;
  entityId: string;
  operation: 'create' | 'update' | 'delete';
  changes: Record<string, unknown>;
}

export interface Body {
  id: string;
  kind: 'steering_group' | 'work_group' | 'parents_group' | string;
  name: string;
  domainId: string | null;
  /** A parents' group that evaluates the actions (issue 14). */
  signalGroup?: boolean;
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
  | 'owner_overloaded'
  | 'indicator_without_baseline'
  | 'indicator_without_measurement_plan'
  | 'measurement_overdue';

export interface OverviewWarning {
  code: WarningCode;
  severity: 'high' | 'medium' | 'low';
  params: Record<string, string | number | null | string[]>;
  target: { kind: 'trajectory' | 'body' | 'domain' | 'operationalObjective' | 'action' | 'person' | 'indicator'; id: string };
}

export interface Overview {
  trajectory: { id: string; name: string; municipality: string; periodStart: string; periodEnd: string };
  today: string;
  /** The same derived states as GET …/phases. */
  phases: { phase: string; state: PhaseState; date?: string | null; view?: PhaseView }[];
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
  /** The role overview, decided by the server from the caller's access (src/overview/overview-roles.ts). */
  persona: OverviewPersona;
  personas: OverviewPersona[];
  sections: OverviewSection[];
  readOnly: boolean;
  college?: {
    configured: boolean;
    nextMeeting: string | null;
    chairCardDueOn: string | null;
    report: { id: string; state: string; periodStart: string; periodEnd: string; collegeDate: string | null; submittedAt: string | null; approvedAt: string | null } | null;
  };
  indicatorsOffTrack?: {
    id: string;
    name: string;
    unit: string;
    kind: string;
    actionId: string;
    actionTitle: string;
    domainId: string;
    domainName: string;
    baseline: number;
    target: number;
    latest: { measuredOn: string; value: number };
    progress: number;
    expected: number;
  }[];
  myActions?: { id: string; title: string; status: ActionStatus; dueDate: string | null; domainId: string; domainName: string; urgency: 'overdue' | 'due_soon' | 'later' }[];
  myDomains?: { scope: 'linked' | 'all'; domains: { domainId: string; name: string; approach: string; state: string; total: number; counts: Record<ActionStatus, number>; overdue: number }[] };
  workGroups?: {
    bodyId: string;
    name: string;
    domainId: string;
    domainName: string;
    total: number;
    counts: Record<ActionStatus, number>;
    overdue: number;
    nextMeeting: { id: string; title: string; startsAt: string } | null;
  }[];
  myParents?: {
    parents: { personId: string; displayName: string; phone: string | null; contactPreference: string; nextMeeting: { id: string; title: string; startsAt: string; bodyName: string } | null }[];
    toCall: {
      meetingId: string;
      title: string;
      startsAt: string;
      bodyName: string;
      callOn: string;
      parents: { personId: string; displayName: string; phone: string | null; contactPreference: string; response: string }[];
    }[];
    checkIns: { meetingId: string; title: string; startsAt: string; bodyName: string; parents: { personId: string; displayName: string; attendance: string }[] }[];
  };
}

export type OverviewPersona = 'coordinator' | 'chair' | 'trusted_person' | 'action_owner' | 'work_group' | 'alderman' | 'member';
export type OverviewSection =
  | 'phases'
  | 'college'
  | 'myParents'
  | 'myActions'
  | 'workGroups'
  | 'myDomains'
  | 'warnings'
  | 'overdue'
  | 'indicatorsOffTrack'
  | 'meetings'
  | 'statusByDomain';

export interface DevUser {
  tenantId: string;
  tenantName: string;
  userId: string;
  name: string;
  roles: string[];
}

/** A focus group with parents (src/focus-groups): participants are counted, never named. */
export interface FocusGroup {
  id: string;
  trajectoryId: string;
  domainId: string | null;
  bodyId: string | null;
  title: string;
  plannedOn: string | null;
  heldOn: string | null;
  location: string;
  participantCount: number | null;
  themes: string[];
  notes: string;
  participantWarning: 'too_few' | 'not_counted' | null;
  createdAt: string;
  updatedAt: string;
}

export interface FocusGroupProposal {
  id: string;
  trajectoryId: string;
  focusGroupId: string;
  text: string;
  theme: string;
  domainId: string | null;
  operationalObjectiveId: string | null;
  actionId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /trajectories/{id}/focus-groups/traces: where parents' proposals went. */
export interface ProposalTraces {
  counts: { total: number; action: number; objective: number; open: number };
  proposals: {
    id: string;
    text: string;
    theme: string;
    focusGroup: { id: string; title: string; heldOn: string | null };
    state: 'action' | 'objective' | 'open';
    domain: { id: string; name: string } | null;
    objective: { id: string; title: string } | null;
    action: { id: string; title: string; status: ActionStatus } | null;
  }[];
}

/** An existing initiative of the inventory (GET /trajectories/:id/initiatives). */
export interface Initiative {
  id: string;
  trajectoryId: string;
  name: string;
  description: string;
  state: 'planned' | 'active' | 'finished';
  partner: string;
  partners: string[];
  sectors: string[];
  targetGroup: string;
  reachFamilies: number | null;
  reachChildren: number | null;
  since: string | null;
  contactOrganisation: string;
  source: string | null;
  effect: string;
  domainId: string | null;
  operationalObjectiveId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The environment analysis (GET /trajectories/:id/context-values). */
export type ContextLevel = 'municipality' | 'arrondissement' | 'province' | 'region';
export const contextLevels: readonly ContextLevel[] = ['municipality', 'arrondissement', 'province', 'region'];
export type ContextUnit = 'count' | 'percent' | 'index';

export interface ContextValue {
  id: string;
  trajectoryId: string;
  indicator: string;
  year: number;
  level: ContextLevel;
  area: string;
  value: number;
  source: string;
  createdAt: string;
  updatedAt: string;
}

export interface ContextDeviation {
  indicator: string;
  year: number;
  municipality: number;
  region: number;
  relativeDifference: number;
  flagged: boolean;
}

export interface ContextList {
  catalogue: { code: string; group: 'demography' | 'vulnerable_families'; unit: ContextUnit; higherMeansPressure: boolean }[];
  deviationRule: { threshold: number; comparedWith: 'region'; units: ContextUnit[] };
  values: ContextValue[];
  deviations: ContextDeviation[];
}

export interface ContextImportResult {
  kind: 'csv' | 'xlsx';
  shape: 'long' | 'wide';
  imported: number;
  created: number;
  updated: number;
}

/** GET /api/v1/trajectories/{id}/steering-sessions (src/steering-sessions). */
export interface SteeringMeetingRef {
  id: string;
  title: string;
  startsAt: string;
  state: string;
}

export interface SteeringSession {
  number: 1 | 2 | 3;
  theme: string;
  agenda: { code: string; kind: 'information' | 'discussion' | 'decision'; minutes: number }[];
  prompts: { code: string; maxLength: number }[];
  stored: boolean;
  heldOn: string | null;
  meeting: SteeringMeetingRef | null;
  answers: Record<string, string>;
  updatedAt: string | null;
}

export interface SteeringSessions {
  trajectoryId: string;
  sessions: SteeringSession[];
  steeringMeetings: SteeringMeetingRef[];
  mission: string;
  vision: string;
  qualityCriteria: string[];
  visionCheck: { chosen: string[]; named: string[]; missing: string[]; required: number; ok: boolean };
  homework: { members: number; sent: number; answered: number };
}

export interface HomeworkMember {
  personId: string;
  displayName: string;
  roles: string[];
  teams: boolean;
  trustedPersonName: string | null;
  remindersOff: boolean;
  card: { state: string; sentAt: string | null } | null;
  answer: { caseText: string; dreamText: string; updatedAt: string } | null;
}

export interface HomeworkSendResult {
  queued: { personId: string; displayName: string }[];
  alreadyQueued: { personId: string; displayName: string }[];
  withoutTeams: { personId: string; displayName: string; trustedPersonName: string | null }[];
  remindersOff: { personId: string; displayName: string }[];
  sendsFrom: string;
}

/** Result and satisfaction questionnaires (src/questionnaires/). */
export interface QuestionnaireQuestion {
  id: string;
  type: 'scale' | 'choice' | 'open';
  textNl: string;
  textEn: string;
  options: { id: string; labelNl: string; labelEn: string }[];
}

export interface Questionnaire {
  id: string;
  trajectoryId: string;
  actionId: string;
  domainId: string;
  kind: 'result' | 'satisfaction';
  state: 'open' | 'closed';
  titleNl: string;
  titleEn: string;
  introNl: string;
  introEn: string;
  questions: QuestionnaireQuestion[];
  answerCount: number;
  answeredByMe: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/v1/trajectories/{id}/questionnaire-results: a breakdown only from 5 answers. */
export interface QuestionnaireResults {
  results: {
    questionnaireId: string;
    actionId: string;
    domainId: string;
    kind: 'result' | 'satisfaction';
    title: string;
    answerCount: number;
    questions: { id: string; type: 'scale' | 'choice' | 'open'; text: string; average: number | null; distribution: Record<string, number> | null }[];
  }[];
}

/** GET /api/v1/trajectories/{id}/measurement-plans (issue 14). */
export const measurementFrequencies = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type MeasurementFrequency = (typeof measurementFrequencies)[number];
export interface PlannedMeasurement {
  id: string;
  indicatorId: string;
  indicatorName: string;
  actionId: string;
  actionTitle: string;
  domainId: string;
  measurerId: string | null;
  measurerName: string | null;
  frequency: MeasurementFrequency;
  source: string;
  nextDueOn: string | null;
  lastMeasuredOn: string | null;
  dueOn: string;
  overdue: boolean;
}
export interface PlannedMeasurements {
  today: string;
  plans: PlannedMeasurement[];
}

/** GET /api/v1/trajectories/{id}/signal-verdicts (issue 14). */
export const signalVerdicts = ['works', 'partly', 'not'] as const;
export type SignalVerdictValue = (typeof signalVerdicts)[number];
export interface SignalVerdict {
  id: string;
  bodyId: string;
  bodyName: string;
  domainId: string;
  actionId: string | null;
  actionTitle: string | null;
  verdict: SignalVerdictValue;
  reasons: string;
  givenOn: string;
  recordedById: string | null;
  recordedByName: string | null;
}

/** Meetings (issue 9): GET /api/v1/trajectories/{id}/meetings, GET /api/v1/meetings/{id}. */
export type MeetingState = 'planned' | 'agenda_sent' | 'held' | 'minutes_approved' | 'distributed' | 'cancelled';
export type MeetingTransition = 'fix_agenda' | 'mark_held' | 'submit_minutes' | 'approve_minutes' | 'send_back' | 'cancel';
export const agendaKinds = ['information', 'discussion', 'decision'] as const;
export type AgendaKind = (typeof agendaKinds)[number];
export const attendanceStates = ['unknown', 'present', 'excused', 'absent'] as const;
export type AttendanceState = (typeof attendanceStates)[number];
export interface MeetingCan {
  manage: boolean;
  propose: boolean;
  approve: boolean;
  respond: boolean;
  callParents: boolean;
  transitions: MeetingTransition[];
  editAgenda: boolean;
  editMinutes: boolean;
}
export interface Meeting {
  id: string;
  trajectoryId: string;
  bodyId: string;
  bodyName: string;
  bodyKind: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string;
  online: boolean;
  onlineJoinUrl: string;
  dayPart: 'day' | 'evening';
  state: MeetingState;
  organiserId: string | null;
  agendaDaysBefore: number;
  agendaFixedAt: string | null;
  minutesNotes: string;
  minutesSubmittedAt: string | null;
  minutesRemark: string;
  cancelReason: string;
  minutesApprovedAt: string | null;
  minutesApprovedBy: string | null;
  cancelledAt: string | null;
  channelBound: boolean;
  agendaCount: number;
  attendeeCount: number;
  createdAt: string;
  updatedAt: string;
  can: MeetingCan;
}
export interface MeetingAttendee {
  personId: string;
  displayName: string;
  isParent: boolean;
  hasAccount: boolean;
  trustedPersonName: string | null;
  response: 'none' | 'accepted' | 'tentative' | 'declined';
  attendance: AttendanceState;
  checkedIn: boolean | null;
}
export interface AgendaItem {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  kind: AgendaKind;
  presenterId: string | null;
  presenterName: string | null;
  durationMinutes: number;
  domainId: string | null;
  domainName: string | null;
  operationalObjectiveId: string | null;
  actionId: string | null;
  proposedBy: string | null;
  proposedByName: string | null;
  notes: string;
  decisions: string;
  can: { edit: boolean; delete: boolean; minutes: boolean };
}
export interface MeetingActionRef {
  id: string;
  title: string;
  dueDate: string | null;
  ownerId: string | null;
  ownerName: string | null;
  operationalObjectiveId: string;
  status: ActionStatus;
}
/** POST /api/v1/trajectories/{id}/meeting-times: Brussels wall times, and parents' attendance by day part (counts). */
export interface MeetingTimes {
  graph: boolean;
  suggestions: { start: string; end: string; confidence: number }[];
  parentsCame: { day: number; evening: number };
}

/** GET /api/v1/meetings/{id}/parents-to-call: only the caller's own parents (or all, for the coordinator). */
export interface ParentsToCall {
  meetingId: string;
  parents: {
    personId: string;
    displayName: string;
    phone: string | null;
    contactPreference: string;
    response: 'none' | 'accepted' | 'tentative' | 'declined';
    attendance: 'unknown' | 'present' | 'excused' | 'absent';
    checkedIn: boolean;
    checkInNote: string;
  }[];
}

export interface MeetingDetail extends Meeting {
  attendees: MeetingAttendee[];
  agenda: AgendaItem[];
  actions: MeetingActionRef[];
}
/** GET /api/v1/meetings/{id}/deliveries: who the approved minutes went to (addresses masked for non-organisers). */
export interface MinutesDelivery {
  id: string;
  recipientName: string;
  address: string;
  reason: 'attendee' | 'alderman';
  transport: 'graph' | 'outbox';
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
  error: string | null;
}
/** GET /api/v1/trajectories/{id}/outbox: mail written locally because Graph is not configured. */
export interface OutboxEntry {
  id: string;
  kind: 'invitation' | 'cancellation' | 'minutes' | 'report' | 'other';
  recipients: string[];
  subject: string;
  bytes: number;
  createdAt: string;
}

/** Reports to the college (src/reports/report-schemas.ts); the snapshot is read as the server sends it. */
export type ReportState = 'draft' | 'submitted' | 'sent_back' | 'approved';
export interface ReportTotals {
  domains: number;
  objectives: number;
  actions: number;
  byStatus: Record<ActionStatus, number>;
  overdue: number;
  indicators: number;
}
export interface Report {
  id: string;
  trajectoryId: string;
  periodStart: string;
  periodEnd: string;
  collegeDate: string | null;
  state: ReportState;
  summary: string;
  decisionsRequested: string;
  budgetRequests: string;
  remark: string;
  generatedAt: string;
  submittedByName: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  totals: ReportTotals;
  can: { edit: boolean; regenerate: boolean; submit: boolean; approve: boolean; sendBack: boolean; download: boolean };
}
export interface ReportSnapshotAction {
  id: string;
  title: string;
  status: ActionStatus;
  dueDate: string | null;
  ownerName: string | null;
}
export interface ReportSnapshot {
  period: { start: string; end: string };
  asOf: string;
  totals: ReportTotals;
  domains: { id: string; name: string; byStatus: Record<ActionStatus, number>; strategicObjectives: { id: string; title: string; operationalObjectives: { id: string; title: string; byStatus: Record<ActionStatus, number>; actions: ReportSnapshotAction[] }[] }[] }[];
  comparedWith: { reportId: string; periodStart: string; periodEnd: string } | null;
  changes: { actionId: string; title: string; kind: 'added' | 'removed' | 'status_changed' | 'due_changed'; from: string | null; to: string | null }[];
  overdue: { actionId: string; title: string; domainName: string; dueDate: string; daysOverdue: number; ownerName: string | null; latestNote: { note: string; authorName: string; createdAt: string } | null }[];
  indicators: { id: string; name: string; unit: string; domainName: string; baseline: number | null; target: number | null; latest: { measuredOn: string; value: number } | null; measurements: { measuredOn: string; value: number }[] }[];
  decisions: { meetingId: string; meetingTitle: string; bodyName: string; heldOn: string; agendaItemTitle: string; decisions: string }[];
  nextPeriod: { start: string; end: string };
  next: (ReportSnapshotAction & { domainName: string })[];
}
export interface ReportDetail extends Report {
  snapshot: ReportSnapshot;
}
export interface ReportDelivery {
  id: string;
  recipientName: string;
  address: string;
  reason: 'alderman' | 'secretary';
  transport: 'graph' | 'outbox';
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  sentAt: string | null;
  error: string;
}
export interface CollegeSchedule {
  configured: boolean;
  weekday: number;
  time: string;
  exceptions: string[];
  frequency: 'monthly' | 'quarterly' | 'half_yearly';
  cardWorkingDaysBefore: number;
  secretaryName: string;
  secretaryEmail: string;
  locale: 'nl-BE' | 'en';
  nextMeeting: string | null;
  chairCardDueOn: string | null;
  can: { edit: boolean };
}

/* Setting up the plan from the tabs (helper F): indicators, delete impacts, bulk changes to actions. */

/** An indicator as /actions/{id}/indicators and /indicators/{id} answer it. */
export interface Indicator {
  id: string;
  actionId: string;
  kind: 'output' | 'outcome';
  name: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  can?: IndicatorCan;
}

export type DeleteImpactKind = 'domain' | 'strategic-objective' | 'operational-objective' | 'action' | 'indicator';

/** What a delete takes with it (GET …/{id}/delete-impact), and whether the caller may delete it. */
export interface DeleteImpact {
  kind: DeleteImpactKind;
  id: string;
  trajectoryId: string;
  name: string;
  strategicObjectives: number;
  operationalObjectives: number;
  actions: number;
  indicators: number;
  measurements: number;
  allowed: boolean;
}

export interface ReassignResult {
  reassigned: number;
  skipped: number;
  actionIds: string[];
  skippedActionIds: string[];
}

export interface ActionImportResult {
  dryRun: boolean;
  created: number;
  actions: Action[];
}
