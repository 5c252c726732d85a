import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import type { LineageKind } from './period-repository';
import { createPeriodService, lineageOutput, nextPeriodInput, nextPeriodOutput, periodOutput } from './period-service';
import { z } from 'zod';

const historyOf: Record<LineageKind, string> = {
  strategicObjective: 'strategic-objectives',
  operationalObjective: 'operational-objectives',
  action: 'actions',
};

export function registerPeriodRoutes(api: ApiContext, db: Db): void {
  const service = createPeriodService(db);
  const tag = 'Policy periods';
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/next-period',
    summary: 'Start the next policy period from this one: a copy of the plan that keeps its origins; this period becomes read-only',
    tag,
    params: idParam,
    body: nextPeriodInput,
    response: nextPeriodOutput,
    status: 201,
    problems: [403, 409],
    handler: ({ principal, params, body }) => service.startNext(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/periods',
    summary: 'The policy periods this trajectory continues and is continued by (those you take part in)',
    tag,
    params: idParam,
    response: z.array(periodOutput),
    problems: [403],
    handler: ({ principal, params }) => service.periods(principal, params.id),
  });
  for (const [kind, plural] of Object.entries(historyOf) as [LineageKind, string][]) {
    api.route({
      method: 'GET',
      url: `/api/v1/${plural}/:id/history`,
      summary: 'This row in every policy period (those you take part in), oldest first, with the evaluation\'s verdict on each',
      tag,
      params: idParam,
      response: lineageOutput,
      problems: [403],
      handler: ({ principal, params }) => service.lineage(principal, kind, params.id),
    });
  }
}
