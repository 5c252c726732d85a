import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { uuid } from '../shared/schemas';
import {
  answerInput,
  answerOutput,
  linksInput,
  linksOutput,
  questionnaireInput,
  questionnaireOutput,
  questionnairePatch,
  responsesOutput,
  resultsOutput,
  type QuestionnaireService,
} from './questionnaire-service';

const resultsQuery = z.object({ domainId: uuid.optional(), actionId: uuid.optional() }).strict();

/** The caller's language for texts the server picks (Dutch unless English is asked first). */
export function languageOf(request: FastifyRequest): 'nl' | 'en' {
  const header = request.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

export function registerQuestionnaireRoutes(api: ApiContext, service: QuestionnaireService): void {
  const tag = 'Questionnaires';
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/questionnaires',
    summary: 'List the result and satisfaction questionnaires of a trajectory',
    tag,
    params: idParam,
    response: z.array(questionnaireOutput),
    problems: [403],
    handler: ({ principal, params }) => service.listOfTrajectory(principal, params.id),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/actions/:id/questionnaires',
    summary: 'List the questionnaires of an action',
    tag,
    params: idParam,
    response: z.array(questionnaireOutput),
    problems: [403],
    handler: ({ principal, params }) => service.listOfAction(principal, params.id),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/actions/:id/questionnaires',
    summary: "Create a questionnaire on an action; without questions the kind's template is the start",
    tag,
    params: idParam,
    body: questionnaireInput,
    response: questionnaireOutput,
    status: 201,
    problems: [403],
    handler: ({ principal, params, body }) => service.create(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/questionnaires/:id',
    summary: 'Read a questionnaire',
    tag,
    params: idParam,
    response: questionnaireOutput,
    problems: [403],
    handler: ({ principal, params }) => service.get(principal, params.id),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/questionnaires/:id',
    summary: 'Change a questionnaire (its questions only while it has no answers)',
    tag,
    params: idParam,
    body: questionnairePatch,
    response: questionnaireOutput,
    problems: [403, 409],
    handler: ({ principal, params, body }) => service.update(principal, params.id, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/questionnaires/:id',
    summary: 'Delete a questionnaire with its answers and links',
    tag,
    params: idParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await service.remove(principal, params.id);
      return undefined;
    },
  });
  api.route({
    method: 'POST',
    url: '/api/v1/questionnaires/:id/responses',
    summary: "Answer a questionnaire, for oneself or (trusted person, coordinator) for a parent without an account",
    tag,
    params: idParam,
    body: answerInput,
    response: answerOutput,
    status: 201,
    problems: [403, 409],
    handler: ({ principal, params, body }) => service.answer(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/questionnaires/:id/responses',
    summary: "The single answers, without names (the coordinator only)",
    tag,
    params: idParam,
    response: responsesOutput,
    problems: [403],
    handler: ({ principal, params }) => service.responses(principal, params.id),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/questionnaires/:id/links',
    summary: 'Make personal one-time answer links (shown once; only their hashes are kept)',
    tag,
    params: idParam,
    body: linksInput,
    response: linksOutput,
    status: 201,
    problems: [403, 409],
    handler: async ({ principal, params, body, reply }) => {
      reply.header('cache-control', 'no-store');
      return service.createLinks(principal, params.id, body);
    },
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/questionnaire-results',
    summary: 'Result and satisfaction figures per questionnaire; a breakdown only from 5 answers',
    tag,
    params: idParam,
    query: resultsQuery,
    response: resultsOutput,
    problems: [403],
    handler: ({ principal, params, query, request }) => service.results(principal, params.id, query, languageOf(request)),
  });
}
