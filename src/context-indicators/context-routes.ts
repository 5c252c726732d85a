import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { contextImportInput, contextImportOutput, contextListOutput, contextValueInput, contextValueOutput, createContextService } from './context-service';

export function registerContextRoutes(api: ApiContext, db: Db): void {
  const service = createContextService(db);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/context-values',
    summary: 'The environment analysis: the catalogue of context indicators, their values per year and level, and where the municipality deviates from the region',
    tag: 'Context indicators',
    params: idParam,
    response: contextListOutput,
    problems: [403],
    handler: ({ principal, params }) => service.list(principal, params.id),
  });
  api.route({
    method: 'PUT',
    url: '/api/v1/trajectories/:id/context-values',
    summary: 'Set one context value (indicator, year and level): creates it or replaces the one there is',
    tag: 'Context indicators',
    params: idParam,
    body: contextValueInput,
    response: contextValueOutput,
    problems: [403],
    handler: ({ principal, params, body }) => service.put(principal, params.id, body),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/context-values/import',
    summary:
      'Import context values from a CSV or Excel (.xlsx) file, sent as base64; all rows or none. Bad rows answer 400 with each problem\'s line and column (docs/context-indicators.md describes the file shapes)',
    tag: 'Context indicators',
    params: idParam,
    body: contextImportInput,
    response: contextImportOutput,
    problems: [403, 413],
    handler: ({ principal, params, body }) => service.importFile(principal, params.id, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/context-values/:id',
    summary: 'Delete one context value',
    tag: 'Context indicators',
    params: idParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await service.remove(principal, params.id);
      return undefined;
    },
  });
}
