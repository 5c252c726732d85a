import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { notFound } from '../http/problems';
import { actionStatuses, openStatuses, roadmapPhases, type ActionStatus } from '../shared/enums';
import { brusselsDate } from '../shared/time';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { loadOverviewFacts, type OverviewFacts } from './overview-repository';

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
const MAX_OVERDUE_LISTED = 20;

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
] as const;
export type WarningCode = (typeof warningCodes)[number];

export const warningTargetKinds = ['trajectory', 'body', 'domain', 'operationalObjective', 'action', 'person'] as const;
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

const statusCounts = z.object(Object.fromEntries(actionStatuses.map((s) => [s, z.int()])) as Record<ActionStatus, z.ZodInt>);

export const overviewOutput = z.object({
  trajectory: z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), periodStart: z.string(), periodEnd: z.string() }),
  today: z.string(),
  phases: z.array(z.object({ phase: z.enum(roadmapPhases), state: z.enum(['todo', 'in_progress', 'done']) })),
  nextMeetings: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      location: z.string(),
      online: z.boolean(),
      dayPart: z.string(),
      state: z.string(),
      body: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
    }),
  ),
  overdueCount: z.int(),
  overdueActions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      status: z.string(),
      dueDate: z.string(),
      ownerId: z.uuid().nullable(),
      ownerName: z.string().nullable(),
      domainId: z.uuid(),
      domainName: z.string(),
    }),
  ),
  statusByDomain: z.array(
    z.object({ domainId: z.uuid(), name: z.string(), approach: z.string(), state: z.string(), total: z.int(), counts: statusCounts }),
  ),
  warnings: z.array(overviewWarning),
  warningCounts: z.record(z.string(), z.int()).describe('how many of each code hold, also beyond the listed ones'),
});
export type Overview = z.input<typeof overviewOutput>;

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

const isOpen = (status: string): boolean => (openStatuses as readonly string[]).includes(status);

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

export function createOverviewService(db: Db) {
  return {
    async overview(principal: Principal, trajectoryId: string, now = new Date()): Promise<Overview> {
      const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
      if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
      assertRead(access);
      const facts = await loadOverviewFacts(db, principal.tenantId, trajectoryId, now);
      const today = brusselsDate(now);

      const domainNames = new Map(facts.domains.map((d) => [d.id, d.name]));
      const ownerNames = new Map(facts.people.map((p) => [p.id, p.displayName]));
      const overdue = facts.actions.filter((a) => a.dueDate !== null && a.dueDate < today && isOpen(a.status));

      const byDomain = new Map(facts.domains.map((d) => [d.id, Object.fromEntries(actionStatuses.map((s) => [s, 0])) as Record<ActionStatus, number>]));
      for (const a of facts.actions) {
        const counts = byDomain.get(a.domainId);
        if (counts && a.status in counts) counts[a.status as ActionStatus] += 1;
      }

      const { warnings, counts } = computeWarnings(facts, { id: trajectory.id, periodStart: trajectory.periodStart }, now);
      return {
        trajectory: {
          id: trajectory.id,
          name: trajectory.name,
          municipality: trajectory.municipality,
          periodStart: trajectory.periodStart,
          periodEnd: trajectory.periodEnd,
        },
        today,
        phases: roadmapPhases.map((phase) => ({ phase, state: trajectory.phaseProgress[phase] ?? 'todo' })),
        nextMeetings: facts.upcoming.map((m) => ({
          id: m.id,
          title: m.title,
          startsAt: m.startsAt.toISOString(),
          endsAt: m.endsAt.toISOString(),
          location: m.location,
          online: m.online,
          dayPart: m.dayPart,
          state: m.state,
          body: { id: m.bodyId, name: m.bodyName, kind: m.bodyKind },
        })),
        overdueCount: overdue.length,
        overdueActions: overdue.slice(0, MAX_OVERDUE_LISTED).map((a) => ({
          id: a.id,
          title: a.title,
          status: a.status,
          dueDate: a.dueDate!,
          ownerId: a.ownerId,
          ownerName: a.ownerId ? (ownerNames.get(a.ownerId) ?? null) : null,
          domainId: a.domainId,
          domainName: domainNames.get(a.domainId) ?? '',
        })),
        statusByDomain: facts.domains.map((d) => {
          const c = byDomain.get(d.id)!;
          return { domainId: d.id, name: d.name, approach: d.approach, state: d.state, total: Object.values(c).reduce((x, y) => x + y, 0), counts: c };
        }),
        warnings,
        warningCounts: counts,
      };
    },
  };
}
