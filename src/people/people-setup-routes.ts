import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { callerOf } from '../meetings/meeting-routes';
import { uuid } from '../shared/schemas';
import { personOutput } from './people-service';
import {
  bodyDeleteImpactOutput,
  createPeopleSetupService,
  directoryOutput,
  directoryQuery,
  invitationInput,
  invitationOutput,
  peopleSetupOutput,
  personDeleteImpactOutput,
  type PeopleSetupDeps,
} from './people-setup';

const trajectoryParam = z.object({ id: uuid });
const personParam = z.object({ id: uuid, personId: uuid });
const tag = 'Members';

export function registerPeopleSetupRoutes(api: ApiContext, db: Db, deps: PeopleSetupDeps): void {
  const setup = createPeopleSetupService(db, deps);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/people-setup',
    summary: 'What the caller may grant here, and whether the directory people picker is available',
    tag,
    params: trajectoryParam,
    response: peopleSetupOutput,
    problems: [403],
    handler: ({ principal, params, request }) => setup.setup(principal, params.id, Boolean(callerOf(request).userAssertion)),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/people/:personId/delete-impact',
    summary: 'What deleting a person takes with it: memberships, owned actions, parents they are the trusted person of',
    tag,
    params: personParam,
    response: personDeleteImpactOutput,
    problems: [403],
    handler: ({ principal, params }) => setup.personImpact(principal, params.id, params.personId),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/bodies/:id/delete-impact',
    summary: 'What deleting a body takes with it: memberships, meetings, signal verdicts',
    tag,
    params: z.object({ id: uuid }),
    response: bodyDeleteImpactOutput,
    problems: [403],
    handler: ({ principal, params }) => setup.bodyImpact(principal, params.id),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/directory',
    summary: "Find colleagues in the organisation's directory (Microsoft Graph, with the caller's own rights) to invite",
    tag,
    params: trajectoryParam,
    query: directoryQuery,
    response: directoryOutput,
    problems: [403, 502],
    handler: ({ principal, params, query, request }) => setup.searchDirectory(principal, params.id, callerOf(request).userAssertion, query.q),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/invitations',
    summary: 'Invite someone with an account: picked from the directory, or by e-mail address; they get an e-mail saying they were added',
    tag,
    params: trajectoryParam,
    body: invitationInput,
    response: invitationOutput.extend({ person: personOutput }),
    status: 201,
    problems: [403, 409, 502],
    handler: ({ principal, params, body, request }) => setup.invite(principal, params.id, callerOf(request).userAssertion, body),
  });
}
