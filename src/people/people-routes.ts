import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { registerResourceRoutes } from '../shared/resource-routes';
import { uuid } from '../shared/schemas';
import { bodyResource, membershipResource } from './body-resources';
import { createPeopleService, personInput, personOutput, personPatch } from './people-service';

const trajectoryParam = z.object({ id: uuid });
const personParam = z.object({ id: uuid, personId: uuid });

export function registerPeopleRoutes(api: ApiContext, db: Db): void {
  const people = createPeopleService(db);
  const tag = 'Members';
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/people',
    summary: 'List the people taking part in a trajectory, with their memberships',
    tag,
    params: trajectoryParam,
    response: z.array(personOutput),
    problems: [403],
    handler: ({ principal, params }) => people.list(principal, params.id),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/people',
    summary: 'Add a person (who may have no Teams account)',
    tag,
    params: trajectoryParam,
    body: personInput,
    response: personOutput,
    status: 201,
    problems: [403, 409],
    handler: ({ principal, params, body }) => people.create(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/people/:personId',
    summary: 'Read a person',
    tag,
    params: personParam,
    response: personOutput,
    problems: [403],
    handler: ({ principal, params }) => people.get(principal, params.id, params.personId),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/trajectories/:id/people/:personId',
    summary: 'Change a person (anyone may change their own reminder and contact preference)',
    tag,
    params: personParam,
    body: personPatch,
    response: personOutput,
    problems: [403, 409],
    handler: ({ principal, params, body }) => people.update(principal, params.id, params.personId, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/trajectories/:id/people/:personId',
    summary: 'Delete a person and their memberships',
    tag,
    params: personParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await people.remove(principal, params.id, params.personId);
      return undefined;
    },
  });
  registerResourceRoutes(api, db, bodyResource);
  registerResourceRoutes(api, db, membershipResource);
}
