import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam, registerResourceRoutes } from '../shared/resource-routes';
import { measurementPlanResource } from './measurement-plan-resource';
import { createMeasurementPlanService, plannedMeasurements } from './measurement-plan-service';

export function registerMeasurementPlanRoutes(api: ApiContext, db: Db): void {
  const service = createMeasurementPlanService(db);
  registerResourceRoutes(api, db, measurementPlanResource);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/measurement-plans',
    summary: "The trajectory's measurement plans, each with its due date and whether it is overdue",
    tag: 'Evaluation',
    params: idParam,
    response: plannedMeasurements,
    problems: [403],
    handler: ({ principal, params }) => service.listForTrajectory(principal, params.id),
  });
}
