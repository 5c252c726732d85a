import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { createOverviewService, overviewOutput } from './overview-service';

export function registerOverviewRoutes(api: ApiContext, db: Db): void {
  const service = createOverviewService(db);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/overview',
    summary: "Progress at a glance: roadmap phases, next meetings, overdue actions, statuses per domain and the roadmap's warning signs",
    tag: 'Overview',
    params: idParam,
    response: overviewOutput,
    problems: [403],
    handler: ({ principal, params }) => service.overview(principal, params.id),
  });
}
