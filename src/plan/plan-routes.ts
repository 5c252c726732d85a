import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { createPlanService, planOutput } from './plan-service';

export function registerPlanRoutes(api: ApiContext, db: Db): void {
  const service = createPlanService(db);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/plan',
    summary: 'The whole action plan: domains → strategic → operational objectives → actions → indicators',
    tag: 'Plan',
    params: idParam,
    response: planOutput,
    problems: [403],
    handler: ({ principal, params }) => service.plan(principal, params.id),
  });
}
