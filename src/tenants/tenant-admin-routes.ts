import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { uuid } from '../shared/schemas';
import { createTenantAdminService, tenantAdminInput, tenantAdminOutput } from './tenant-admin-service';

export function registerTenantAdminRoutes(api: ApiContext, db: Db): void {
  const admins = createTenantAdminService(db);
  const tag = 'Administrators';
  api.route({
    method: 'GET',
    url: '/api/v1/admins',
    summary: "The Kansrijk administrators of the caller's tenant (administrators only)",
    tag,
    response: z.array(tenantAdminOutput),
    problems: [403],
    handler: ({ principal }) => admins.list(principal),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/admins',
    summary: 'Name an administrator by their Entra object id (administrators only)',
    tag,
    body: tenantAdminInput,
    response: tenantAdminOutput,
    status: 201,
    problems: [403],
    handler: ({ principal, body }) => admins.add(principal, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/admins/:entraObjectId',
    summary: 'Remove an administrator; the last one stays (administrators only)',
    tag,
    params: z.object({ entraObjectId: uuid }),
    status: 204,
    problems: [403, 409],
    handler: async ({ principal, params }) => {
      await admins.remove(principal, params.entraObjectId);
      return undefined;
    },
  });
}
