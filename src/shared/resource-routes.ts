import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { createResourceService, type ResourceSpec } from './resource-service';

export const idParam = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

/** GET/POST under the parent, GET/PATCH/DELETE on the item, for one plain resource. */
export function registerResourceRoutes<C extends z.ZodType, U extends z.ZodType, O extends z.ZodType>(
  api: ApiContext,
  db: Db,
  spec: ResourceSpec<C, U, O>,
): void {
  const service = createResourceService(db, spec);
  const base = '/api/v1';
  const items = spec.itemPlural ?? spec.plural;
  api.route({
    method: 'GET',
    url: `${base}/${spec.parent.plural}/:id/${spec.plural}`,
    summary: `List the ${spec.plural} of a ${spec.parent.entity}`,
    tag: spec.tag,
    params: idParam,
    response: z.array(spec.output),
    problems: [403],
    handler: ({ principal, params }) => service.list(principal, params.id),
  });
  api.route({
    method: 'POST',
    url: `${base}/${spec.parent.plural}/:id/${spec.plural}`,
    summary: `Create a ${spec.entity} in a ${spec.parent.entity}`,
    tag: spec.tag,
    params: idParam,
    body: spec.create,
    response: spec.output,
    status: 201,
    problems: [403, 409],
    handler: ({ principal, params, body }) => service.create(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: `${base}/${items}/:id`,
    summary: `Read a ${spec.entity}`,
    tag: spec.tag,
    params: idParam,
    response: spec.output,
    problems: [403],
    handler: ({ principal, params }) => service.get(principal, params.id),
  });
  api.route({
    method: 'PATCH',
    url: `${base}/${items}/:id`,
    summary: `Change a ${spec.entity}`,
    tag: spec.tag,
    params: idParam,
    body: spec.update,
    response: spec.output,
    problems: [403, 409],
    handler: ({ principal, params, body }) => service.update(principal, params.id, body),
  });
  api.route({
    method: 'DELETE',
    url: `${base}/${items}/:id`,
    summary: `Delete a ${spec.entity}`,
    tag: spec.tag,
    params: idParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await service.remove(principal, params.id);
      return undefined;
    },
  });
}
