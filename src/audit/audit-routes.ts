import { z } from 'zod';
import { assertCan, loadAccess, type TrajectoryAccess } from '../auth/access';
import { contactFieldsHiddenFrom } from '../people/people-service';
import { redactContact } from './audit';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { notFound } from '../shared/errors';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { publicRow } from '../shared/schemas';
import { listAudit } from './audit-repository';

export const auditEntry = z.object({
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

/**
 * The people in these entries whose contact details the reader may not see in the person
 * itself: the log must not show them either.
 */
async function hiddenContacts(db: Db, access: TrajectoryAccess, rows: { entity: string; entityId: string }[]): Promise<Set<string>> {
  const ids = [...new Set(rows.filter((r) => r.entity === 'person').map((r) => r.entityId))];
  return ids.length ? contactFieldsHiddenFrom(db, access, ids) : new Set();
}

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
      const access = await loadAccess(db, principal, params.id);
      assertCan(access, 'audit.read');
      const rows = await listAudit(db, principal.tenantId, params.id, query);
      const hidden = await hiddenContacts(db, access, rows);
      return rows.map((r) =>
        publicRow<z.input<typeof auditEntry>>({ ...r, id: String(r.id), tenantId: '', changes: hidden.has(r.entityId) ? redactContact(r.changes) : r.changes }),
      );
    },
  });
}
