import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { createSteeringService, homeworkOutput, homeworkSendOutput, sessionNumberParam, sessionOutput, sessionPatch, sessionsOutput } from './steering-service';

export function registerSteeringRoutes(api: ApiContext, db: Db): void {
  const service = createSteeringService(db);
  const tag = 'Steering sessions';
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/steering-sessions',
    summary: "The steering group's first three meetings: agenda templates, prompts, answers, mission, vision and the criteria check",
    tag,
    params: idParam,
    response: sessionsOutput,
    handler: ({ principal, params }) => service.list(principal, params.id),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/trajectories/:id/steering-sessions/:number',
    summary: 'Record when a session was held, the steering-group meeting it was, and answers to its prompts',
    tag,
    params: sessionNumberParam,
    body: sessionPatch,
    response: sessionOutput,
    problems: [403],
    handler: ({ principal, params, body }) => service.update(principal, params.id, params.number, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/steering-sessions/homework',
    summary: "The steering-group members' homework (a case and a dream) and whether the card reached them",
    tag,
    params: idParam,
    response: homeworkOutput,
    problems: [403],
    handler: ({ principal, params }) => service.homework(principal, params.id),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/steering-sessions/homework',
    summary: 'Send the homework card to every steering-group member with a Teams account (at most once each)',
    tag,
    params: idParam,
    response: homeworkSendOutput,
    problems: [403],
    handler: ({ principal, params }) => service.sendHomework(principal, params.id),
  });
}
