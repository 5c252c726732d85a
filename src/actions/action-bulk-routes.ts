import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import { createActionImportService } from './action-import-service';
import { createActionReassignService, reassignInput, reassignOutput } from './action-reassign';
import { actionOutput } from './action-service';

/** Base64 of at most ~700 KB: the JSON body stays under the server's 1 MB limit (413 beyond). */
const MAX_BASE64 = 960_000;

const importBody = z
  .object({
    fileName: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
    content: z.string().min(1, 'must not be empty').max(MAX_BASE64, 'the file is too large (at most 700 KB)'),
    dryRun: z.boolean().optional(),
  })
  .strict();

export const importResult = z.object({ dryRun: z.boolean(), created: z.int(), actions: z.array(actionOutput) });

/** Changes to many actions at once: a new owner for all of someone's actions, and an import from a sheet. */
export function registerActionBulkRoutes(api: ApiContext, db: Db): void {
  const reassign = createActionReassignService(db);
  const imports = createActionImportService(db);
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/actions/reassign',
    summary:
      'Give every action of one owner (onlyOpen: only planned, running and postponed ones) to another person, in one transaction. ' +
      'Actions in domains where the caller may not change the owner are skipped and counted.',
    tag: 'Actions',
    params: idParam,
    body: reassignInput,
    response: reassignOutput,
    problems: [403, 409],
    handler: ({ principal, params, body }) => reassign.reassign(principal, params.id, body),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/actions/import',
    summary:
      'Import actions from an .xlsx sheet with the columns of the plan export (plan.xlsx), sent as base64 with its file name. ' +
      'Each row names its domain, strategic and operational objective by title. All or nothing: a bad row answers 400 with every problem by row and column, and nothing is saved.',
    tag: 'Actions',
    params: idParam,
    body: importBody,
    response: importResult,
    problems: [403, 413],
    handler: ({ principal, params, body }) => imports.import(principal, params.id, body),
  });
}
