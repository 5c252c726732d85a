import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { loadContextFacts } from '../context-indicators/context-facts';
import type { Db } from '../db/database';
import { loadFocusGroupFacts } from '../focus-groups/focus-group-facts';
import { notFound } from '../shared/errors';
import { loadOverviewFacts, type OverviewFacts } from '../overview/overview-repository';
import { computeWarnings } from '../overview/overview-rules';
import { brusselsDate } from '../shared/time';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { derivePhases, type PhaseOutput, type PhaseRecords } from './phase-rules';

/**
 * The phases of a trajectory whose plan facts and warnings are already loaded (the overview has
 * them): only the other slices' facts are read here, each through its own slice.
 */
export async function phasesFromFacts(
  db: Db,
  tenantId: string,
  trajectory: PhaseRecords & { id: string },
  facts: OverviewFacts,
  warningCounts: Record<string, number>,
  now: Date,
): Promise<PhaseOutput[]> {
  const [context, focusGroups] = await Promise.all([loadContextFacts(db, tenantId, trajectory.id), loadFocusGroupFacts(db, tenantId, trajectory.id)]);
  // The steering sessions come with the facts: the warnings judged "has the steering group met" from the same rows.
  return derivePhases({ records: trajectory, facts, warningCounts, context, steeringSessions: facts.steeringSessions, focusGroups, today: brusselsDate(now) });
}

export function createPhaseService(db: Db) {
  return {
    async phases(principal: Principal, trajectoryId: string, now = new Date()): Promise<PhaseOutput[]> {
      const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
      if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
      assertRead(access);
      const facts = await loadOverviewFacts(db, principal.tenantId, trajectoryId, now);
      const { counts } = computeWarnings(facts, { id: trajectory.id, periodStart: trajectory.periodStart }, now);
      return phasesFromFacts(db, principal.tenantId, trajectory, facts, counts, now);
    },
  };
}
