import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { createOverviewService, overviewOutput, type OverviewDeps } from './overview-service';

export function registerOverviewRoutes(api: ApiContext, db: Db, deps: OverviewDeps = {}): void {
  const service = createOverviewService(db, deps);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/overview',
    summary: "Progress at a glance, per role: roadmap phases, next meetings, overdue actions, statuses per domain and the roadmap's warning signs, and the blocks of the caller's roles (college, own actions, work groups, domains, parents to call)",
    tag: 'Overview',
    params: idParam,
    response: overviewOutput,
    problems: [403],
    handler: ({ principal, params }) => service.overview(principal, params.id),
  });
}
