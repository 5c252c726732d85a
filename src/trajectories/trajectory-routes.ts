import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { capabilities } from '../auth/policy';
import { idParam } from '../shared/resource-routes';
import { isTenantAdmin } from '../tenants/tenant-admin-service';
import { createTrajectoryService, trajectoryInput, trajectoryOutput, trajectoryPatch } from './trajectory-service';

/** Capabilities that hold across a tenant rather than in one trajectory. */
const tenantCapabilities = ['trajectory.create', 'trajectory.delete', 'tenant.admins', 'person.link'] as const;

/** GET /api/v1/me (exported so that the tabs derive their type from it). */
export const meOutput = z.object({
  tenantId: z.string(),
  userId: z.string(),
  name: z.string(),
  admin: z.boolean(),
  permissions: z.array(z.enum(tenantCapabilities)).describe('what the caller may do across the tenant'),
  trajectories: z.array(
    z.object({ id: z.uuid(), name: z.string(), municipality: z.string(), roles: z.array(z.string()), permissions: z.array(z.enum(capabilities)) }),
  ),
});

export function registerTrajectoryRoutes(api: ApiContext, db: Db): void {
  const service = createTrajectoryService(db);
  const tag = 'Trajectories';
  api.route({
    method: 'GET',
    url: '/api/v1/me',
    summary: 'Who am I, and which trajectories of my tenant do I take part in, in which roles',
    tag: 'Me',
    response: meOutput,
    handler: async ({ principal }) => {
      const [mine, admin] = await Promise.all([service.listMine(principal), isTenantAdmin(db, principal)]);
      return {
        tenantId: principal.tenantId,
        userId: principal.userId,
        name: principal.name,
        admin,
        permissions: admin ? [...tenantCapabilities] : [],
        trajectories: mine.map((t) => ({ id: t.id, name: t.name, municipality: t.municipality, roles: t.roles, permissions: t.permissions })),
      };
    },
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories',
    summary: 'The trajectories I take part in',
    tag,
    response: z.array(trajectoryOutput),
    handler: ({ principal }) => service.listMine(principal),
  });
  api.route({
    method: 'POST',
    url: '/api/v1/trajectories',
    summary: 'Start a trajectory (administrators only); you become its coordinator until you hand it over',
    tag,
    body: trajectoryInput,
    response: trajectoryOutput,
    status: 201,
    problems: [403],
    handler: ({ principal, body }) => service.create(principal, body),
  });
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id',
    summary: 'Read a trajectory',
    tag,
    params: idParam,
    response: trajectoryOutput,
    problems: [403],
    handler: ({ principal, params }) => service.get(principal, params.id),
  });
  api.route({
    method: 'PATCH',
    url: '/api/v1/trajectories/:id',
    summary: 'Change a trajectory (mission, vision, criteria, phase progress…)',
    tag,
    params: idParam,
    body: trajectoryPatch,
    response: trajectoryOutput,
    problems: [403],
    handler: ({ principal, params, body }) => service.update(principal, params.id, body),
  });
  api.route({
    method: 'DELETE',
    url: '/api/v1/trajectories/:id',
    summary: 'Delete a trajectory and everything in it (administrators only)',
    tag,
    params: idParam,
    status: 204,
    problems: [403],
    handler: async ({ principal, params }) => {
      await service.remove(principal, params.id);
      return undefined;
    },
  });
}
