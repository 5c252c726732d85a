import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { brusselsDate } from '../shared/time';
import { uuid } from '../shared/schemas';
import { dueOn, isOverdue, measurementFrequencies } from './due-date';
import { listPlansOfTrajectory } from './measurement-plan-repository';

export const plannedMeasurement = z.object({
  id: uuid,
  indicatorId: uuid,
  indicatorName: z.string(),
  actionId: uuid,
  actionTitle: z.string(),
  domainId: uuid,
  measurerId: uuid.nullable(),
  measurerName: z.string().nullable(),
  frequency: z.enum(measurementFrequencies),
  source: z.string(),
  nextDueOn: z.string().nullable(),
  lastMeasuredOn: z.string().nullable(),
  dueOn: z.string().describe('the set date until a measurement is recorded on or after it; otherwise the last measurement plus the frequency'),
  overdue: z.boolean(),
});
export const plannedMeasurements = z.object({ today: z.string(), plans: z.array(plannedMeasurement) });
export type PlannedMeasurements = z.input<typeof plannedMeasurements>;

export function createMeasurementPlanService(db: Db) {
  return {
    /** Every plan of the trajectory with its due date, for the evaluation view. */
    async listForTrajectory(principal: Principal, trajectoryId: string, now = new Date()): Promise<PlannedMeasurements> {
      const access = await loadAccess(db, principal, trajectoryId);
      assertRead(access);
      const today = brusselsDate(now);
      const rows = await listPlansOfTrajectory(db, principal.tenantId, trajectoryId);
      return {
        today,
        plans: rows.map((r) => {
          const last = (r.lastMeasuredOn as string | null) ?? null;
          const due = dueOn({ frequency: r.frequency, nextDueOn: r.nextDueOn, createdOn: r.createdOn }, last);
          return {
            id: r.id,
            indicatorId: r.indicatorId,
            indicatorName: r.indicatorName,
            actionId: r.actionId,
            actionTitle: r.actionTitle,
            domainId: r.domainId,
            measurerId: r.measurerId,
            measurerName: r.measurerName,
            frequency: r.frequency as (typeof measurementFrequencies)[number],
            source: r.source,
            nextDueOn: r.nextDueOn,
            lastMeasuredOn: last,
            dueOn: due,
            overdue: isOverdue(due, today),
          };
        }),
      };
    },
  };
}
