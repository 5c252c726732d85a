import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { notFound } from '../http/problems';
import { actionStatuses, type ActionStatus } from '../shared/enums';
import { brusselsDate } from '../shared/time';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { loadOverviewFacts } from './overview-repository';
import { phaseOutput } from '../phases/phase-rules';
import { phasesFromFacts } from '../phases/phase-service';
import { computeWarnings, isOpen, overviewWarning } from './overview-rules';

// The rules moved to overview-rules.ts so that the phase tracker can use them too; re-exported for existing callers.
export * from './overview-rules';

const MAX_OVERDUE_LISTED = 20;

const statusCounts = z.object(Object.fromEntries(actionStatuses.map((s) => [s, z.int()])) as Record<ActionStatus, z.ZodInt>);

export const overviewOutput = z.object({
  trajectory: z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), periodStart: z.string(), periodEnd: z.string() }),
  today: z.string(),
  phases: z
    .array(phaseOutput.pick({ phase: true, state: true, date: true, view: true }))
    .describe('the same derived states as GET /api/v1/trajectories/{id}/phases (its evidence there)'),
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
      const phases = await phasesFromFacts(db, principal.tenantId, trajectory, facts, counts, now);
      return {
        trajectory: {
          id: trajectory.id,
          name: trajectory.name,
          municipality: trajectory.municipality,
          periodStart: trajectory.periodStart,
          periodEnd: trajectory.periodEnd,
        },
        today,
        phases: phases.map(({ phase, state, date, view }) => ({ phase, state, date, view })),
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
