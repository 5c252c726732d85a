import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam, registerResourceRoutes } from '../shared/resource-routes';
import { focusGroupResource, proposalResource } from './focus-group-resources';
import { createFocusGroupService, proposalTraces } from './focus-group-service';

const tracesQuery = z.object({ action: z.uuid({ message: 'must be a UUID' }).optional() }).strict();

export function registerFocusGroupRoutes(api: ApiContext, db: Db): void {
  const service = createFocusGroupService(db);
  registerResourceRoutes(api, db, focusGroupResource);
  registerResourceRoutes(api, db, proposalResource);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/focus-groups/traces',
    summary: "Where parents' proposals went: each with its focus group and the domain, objective and action it led to",
    tag: 'Focus groups',
    params: idParam,
    query: tracesQuery,
    response: proposalTraces,
    problems: [403],
    handler: ({ principal, params, query }) => service.traces(principal, params.id, { actionId: query.action }),
  });
}
