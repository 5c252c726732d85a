import { z } from 'zod';
import { createContextService } from '../context-indicators/context-service';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { RawJson } from '../http/route';
import { createMeasurementPlanService } from '../measurement-plans/measurement-plan-service';
import { idParam } from '../shared/resource-routes';
import { createSignalVerdictService } from '../signal-verdicts/signal-verdict-service';
import { buildPlanWorkbook, exportFileName } from './plan-export';
import { chooseEncoding, createEncodedCache } from './plan-encoding';
import { createPlanService, planIndicatorsOutput, planOutput } from './plan-service';

export function registerPlanRoutes(api: ApiContext, db: Db): void {
  const service = createPlanService(db);
  const context = createContextService(db);
  const measurementPlans = createMeasurementPlanService(db);
  const verdicts = createSignalVerdictService(db);
  const encoded = createEncodedCache();
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/plan',
    summary: 'The whole action plan: domains → strategic → operational objectives → actions (indicators: …/plan/indicators)',
    tag: 'Plan',
    params: idParam,
    response: planOutput,
    problems: [403],
    headers: { 'If-None-Match': 'the ETag of a plan you hold; 304 when it is still current' },
    handler: async ({ principal, params, request, reply }) => {
      const plan = await service.planText(principal, params.id);
      const { etag } = plan;
      reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'accept-encoding');
      if (request.headers['if-none-match'] === etag) {
        await reply.code(304).send();
        return undefined;
      }
      const encoding = chooseEncoding(request.headers['accept-encoding']);
      reply.type('application/json; charset=utf-8');
      if (encoding) reply.header('content-encoding', encoding);
      await reply.send(encoded.get(etag, encoding ?? 'identity', () => plan.json));
      return undefined;
    },
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/plan/indicators',
    summary: "Every indicator of the plan's actions with its latest measurement (kept out of the plan itself to keep that small)",
    tag: 'Plan',
    params: idParam,
    query: z.object({ domainId: z.uuid().optional().describe("only this domain's actions (the board shows one domain)") }),
    response: planIndicatorsOutput,
    problems: [403],
    handler: async ({ principal, params, query }) => new RawJson(await service.indicatorsText(principal, params.id, query.domainId)),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/plan.xlsx',
    summary: 'The action plan as an Excel workbook (one row per action, Dutch column headers)',
    tag: 'Plan',
    params: idParam,
    problems: [403],
    handler: async ({ principal, params, reply }) => {
      const plan = await service.plan(principal, params.id);
      const [values, planned, given] = await Promise.all([
        context.values(principal, params.id),
        measurementPlans.listForTrajectory(principal, params.id),
        verdicts.list(principal, params.id),
      ]);
      const workbook = await buildPlanWorkbook(plan, values, { plans: planned.plans, verdicts: given });
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exportFileName(plan)}"`)
        .header('cache-control', 'no-store');
      return workbook;
    },
  });
}
