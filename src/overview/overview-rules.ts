import { z } from 'zod';
import { openStatuses } from '../shared/enums';
import { brusselsDate } from '../shared/time';
import { dueOn } from '../measurement-plans/due-date';
import type { OverviewFacts } from './overview-repository';

/*
 * The roadmap's warning signs, as rules over the plan's data. Thresholds live here so that the
 * tabs, the bot and a report all judge a plan alike; the client only renders code + params.
 */
export const MIN_PARENTS_IN_STEERING_GROUP = 2;
export const MAX_ACTIVE_DOMAINS = 3;
/** "Far more actions than others": more than twice the median of owners, and at least this many. */
export const OVERLOAD_FACTOR = 2;
export const OVERLOAD_MINIMUM = 5;
export const STEERING_GROUP_MAX_GAP_MONTHS = 6;
/** A long plan would otherwise send thousands of warnings; the counts stay complete. */
export const MAX_WARNINGS_PER_CODE = 20;

export const warningCodes = [
  'no_steering_group',
  'steering_group_few_parents',
  'steering_group_not_met',
  'too_many_active_domains',
  'no_structural_domain',
  'action_without_owner',
  'action_without_due_date',
  'action_without_outcome_indicator',
  'objective_smart_incomplete',
  'owner_overloaded',
  'indicator_without_baseline',
  'indicator_without_measurement_plan',
  'measurement_overdue',
] as const;
export type WarningCode = (typeof warningCodes)[number];

export const warningTargetKinds = ['trajectory', 'body', 'domain', 'operationalObjective', 'action', 'person', 'indicator'] as const;
type TargetKind = (typeof warningTargetKinds)[number];

const smartFields = ['smartSpecific', 'smartMeasurable', 'smartAgreed', 'smartRealistic', 'smartTimeBound'] as const;

const paramValue = z.union([z.string(), z.number(), z.null(), z.array(z.string())]);

export const overviewWarning = z.object({
  code: z.enum(warningCodes),
  severity: z.enum(['high', 'medium', 'low']),
  params: z.record(z.string(), paramValue).describe('values the client puts into its message for this code'),
  target: z.object({ kind: z.enum(warningTargetKinds), id: z.string() }).describe('what to open to fix it'),
});
export type OverviewWarning = z.input<typeof overviewWarning>;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function monthsBefore(at: Date, months: number): Date {
  const out = new Date(at);
  out.setUTCMonth(out.getUTCMonth() - months);
  return out;
}

export const isOpen = (status: string): boolean => (openStatuses as readonly string[]).includes(status);

/** Pure: the warning signs that hold for these facts. */
export function computeWarnings(
  facts: OverviewFacts,
  trajectory: { id: string; periodStart: string },
  now: Date,
): { warnings: OverviewWarning[]; counts: Record<string, number> } {
  const all: OverviewWarning[] = [];
  const warn = (code: WarningCode, severity: OverviewWarning['severity'], target: { kind: TargetKind; id: string }, params: OverviewWarning['params'] = {}) =>
    all.push({ code, severity, params, target });

  const steeringGroups = facts.bodies.filter((b) => b.kind === 'steering_group');
  if (!steeringGroups.length) warn('no_steering_group', 'high', { kind: 'trajectory', id: trajectory.id });
  for (const body of steeringGroups) {
    const parents = Number(body.parents);
    if (parents < MIN_PARENTS_IN_STEERING_GROUP) {
      warn('steering_group_few_parents', 'high', { kind: 'body', id: body.id }, { count: parents, minimum: MIN_PARENTS_IN_STEERING_GROUP, body: body.name });
    }
  }
  if (steeringGroups[0]) {
    const limit = monthsBefore(now, STEERING_GROUP_MAX_GAP_MONTHS);
    const last = facts.lastSteeringMeeting;
    // A group that never met is only late once the policy period has run for six months.
    const late = last ? last < limit : trajectory.periodStart <= brusselsDate(limit);
    if (late) {
      warn('steering_group_not_met', 'high', { kind: 'body', id: steeringGroups[0].id }, { lastMet: last ? last.toISOString() : null, months: STEERING_GROUP_MAX_GAP_MONTHS });
    }
  }

  const active = facts.domains.filter((d) => d.state === 'active');
  if (active.length > MAX_ACTIVE_DOMAINS) {
    warn('too_many_active_domains', 'medium', { kind: 'trajectory', id: trajectory.id }, { count: active.length, maximum: MAX_ACTIVE_DOMAINS, domains: active.map((d) => d.name) });
  }
  if (active.length > 0 && !active.some((d) => d.approach === 'structural')) {
    warn('no_structural_domain', 'medium', { kind: 'domain', id: active[0]!.id }, { count: active.length });
  }

  for (const a of facts.actions) {
    if (a.status === 'dropped') continue;
    const target = { kind: 'action' as const, id: a.id };
    if (isOpen(a.status) && !a.ownerId) warn('action_without_owner', 'medium', target, { title: a.title });
    if (isOpen(a.status) && !a.dueDate) warn('action_without_due_date', 'medium', target, { title: a.title });
    if (!a.hasOutcomeIndicator) warn('action_without_outcome_indicator', 'low', target, { title: a.title });
  }

  for (const o of facts.objectives) {
    const missing = smartFields.filter((f) => !o[f]);
    if (missing.length) warn('objective_smart_incomplete', 'low', { kind: 'operationalObjective', id: o.id }, { title: o.title, missing: [...missing] });
  }

  // The evaluation phase: each indicator needs a baseline, a measurement plan, and its measurements on time.
  const actionStatus = new Map(facts.actions.map((a) => [a.id, a.status]));
  const today = brusselsDate(now);
  for (const i of facts.indicators) {
    if (actionStatus.get(i.actionId) === 'dropped') continue;
    const target = { kind: 'indicator' as const, id: i.id };
    const params = { title: i.name, actionId: i.actionId };
    if (i.baseline === null) warn('indicator_without_baseline', 'low', target, params);
    if (!i.planId || !i.planFrequency) {
      warn('indicator_without_measurement_plan', 'low', target, params);
      continue;
    }
    const due = dueOn({ frequency: i.planFrequency, nextDueOn: i.planNextDueOn, createdOn: i.planCreatedOn ?? today }, i.lastMeasuredOn);
    if (due < today) warn('measurement_overdue', 'medium', target, { ...params, dueOn: due });
  }

  const load = new Map<string, number>();
  for (const a of facts.actions) if (a.ownerId && isOpen(a.status)) load.set(a.ownerId, (load.get(a.ownerId) ?? 0) + 1);
  const typical = median([...load.values()]);
  const names = new Map(facts.people.map((p) => [p.id, p.displayName]));
  for (const [personId, count] of [...load.entries()].sort((x, y) => y[1] - x[1])) {
    if (count > OVERLOAD_FACTOR * typical && count >= OVERLOAD_MINIMUM) {
      warn('owner_overloaded', 'medium', { kind: 'person', id: personId }, { name: names.get(personId) ?? '', count, median: typical });
    }
  }

  const counts: Record<string, number> = {};
  const listed: OverviewWarning[] = [];
  for (const w of all) {
    counts[w.code] = (counts[w.code] ?? 0) + 1;
    if (counts[w.code]! <= MAX_WARNINGS_PER_CODE) listed.push(w);
  }
  return { warnings: listed, counts };
}
