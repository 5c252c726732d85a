import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { notFound } from '../http/problems';
import { brusselsDate } from '../shared/time';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { isOverdue } from '../actions/action-service';
import { loadPlanRows } from './plan-repository';

const indicatorNode = z.object({
  id: z.uuid(),
  kind: z.string().describe('output | outcome'),
  name: z.string(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  latestValue: z.number().nullable(),
  latestOn: z.string().nullable(),
  measurementCount: z.int(),
});
const actionNode = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.string(),
  ownerId: z.uuid().nullable(),
  dueDate: z.string().nullable(),
  startDate: z.string().nullable(),
  overdue: z.boolean(),
  version: z.int(),
  indicators: z.array(indicatorNode),
});
const operationalNode = z.object({ id: z.uuid(), title: z.string(), targetDate: z.string().nullable(), actions: z.array(actionNode) });
const strategicNode = z.object({ id: z.uuid(), title: z.string(), operationalObjectives: z.array(operationalNode) });
const domainNode = z.object({ id: z.uuid(), name: z.string(), approach: z.string(), state: z.string(), strategicObjectives: z.array(strategicNode) });

/** Documented shape of the plan; nodes carry more fields than listed (see the item resources). */
export const planOutput = z.object({
  trajectory: z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), version: z.int() }),
  today: z.string(),
  people: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  domains: z.array(domainNode),
});

export function createPlanService(db: Db) {
  return {
    async plan(principal: Principal, trajectoryId: string) {
      const [trajectory, access] = await Promise.all([findTrajectory(db, principal.tenantId, trajectoryId), loadAccess(db, principal, trajectoryId)]);
      if (!trajectory) throw notFound(`trajectory ${trajectoryId}`);
      assertRead(access);
      const rows = await loadPlanRows(db, principal.tenantId, trajectoryId);
      const today = brusselsDate();

      const indicatorsByAction = groupBy(rows.indicators, (i) => i.actionId, ({ actionId: _a, ...i }) => i);
      const actionsByObjective = groupBy(
        rows.actions,
        (a) => a.operationalObjectiveId,
        ({ operationalObjectiveId: _o, ...a }) => ({
          ...a,
          updatedAt: a.updatedAt.toISOString(),
          overdue: isOverdue(a, today),
          indicators: indicatorsByAction.get(a.id) ?? [],
        }),
      );
      const operationalByStrategic = groupBy(
        rows.operational,
        (o) => o.strategicObjectiveId,
        ({ strategicObjectiveId: _s, ...o }) => ({ ...o, actions: actionsByObjective.get(o.id) ?? [] }),
      );
      const strategicByDomain = groupBy(
        rows.strategic,
        (s) => s.domainId,
        ({ domainId: _d, ...s }) => ({ ...s, operationalObjectives: operationalByStrategic.get(s.id) ?? [] }),
      );
      return {
        trajectory: { id: trajectory.id, name: trajectory.name, municipality: trajectory.municipality, version: trajectory.version },
        today,
        people: rows.people,
        domains: rows.domains.map((d) => ({ ...d, strategicObjectives: strategicByDomain.get(d.id) ?? [] })),
      };
    },
  };
}

function groupBy<T, K, V>(items: T[], key: (item: T) => K, map: (item: T) => V): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(map(item));
    else out.set(k, [map(item)]);
  }
  return out;
}
