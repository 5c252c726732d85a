import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { notFound } from '../shared/errors';
import { idParam } from '../shared/resource-routes';
import { createInitiativeImportService } from './initiative-import-service';
import { initiativeOutput } from './initiative-resource';
import { domainsOf, trajectoryExists } from './initiative-repository';
import { buildInitiativeTemplate } from './initiative-template';

/** Base64 of at most ~700 KB: the JSON body stays under the server's 1 MB limit (413 beyond). */
const MAX_BASE64 = 960_000;

const importBody = z
  .object({
    fileName: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
    content: z.string().min(1, 'must not be empty').max(MAX_BASE64, 'the file is too large (at most 700 KB)'),
    dryRun: z.boolean().optional(),
  })
  .strict();

const importResult = z.object({
  dryRun: z.boolean(),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  initiatives: z.array(initiativeOutput),
});

/** The inventory's import from CSV/Excel and the template to fill in. */
export function registerInitiativeRoutes(api: ApiContext, db: Db): void {
  const imports = createInitiativeImportService(db);
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories/:id/initiatives/import',
    summary:
      'Import initiatives from a CSV (; or ,) or .xlsx file, sent as base64 with its file name. Rows whose name matches an initiative update it. ' +
      'All or nothing: a bad row answers 400 with every problem by line and column, and nothing is saved. dryRun checks without saving.',
    tag: 'Initiatives',
    params: idParam,
    body: importBody,
    response: importResult,
    problems: [403, 413],
    handler: ({ principal, params, body }) => imports.import(principal, params.id, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/initiatives/template.xlsx',
    summary: "An Excel template with the import's columns and drop-down lists (states, sectors, sources, this trajectory's domains)",
    tag: 'Initiatives',
    params: idParam,
    problems: [403],
    handler: async ({ principal, params, reply }) => {
      if (!(await trajectoryExists(db, principal.tenantId, params.id))) throw notFound(`trajectory ${params.id}`);
      assertRead(await loadAccess(db, principal, params.id));
      const domains = await domainsOf(db, principal.tenantId, params.id);
      const workbook = await buildInitiativeTemplate(domains.map((d) => d.name));
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="initiatieven-sjabloon.xlsx"')
        .header('cache-control', 'no-store');
      return workbook;
    },
  });
}
