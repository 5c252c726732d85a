import { z } from 'zod';
import type { FocusGroupFacts } from '../focus-groups/focus-group-facts';
import { contextCatalogueSize, type ContextFact } from '../context-indicators/context-facts';
import type { OverviewFacts } from '../overview/overview-repository';
import { isOpen, MAX_ACTIVE_DOMAINS, MIN_PARENTS_IN_STEERING_GROUP } from '../overview/overview-rules';
import { phaseStates, roadmapPhases, type MemberRole } from '../shared/enums';

/*
 * The roadmap's ten phases, each judged from the data rather than ticked by hand: a phase is
 * "done" only when the data shows what the roadmap asks of it, so the tracker can never claim
 * more than the plan holds. Every phase is derived; the trajectory's hand-ticked phaseProgress
 * is no longer read (no phase is left that the data cannot tell at all).
 * Pure: the service loads the facts, this decides.
 */

export type RoadmapPhase = (typeof roadmapPhases)[number];
export type PhaseState = (typeof phaseStates)[number];

export const phaseViews = ['overview', 'plan', 'board', 'members', 'phases', 'context', 'inventory', 'focusGroups', 'steering'] as const;
export type PhaseView = (typeof phaseViews)[number];

/** The fewest work-group domains the roadmap thinks worth running at once (and MAX_ACTIVE_DOMAINS the most). */
export const MIN_ACTIVE_DOMAINS = 2;
/**
 * Enough of the environment analysis: this many indicators of the catalogue with a value for the
 * municipality and at least one level to compare it with: half of the catalogue, rounded up.
 */
export const MIN_CONTEXT_INDICATORS = Math.ceil(contextCatalogueSize / 2);

/** The roles the roadmap wants in the steering group; `parent` stands for "several parents" (MIN_PARENTS_IN_STEERING_GROUP). */
export const steeringGroupRoles = ['facilitator', 'coordinator', 'chair', 'parent', 'alderman', 'staff', 'partner'] as const satisfies readonly MemberRole[];

export const phaseActors = [
  'college',
  'coordinator',
  'facilitator',
  'chair',
  'aldermen',
  'social_service',
  'steering_group',
  'work_groups',
  'work_group_chairs',
  'action_owners',
  'parents',
] as const;
type Actor = (typeof phaseActors)[number];

interface Guide {
  asks: readonly string[];
  who: readonly Actor[];
  view: PhaseView;
}

/** What each phase asks and who does it (codes; the tabs hold the words). */
export const phaseGuide: Record<RoadmapPhase, Guide> = {
  beleidsbeslissing: { asks: ['decide_spearhead', 'free_staff_time', 'free_budget'], who: ['college', 'facilitator'], view: 'phases' },
  coordinator: { asks: ['appoint_coordinator', 'set_job_share', 'engage_facilitator'], who: ['college'], view: 'phases' },
  omgevingsanalyse: { asks: ['gather_statistics', 'compare_levels', 'inventory_initiatives'], who: ['coordinator'], view: 'context' },
  stuurgroep: { asks: ['compose_steering_group', 'preparatory_talks', 'prepare_parents'], who: ['coordinator', 'aldermen', 'social_service', 'facilitator'], view: 'members' },
  stuurgroep_vergaderingen: { asks: ['session_poverty_dignity', 'session_mission_vision', 'session_priorities'], who: ['steering_group', 'facilitator', 'coordinator'], view: 'steering' },
  werkgroepen: { asks: ['choose_domains', 'mix_approaches', 'compose_work_groups', 'focus_group_parents'], who: ['steering_group', 'coordinator', 'parents'], view: 'members' },
  doelstellingen: { asks: ['strategic_objectives', 'smart_objectives'], who: ['work_groups', 'steering_group'], view: 'plan' },
  acties: { asks: ['actions_per_objective', 'owner_and_timing', 'means_and_results', 'spread_ownership'], who: ['work_groups', 'action_owners'], view: 'plan' },
  uitvoering: { asks: ['follow_up_actions', 'steering_twice_a_year', 'report_to_college'], who: ['coordinator', 'work_group_chairs', 'chair', 'action_owners'], view: 'board' },
  evaluatie: { asks: ['define_indicators', 'baseline_and_measurements', 'adjust_plan'], who: ['coordinator', 'work_groups', 'parents'], view: 'plan' },
};

export const evidenceCodes = [
  'policy_decided',
  'policy_decision_missing',
  'policy_staff_time',
  'policy_staff_time_missing',
  'policy_budget',
  'policy_budget_missing',
  'coordinator_role_held',
  'coordinator_role_missing',
  'coordinator_appointed',
  'coordinator_appointment_missing',
  'facilitator_engaged',
  'facilitator_none',
  'context_indicators',
  'context_without_comparison',
  'inventory_initiatives',
  'inventory_empty',
  'no_steering_group',
  'steering_roles_complete',
  'steering_roles_missing',
  'steering_parents',
  'steering_session_held',
  'steering_session_planned',
  'steering_session_missing',
  'active_domains',
  'domains_without_work_group',
  'work_groups_without_members',
  'domain_approaches_mixed',
  'no_structural_domain',
  'no_mitigating_domain',
  'focus_groups',
  'objectives',
  'domains_without_objectives',
  'objectives_smart',
  'objective_smart_incomplete',
  'actions',
  'objectives_without_actions',
  'action_without_owner',
  'action_without_due_date',
  'owner_overloaded',
  'proposals_in_actions',
  'actions_started',
  'actions_done',
  'actions_overdue',
  'steering_group_met',
  'steering_group_not_met',
  'indicators',
  'action_without_outcome_indicator',
  'indicators_without_baseline',
  'indicators_without_measurement',
  'last_measurement',
] as const;
export type EvidenceCode = (typeof evidenceCodes)[number];

const paramValue = z.union([z.string(), z.number(), z.null(), z.array(z.string())]);

export const phaseEvidence = z.object({
  code: z.enum(evidenceCodes),
  params: z.record(z.string(), paramValue).describe('values the client puts into its message for this code'),
  met: z.boolean().nullable().describe('true: this part is in place; false: it is missing; null: for information only'),
});
export type PhaseEvidence = z.input<typeof phaseEvidence>;

export const phaseOutput = z.object({
  phase: z.enum(roadmapPhases),
  number: z.int().min(1).max(roadmapPhases.length),
  state: z.enum(phaseStates).describe('derived from the data, never ticked by hand'),
  date: z.string().nullable().describe('when the phase was done, where the data says (YYYY-MM-DD)'),
  asks: z.array(z.string()).describe('codes of what the roadmap asks in this phase'),
  who: z.array(z.enum(phaseActors)).describe('codes of who does it'),
  evidence: z.array(phaseEvidence),
  view: z.enum(phaseViews).describe("the tab view where this phase's work is done"),
});
export type PhaseOutput = z.input<typeof phaseOutput>;

export interface PhaseRecords {
  policyDecidedOn: string | null;
  policyStaffFte: number | null;
  policyBudget: number | null;
  policyNote: string;
  coordinatorAppointedOn: string | null;
  coordinatorJobShare: number | null;
  facilitatorOrganisation: string;
  facilitatorEngagedOn: string | null;
}

export interface PhaseInput {
  records: PhaseRecords;
  facts: OverviewFacts;
  /** computeWarnings' counts: the overview's rules, reused rather than repeated. */
  warningCounts: Record<string, number>;
  context: ContextFact[];
  steeringSessions: { number: number; heldOn: string | null }[];
  focusGroups: FocusGroupFacts;
  today: string;
}

type Judged = { state: PhaseState; date?: string | null; evidence: PhaseEvidence[]; view?: PhaseView };

const fact = (code: EvidenceCode, met: boolean | null, params: PhaseEvidence['params'] = {}): PhaseEvidence => ({ code, params, met });
const stateOf = (done: boolean, started: boolean): PhaseState => (done ? 'done' : started ? 'in_progress' : 'todo');
const maxDate = (dates: (string | null)[]): string | null => dates.reduce<string | null>((m, d) => (d && (!m || d > m) ? d : m), null);

function policyDecision({ records: r }: PhaseInput): Judged {
  const evidence = [
    r.policyDecidedOn ? fact('policy_decided', true, { date: r.policyDecidedOn }) : fact('policy_decision_missing', false),
    r.policyStaffFte ? fact('policy_staff_time', true, { fte: r.policyStaffFte }) : fact('policy_staff_time_missing', false),
    r.policyBudget !== null ? fact('policy_budget', true, { amount: r.policyBudget }) : fact('policy_budget_missing', false),
  ];
  const started = r.policyStaffFte !== null || r.policyBudget !== null || r.policyNote.trim() !== '';
  return { state: stateOf(Boolean(r.policyDecidedOn), started), date: r.policyDecidedOn, evidence };
}

function coordinatorPhase({ records: r, facts }: PhaseInput): Judged {
  const held = facts.bodies.some((b) => b.roles.includes('coordinator'));
  const facilitatorRole = facts.bodies.some((b) => b.roles.includes('facilitator'));
  const appointed = Boolean(r.coordinatorAppointedOn);
  const evidence = [
    held ? fact('coordinator_role_held', true) : fact('coordinator_role_missing', false),
    appointed
      ? fact('coordinator_appointed', true, { date: r.coordinatorAppointedOn, jobShare: r.coordinatorJobShare })
      : fact('coordinator_appointment_missing', false),
    // The roadmap recommends a facilitator but does not require one.
    r.facilitatorOrganisation || r.facilitatorEngagedOn || facilitatorRole
      ? fact('facilitator_engaged', null, { organisation: r.facilitatorOrganisation, date: r.facilitatorEngagedOn })
      : fact('facilitator_none', null),
  ];
  return { state: stateOf(held && appointed, held || appointed), date: held && appointed ? r.coordinatorAppointedOn : null, evidence, view: held ? 'phases' : 'members' };
}

function environmentAnalysis({ context, facts }: PhaseInput): Judged {
  const compared = context.filter((c) => c.municipality && c.comparisons.length > 0);
  const alone = context.filter((c) => c.municipality && c.comparisons.length === 0).map((c) => c.indicator);
  const byState = facts.initiativesByState;
  const initiatives = Object.values(byState).reduce((a, b) => a + b, 0);
  const enough = compared.length >= MIN_CONTEXT_INDICATORS;
  const evidence = [fact('context_indicators', enough, { count: compared.length, minimum: MIN_CONTEXT_INDICATORS })];
  if (alone.length) evidence.push(fact('context_without_comparison', false, { indicators: alone }));
  evidence.push(
    initiatives
      ? fact('inventory_initiatives', true, { count: initiatives, planned: byState.planned ?? 0, active: byState.active ?? 0, finished: byState.finished ?? 0 })
      : fact('inventory_empty', false),
  );
  return {
    state: stateOf(enough && initiatives > 0, context.length > 0 || initiatives > 0),
    evidence,
    view: enough && !initiatives ? 'inventory' : 'context',
  };
}

function steeringGroup({ facts }: PhaseInput): Judged {
  const groups = facts.bodies.filter((b) => b.kind === 'steering_group');
  if (!groups.length) return { state: 'todo', evidence: [fact('no_steering_group', false)] };
  const judged = groups.map((b) => {
    const parents = Number(b.parents);
    const missing = steeringGroupRoles.filter((role) => (role === 'parent' ? parents < MIN_PARENTS_IN_STEERING_GROUP : !b.roles.includes(role)));
    return { body: b, parents, missing };
  });
  // With more than one steering group, the one closest to complete speaks.
  const best = judged.sort((a, b) => a.missing.length - b.missing.length)[0]!;
  const evidence = [
    best.missing.length ? fact('steering_roles_missing', false, { roles: [...best.missing] }) : fact('steering_roles_complete', true, { roles: [...steeringGroupRoles] }),
    fact('steering_parents', best.parents >= MIN_PARENTS_IN_STEERING_GROUP, { count: best.parents, minimum: MIN_PARENTS_IN_STEERING_GROUP }),
  ];
  // The coordinator is put in the steering group when the trajectory starts; only more people mean composing has begun.
  return { state: stateOf(best.missing.length === 0, Number(best.body.members) > 1), evidence };
}

function steeringSessions({ steeringSessions: sessions }: PhaseInput): Judged {
  const evidence = [1, 2, 3].map((number) => {
    const s = sessions.find((x) => x.number === number);
    if (s?.heldOn) return fact('steering_session_held', true, { number, date: s.heldOn });
    return s ? fact('steering_session_planned', false, { number }) : fact('steering_session_missing', false, { number });
  });
  const held = sessions.filter((s) => s.heldOn);
  const done = [1, 2, 3].every((n) => held.some((s) => s.number === n));
  return { state: stateOf(done, sessions.length > 0), date: done ? maxDate(held.map((s) => s.heldOn)) : null, evidence };
}

function workGroups({ facts, focusGroups }: PhaseInput): Judged {
  const active = facts.domains.filter((d) => d.state === 'active');
  const groups = facts.bodies.filter((b) => b.kind === 'work_group');
  const withoutGroup = active.filter((d) => !groups.some((g) => g.domainId === d.id));
  const withoutMembers = active.filter((d) => groups.some((g) => g.domainId === d.id) && !groups.some((g) => g.domainId === d.id && Number(g.members) > 0));
  const structural = active.some((d) => d.approach === 'structural');
  const mitigating = active.some((d) => d.approach === 'mitigating');
  const countOk = active.length >= MIN_ACTIVE_DOMAINS && active.length <= MAX_ACTIVE_DOMAINS;
  const evidence = [fact('active_domains', countOk, { count: active.length, minimum: MIN_ACTIVE_DOMAINS, maximum: MAX_ACTIVE_DOMAINS })];
  if (withoutGroup.length) evidence.push(fact('domains_without_work_group', false, { domains: withoutGroup.map((d) => d.name) }));
  if (withoutMembers.length) evidence.push(fact('work_groups_without_members', false, { domains: withoutMembers.map((d) => d.name) }));
  if (active.length) {
    if (structural && mitigating) evidence.push(fact('domain_approaches_mixed', true));
    if (!structural) evidence.push(fact('no_structural_domain', false));
    if (!mitigating) evidence.push(fact('no_mitigating_domain', false));
  }
  if (focusGroups.held || focusGroups.planned) evidence.push(fact('focus_groups', null, { held: focusGroups.held, planned: focusGroups.planned }));
  const done = countOk && !withoutGroup.length && !withoutMembers.length && structural && mitigating;
  return { state: stateOf(done, active.length > 0 || groups.length > 0), evidence };
}

function objectives({ facts, warningCounts }: PhaseInput): Judged {
  const count = facts.objectives.length;
  const withoutObjectives = facts.domains.filter((d) => d.state === 'active' && !facts.objectives.some((o) => o.domainId === d.id));
  const incomplete = warningCounts.objective_smart_incomplete ?? 0;
  const evidence = [fact('objectives', count > 0, { count })];
  if (withoutObjectives.length) evidence.push(fact('domains_without_objectives', false, { domains: withoutObjectives.map((d) => d.name) }));
  if (count) evidence.push(incomplete ? fact('objective_smart_incomplete', false, { count: incomplete }) : fact('objectives_smart', true, { count }));
  return { state: stateOf(count > 0 && !withoutObjectives.length && !incomplete, count > 0), evidence };
}

function actions({ facts, warningCounts, focusGroups }: PhaseInput): Judged {
  const live = facts.actions.filter((a) => a.status !== 'dropped');
  const objectivesWithout = facts.objectives.filter((o) => !live.some((a) => a.operationalObjectiveId === o.id)).length;
  const noOwner = warningCounts.action_without_owner ?? 0;
  const noDue = warningCounts.action_without_due_date ?? 0;
  const overloaded = warningCounts.owner_overloaded ?? 0;
  const evidence = [fact('actions', live.length > 0, { count: live.length })];
  if (objectivesWithout) evidence.push(fact('objectives_without_actions', false, { count: objectivesWithout }));
  if (noOwner) evidence.push(fact('action_without_owner', false, { count: noOwner }));
  if (noDue) evidence.push(fact('action_without_due_date', false, { count: noDue }));
  if (overloaded) evidence.push(fact('owner_overloaded', null, { count: overloaded }));
  if (focusGroups.proposals) evidence.push(fact('proposals_in_actions', null, { count: focusGroups.proposalsInActions, total: focusGroups.proposals }));
  return { state: stateOf(live.length > 0 && !objectivesWithout && !noOwner && !noDue, live.length > 0), evidence };
}

function execution({ facts, warningCounts, today }: PhaseInput): Judged {
  const live = facts.actions.filter((a) => a.status !== 'dropped');
  const started = live.filter((a) => a.status === 'in_progress' || a.status === 'done').length;
  const done = live.filter((a) => a.status === 'done').length;
  const overdue = live.filter((a) => a.dueDate !== null && a.dueDate < today && isOpen(a.status)).length;
  const evidence = [fact('actions_started', started > 0, { count: started, total: live.length }), fact('actions_done', live.length > 0 && done === live.length, { count: done, total: live.length })];
  if (overdue) evidence.push(fact('actions_overdue', false, { count: overdue }));
  if (warningCounts.steering_group_not_met) {
    evidence.push(fact('steering_group_not_met', false, { lastMet: facts.lastSteeringMeeting ? facts.lastSteeringMeeting.toISOString().slice(0, 10) : null }));
  } else if (facts.lastSteeringMeeting) {
    evidence.push(fact('steering_group_met', true, { date: facts.lastSteeringMeeting.toISOString().slice(0, 10) }));
  }
  // Carrying out the plan includes the steering group's follow-up: the phase cannot be done while
  // the overview warns that the steering group has not met (the same warning count decides both).
  const steeringOk = !warningCounts.steering_group_not_met && !warningCounts.no_steering_group;
  return { state: stateOf(live.length > 0 && done === live.length && steeringOk, started > 0), evidence };
}

function evaluation({ facts, warningCounts }: PhaseInput): Judged {
  const indicators = facts.indicators;
  const outcome = indicators.filter((i) => i.kind === 'outcome').length;
  const withoutOutcome = warningCounts.action_without_outcome_indicator ?? 0;
  const noBaseline = indicators.filter((i) => i.baseline === null).length;
  const noMeasurement = indicators.filter((i) => Number(i.measurements) === 0).length;
  const last = maxDate(indicators.map((i) => i.lastMeasuredOn));
  const evidence = [fact('indicators', indicators.length > 0, { count: indicators.length, output: indicators.length - outcome, outcome })];
  if (withoutOutcome) evidence.push(fact('action_without_outcome_indicator', false, { count: withoutOutcome }));
  if (noBaseline) evidence.push(fact('indicators_without_baseline', false, { count: noBaseline }));
  if (noMeasurement) evidence.push(fact('indicators_without_measurement', false, { count: noMeasurement }));
  if (last) evidence.push(fact('last_measurement', null, { date: last }));
  const done = indicators.length > 0 && !withoutOutcome && !noBaseline && !noMeasurement;
  return { state: stateOf(done, indicators.length > 0), date: done ? last : null, evidence };
}

const judges: Record<RoadmapPhase, (input: PhaseInput) => Judged> = {
  beleidsbeslissing: policyDecision,
  coordinator: coordinatorPhase,
  omgevingsanalyse: environmentAnalysis,
  stuurgroep: steeringGroup,
  stuurgroep_vergaderingen: steeringSessions,
  werkgroepen: workGroups,
  doelstellingen: objectives,
  acties: actions,
  uitvoering: execution,
  evaluatie: evaluation,
};

/** The ten phases in the roadmap's order, as the data shows them. */
export function derivePhases(input: PhaseInput): PhaseOutput[] {
  return roadmapPhases.map((phase, index) => {
    const guide = phaseGuide[phase];
    const judged = judges[phase](input);
    return {
      phase,
      number: index + 1,
      state: judged.state,
      date: judged.state === 'done' ? (judged.date ?? null) : null,
      asks: [...guide.asks],
      who: [...guide.who],
      evidence: judged.evidence,
      view: judged.view ?? guide.view,
    };
  });
}
