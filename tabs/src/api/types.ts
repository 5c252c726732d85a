/**
 * The shapes the tabs read from the Kansrijk API. Derived from the zod schemas the server's routes
 * answer with (`z.output` of the route's `response:`), so that a changed response shape fails the
 * tabs' typecheck. Type-only imports: Vite erases them, nothing of the server is bundled.
 * Hand-written still: what no schema covers, and the plan's rights as the tabs spread them out (PlanCan).
 */
import type { z } from 'zod';
import type { smartChecks } from '../../../src/shared/enums';
import type { actionListItem, actionOutput, actionUpdateOutput } from '../../../src/actions/action-service';
import type { importResult as actionImportResult } from '../../../src/actions/action-bulk-routes';
import type { reassignOutput } from '../../../src/actions/action-reassign';
import type { auditEntry } from '../../../src/audit/audit-routes';
import type { contextDeviationOutput, contextImportOutput, contextListOutput, contextValueOutput } from '../../../src/context-indicators/context-service';
import type { focusGroupOutput, proposalOutput } from '../../../src/focus-groups/focus-group-resources';
import type { proposalTraces } from '../../../src/focus-groups/focus-group-service';
import type { indicatorOutput, measurementOutput } from '../../../src/indicators/indicator-resources';
import type { initiativeOutput } from '../../../src/initiatives/initiative-resource';
import type { outboxEntry } from '../../../src/mail/outbox-routes';
import type { plannedMeasurement, plannedMeasurements } from '../../../src/measurement-plans/measurement-plan-service';
import type { agendaItemOutput, attendeeOutput, deliveryLog, meetingActionOutput, meetingCan, meetingDetail, meetingOutput, meetingTimes, parentsToCall } from '../../../src/meetings/meeting-schemas';
import type { overviewOutput } from '../../../src/overview/overview-schemas';
import type { overviewWarning } from '../../../src/overview/overview-rules';
import type { bodyOutput } from '../../../src/people/body-resources';
import type { personOutput } from '../../../src/people/people-service';
import type { bodyDeleteImpactOutput, directoryOutput, peopleSetupOutput, personDeleteImpactOutput } from '../../../src/people/people-setup-schemas';
import type { lineageOutput, periodOutput } from '../../../src/periods/period-service';
import type { phaseOutput } from '../../../src/phases/phase-rules';
import type { deleteImpactOutput } from '../../../src/plan/delete-impact';
import type { planIndicatorsOutput, planOutput } from '../../../src/plan/plan-service';
import type { ActionField, actionCanOutput, domainCanOutput, indicatorCanOutput, operationalObjectiveCanOutput, strategicObjectiveCanOutput } from '../../../src/auth/entity-rights';
import type { questionnaireOutput, resultsOutput } from '../../../src/questionnaires/questionnaire-service';
import type { collegeScheduleOutput, reportDeliveryLog, reportDetail, reportOutput, reportSnapshot } from '../../../src/reports/report-schemas';
import type { signalVerdictOutput } from '../../../src/signal-verdicts/signal-verdict-service';
import type { homeworkOutput, homeworkSendOutput, sessionOutput, sessionsOutput } from '../../../src/steering-sessions/steering-service';
import type { trajectoryOutput } from '../../../src/trajectories/trajectory-service';
import type { meOutput } from '../../../src/trajectories/trajectory-routes';

// One vocabulary for server and tabs: enums.ts has no imports, so it bundles as is.
export { actionStatuses, adjustments, openStatuses, sectors, sevenB, smartChecks, type ActionStatus } from '../../../src/shared/enums';
export type SmartCheck = (typeof smartChecks)[number];

/**
 * A runtime list of every value of a server enum whose module the tabs may not bundle: tsc fails
 * when the list names a value the server does not know, or misses one it does.
 */
function everyValueOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}

export type Me = z.output<typeof meOutput>;

export type Trajectory = z.output<typeof trajectoryOutput>;

export type Adjustment = NonNullable<z.output<typeof actionOutput>['adjustment']>;

/** GET /api/v1/trajectories/{id}/periods: the chain of policy periods the caller takes part in. */
export type PolicyPeriod = z.output<typeof periodOutput>;

/** GET /api/v1/actions/{id}/history (and the objectives'): one row in each period. */
export type LineageEntry = z.output<typeof lineageOutput>[number];

/** One roadmap phase as GET /api/v1/trajectories/{id}/phases derives it from the data. */
export type RoadmapPhaseInfo = z.output<typeof phaseOutput>;
export type PhaseState = RoadmapPhaseInfo['state'];
export type PhaseView = RoadmapPhaseInfo['view'];

/** The plan as GET /api/v1/trajectories/{id}/plan sends it: rights said once per domain. */
export type PlanWire = z.output<typeof planOutput>;
export type PlanDomain = PlanWire['domains'][number];
export type PlanStrategic = PlanDomain['strategicObjectives'][number];
export type PlanOperational = PlanStrategic['operationalObjectives'][number];
export type PlanAction = PlanOperational['actions'][number];
/** GET /api/v1/trajectories/{id}/plan/indicators: kept out of the plan, which no view needs them in at first paint. */
export type PlanIndicator = z.output<typeof planIndicatorsOutput>['indicators'][number];

/*
 * What the caller may do with each entity, as the server decides it (src/auth/entity-rights.ts,
 * the same code that enforces it). Controls are rendered from these, never guessed.
 */
export type { ActionField };
export type ActionCan = z.output<typeof actionCanOutput>;
export type DomainCan = z.output<typeof domainCanOutput>;
export type StrategicObjectiveCan = z.output<typeof strategicObjectiveCanOutput>;
export type OperationalObjectiveCan = z.output<typeof operationalObjectiveCanOutput>;
export type IndicatorCan = z.output<typeof indicatorCanOutput>;
/** The plan's rights by entity id, as tabs/src/data/plan.ts spreads the server's per-domain answer out. */
export interface PlanCan {
  trajectory: PlanWire['can']['trajectory'];
  /** An entity where the caller holds no right is left out. */
  domains: Record<string, DomainCan>;
  strategicObjectives: Record<string, StrategicObjectiveCan>;
  operationalObjectives: Record<string, OperationalObjectiveCan>;
  actions: Record<string, ActionCan>;
}

export type Plan = Omit<PlanWire, 'can'> & { can: PlanCan };

/** An action as GET/PATCH /actions/:id answer it (and a 412 problem's `current`, which lacks `can`). */
export type Action = z.output<typeof actionOutput> & {
  /** Absent only in a 412 problem's `current`. */
  can?: ActionCan;
};

export type ActionListItem = Omit<z.output<typeof actionListItem>, 'can'> & Pick<Action, 'can'>;

export type ActionUpdate = z.output<typeof actionUpdateOutput>;

export type Measurement = z.output<typeof measurementOutput>;

export type Person = z.output<typeof personOutput>;

/** GET /trajectories/{id}/people-setup: the roles the caller may grant, whether the people picker works. */
export type PeopleSetup = z.output<typeof peopleSetupOutput>;

export type PersonDeleteImpact = z.output<typeof personDeleteImpactOutput>;

export type BodyDeleteImpact = z.output<typeof bodyDeleteImpactOutput>;

export type DirectoryUser = z.output<typeof directoryOutput>['users'][number];

/** One line of GET /trajectories/{id}/audit, redacted for the reader by the server. */
export type AuditEntry = z.output<typeof auditEntry>;

export type Body = z.output<typeof bodyOutput>;

export type OverviewWarning = z.output<typeof overviewWarning>;
export type WarningCode = OverviewWarning['code'];

export type Overview = z.output<typeof overviewOutput>;
export type OverviewPersona = Overview['persona'];
export type OverviewSection = Overview['sections'][number];

/** GET /dev/users (development sign-in only; not part of the OpenAPI document). */
export interface DevUser {
  tenantId: string;
  tenantName: string;
  userId: string;
  name: string;
  roles: string[];
}

/** A focus group with parents (src/focus-groups): participants are counted, never named. */
export type FocusGroup = z.output<typeof focusGroupOutput>;

export type FocusGroupProposal = z.output<typeof proposalOutput>;

/** GET /trajectories/{id}/focus-groups/traces: where parents' proposals went. */
export type ProposalTraces = z.output<typeof proposalTraces>;

/** An existing initiative of the inventory (GET /trajectories/:id/initiatives). */
export type Initiative = z.output<typeof initiativeOutput>;

/** The environment analysis (GET /trajectories/:id/context-values). */
export type ContextValue = z.output<typeof contextValueOutput>;
export type ContextLevel = ContextValue['level'];
export const contextLevels = everyValueOf<ContextLevel>()(['municipality', 'arrondissement', 'province', 'region']);
export type ContextDeviation = z.output<typeof contextDeviationOutput>;
export type ContextList = z.output<typeof contextListOutput>;
export type ContextUnit = ContextList['deviationRule']['units'][number];
export type ContextImportResult = z.output<typeof contextImportOutput>;

/** GET /api/v1/trajectories/{id}/steering-sessions (src/steering-sessions). */
export type SteeringSessions = z.output<typeof sessionsOutput>;
export type SteeringSession = z.output<typeof sessionOutput>;
export type SteeringMeetingRef = SteeringSessions['steeringMeetings'][number];
export type HomeworkMember = z.output<typeof homeworkOutput>['members'][number];
export type HomeworkSendResult = z.output<typeof homeworkSendOutput>;

/** Result and satisfaction questionnaires (src/questionnaires/). */
export type Questionnaire = z.output<typeof questionnaireOutput>;
export type QuestionnaireQuestion = Questionnaire['questions'][number];

/** GET /api/v1/trajectories/{id}/questionnaire-results: a breakdown only from 5 answers. */
export type QuestionnaireResults = z.output<typeof resultsOutput>;

/** GET /api/v1/trajectories/{id}/measurement-plans (issue 14). */
export type PlannedMeasurement = z.output<typeof plannedMeasurement>;
export type PlannedMeasurements = z.output<typeof plannedMeasurements>;
export type MeasurementFrequency = PlannedMeasurement['frequency'];
export const measurementFrequencies = everyValueOf<MeasurementFrequency>()(['monthly', 'quarterly', 'half_yearly', 'yearly']);

/** GET /api/v1/trajectories/{id}/signal-verdicts (issue 14). */
export type SignalVerdict = z.output<typeof signalVerdictOutput>;
export type SignalVerdictValue = SignalVerdict['verdict'];
export const signalVerdicts = everyValueOf<SignalVerdictValue>()(['works', 'partly', 'not']);

/** Meetings (issue 9): GET /api/v1/trajectories/{id}/meetings, GET /api/v1/meetings/{id}. */
export type Meeting = z.output<typeof meetingOutput>;
export type MeetingCan = z.output<typeof meetingCan>;
export type MeetingState = Meeting['state'];
export type MeetingTransition = MeetingCan['transitions'][number];
export type MeetingAttendee = z.output<typeof attendeeOutput>;
export type AgendaItem = z.output<typeof agendaItemOutput>;
export type AgendaKind = AgendaItem['kind'];
export const agendaKinds = everyValueOf<AgendaKind>()(['information', 'discussion', 'decision']);
export type AttendanceState = MeetingAttendee['attendance'];
export const attendanceStates = everyValueOf<AttendanceState>()(['unknown', 'present', 'excused', 'absent']);
export type MeetingActionRef = z.output<typeof meetingActionOutput>;
export type MeetingDetail = z.output<typeof meetingDetail>;

/** POST /api/v1/trajectories/{id}/meeting-times: Brussels wall times, and parents' attendance by day part (counts). */
export type MeetingTimes = z.output<typeof meetingTimes>;

/** GET /api/v1/meetings/{id}/parents-to-call: only the caller's own parents (or all, for the coordinator). */
export type ParentsToCall = z.output<typeof parentsToCall>;

/** GET /api/v1/meetings/{id}/deliveries: who the approved minutes went to (addresses masked for non-organisers). */
export type MinutesDelivery = z.output<typeof deliveryLog>['deliveries'][number];

/** GET /api/v1/trajectories/{id}/outbox: mail written locally because Graph is not configured. */
export type OutboxEntry = z.output<typeof outboxEntry>;

/** Reports to the college (src/reports/report-schemas.ts). */
export type Report = z.output<typeof reportOutput>;
export type ReportState = Report['state'];
export type ReportTotals = Report['totals'];
export type ReportSnapshot = z.output<typeof reportSnapshot>;
export type ReportSnapshotAction = ReportSnapshot['domains'][number]['strategicObjectives'][number]['operationalObjectives'][number]['actions'][number];
export type ReportDetail = z.output<typeof reportDetail>;
export type ReportDelivery = z.output<typeof reportDeliveryLog>['deliveries'][number];
export type CollegeSchedule = z.output<typeof collegeScheduleOutput>;

/* Setting up the plan from the tabs (helper F): indicators, delete impacts, bulk changes to actions. */

/** An indicator as /actions/{id}/indicators and /indicators/{id} answer it. */
export type Indicator = Omit<z.output<typeof indicatorOutput>, 'can'> & { can?: IndicatorCan };

/** What a delete takes with it (GET …/{id}/delete-impact), and whether the caller may delete it. */
export type DeleteImpact = z.output<typeof deleteImpactOutput>;
export type DeleteImpactKind = DeleteImpact['kind'];

export type ReassignResult = z.output<typeof reassignOutput>;

export type ActionImportResult = z.output<typeof actionImportResult>;
