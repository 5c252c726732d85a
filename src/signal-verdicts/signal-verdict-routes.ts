import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { createSignalVerdictService, signalVerdictInput, signalVerdictOutput, signalVerdictUpdate } from './signal-verdict-service';

const listQuery = z.object({ domainId: z.uuid({ message: 'must be a UUID' }).optional() }).strict();

export function registerSignalVerdictRoutes(api: ApiContext, db: Db): void {
  const service = createSignalVerdictService(db);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/signal-verdicts',
    summary: "The signal group's verdicts on actions and domains, newest first",
    tag: 'Evaluation',
    params: idParam,
    query: listQuery,
    response: z.array(signalVerdictOutput),
    problems: [403],
    handler: ({ principal, params, query }) => service.list(principal, params.id, query.domainId),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/signal-verdicts',
    summary: "Record the signal group's verdict on an action or a domain (on the group's behalf)",
    tag: 'Evaluation',
    params: idParam,
    body: signalVerdictInput,
    response: signalVerdictOutput,
    status: 201,
    problems: [403],
    handler: ({ principal, params, body }) => service.create(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/signal-verdicts/:id',
    summary: 'Read a signal verdict',
    tag: 'Evaluation',
    params: idParam,
    response: signalVerdictOutput,
    problems: [403],
    handler: ({ principal, params }) => service.get(principal, params.id),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/signal-verdicts/:id',
    summary: 'Change a signal verdict',
    tag: 'Evaluation',
    params: idParam,
    body: signalVerdictUpdate,
    response: signalVerdictOutput,
    problems: [403],
    handler: ({ principal, params, body }) => service.update(principal, params.id, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/signal-verdicts/:id',
    summary: 'Delete a signal verdict',
    tag: 'Evaluation',
    params: idParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await service.remove(principal, params.id);
      return undefined;
    },
  });
}
