import { z } from 'zod';
import { assertRead, loadAccess } from '../auth/access';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { notFound } from '../http/problems';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { publicRow } from '../shared/schemas';
import { listAudit } from './audit-repository';

const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorPersonId: z.string().nullable(),
  actorName: z.string(),
  entity: z.string(),
  entityId: z.string(),
  operation: z.enum(['create', 'update', 'delete']),
  changes: z.record(z.string(), z.unknown()),
});

export function registerAuditRoutes(api: ApiContext, db: Db): void {
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/audit',
    summary: 'Who changed what and when, newest first',
    tag: 'Audit',
    params: z.object({ id: z.uuid({ message: 'must be a UUID' }) }),
    query: z
      .object({
        entity: z.string().max(60).optional(),
        entityId: z.uuid({ message: 'must be a UUID' }).optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      })
      .strict(),
    response: z.array(auditEntry),
    problems: [403],
    handler: async ({ principal, params, query }) => {
      if (!(await findTrajectory(db, principal.tenantId, params.id))) throw notFound(`trajectory ${params.id}`);
      assertRead(await loadAccess(db, principal, params.id));
      const rows = await listAudit(db, principal.tenantId, params.id, query);
      return rows.map((r) => publicRow<z.input<typeof auditEntry>>({ ...r, id: String(r.id), tenantId: '' }));
    },
  });
}
