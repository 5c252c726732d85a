import { z } from 'zod';
import type { ApiContext } from '../http/api-context';
import { actionStatuses } from '../shared/enums';
import { idParam } from '../shared/resource-routes';
import { brusselsDate } from '../shared/time';
import {
  actionInput,
  actionListItem,
  actionPatch,
  actionUpdateOutput,
  actionWithCan,
  etagOf,
  versionFromIfMatch,
  type ActionService,
} from './action-service';

const listQuery = z
  .object({
    owner: z.uuid({ message: 'must be a UUID' }).optional(),
    mine: z.enum(['true', 'false']).optional(),
    domain: z.uuid({ message: 'must be a UUID' }).optional(),
    status: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (!s) return undefined;
        const list = s.split(',');
        const bad = list.filter((x) => !(actionStatuses as readonly string[]).includes(x));
        if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown status: ${bad.join(', ')}; use ${actionStatuses.join(', ')}` });
        return list;
      }),
    overdue: z.enum(['true', 'false']).optional(),
    q: z.string().max(200, 'at most 200 characters').optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(500),
  })
  .strict();

export function registerActionRoutes(api: ApiContext, actions: ActionService): void {
  const tag = 'Actions';
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/actions',
    summary: 'Search and filter the actions of a trajectory',
    tag,
    params: idParam,
    query: listQuery,
    response: z.array(actionListItem),
    problems: [403],
    handler: ({ principal, params, query }) =>
      actions.list(principal, params.id, {
        ownerId: query.owner,
        mine: query.mine === 'true',
        domainId: query.domain,
        statuses: query.status,
        overdueOn: query.overdue === 'true' ? brusselsDate() : undefined,
        search: query.q?.trim() || undefined,
        limit: query.limit,
      }),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/operational-objectives/:id/actions',
    summary: 'Create an action under an operational objective',
    tag,
    params: idParam,
    body: actionInput,
    response: actionWithCan,
    status: 201,
    problems: [403],
    handler: async ({ principal, params, body, reply }) => {
      const created = await actions.create(principal, params.id, body);
      reply.header('etag', etagOf(created));
      return created;
    },
  });
  api.route({
    method: 'GET',
    url: '/api/v1/actions/:id',
    summary: 'Read an action (with what the caller may do with it); its ETag is its version',
    tag,
    params: idParam,
    response: actionWithCan,
    problems: [403],
    handler: async ({ principal, params, reply }) => {
      const action = await actions.get(principal, params.id);
      reply.header('etag', etagOf(action));
      return action;
    },
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/actions/:id',
    summary: 'Change an action; send If-Match with its ETag to avoid overwriting a newer change',
    tag,
    params: idParam,
    body: actionPatch,
    response: actionWithCan,
    problems: [403, 412],
    headers: { 'If-Match': 'the ETag from the last read; a stale one answers 412 and changes nothing' },
    handler: async ({ principal, params, body, request, reply }) => {
      const ifMatch = request.headers['if-match'];
      const updated = await actions.update(principal, params.id, body, versionFromIfMatch(Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch));
      reply.header('etag', etagOf(updated));
      return updated;
    },
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/actions/:id',
    summary: 'Delete an action with its indicators and progress',
    tag,
    params: idParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await actions.remove(principal, params.id);
      return undefined;
    },
  });
  api.route({
    method: 'GET',
    url: '/api/v1/actions/:id/updates',
    summary: 'The progress timeline of an action, newest first',
    tag,
    params: idParam,
    response: z.array(actionUpdateOutput),
    problems: [403],
    handler: ({ principal, params }) => actions.updates(principal, params.id),
  });
}
