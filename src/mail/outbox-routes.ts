import { z } from 'zod';
import type { Db } from '../db/database';
import type { ApiContext } from '../http/api-context';
import { idParam } from '../shared/resource-routes';
import type { MailKind } from './mail-types';
import { createOutboxService } from './outbox-service';

/** Every MailKind (the compiler checks the list against the type, the table's check against both). */
const mailKinds = ['invitation', 'cancellation', 'minutes', 'report', 'other'] as const satisfies readonly MailKind[];

export const outboxEntry = z.object({
  id: z.uuid(),
  kind: z.enum(mailKinds),
  recipients: z.array(z.string()),
  subject: z.string(),
  bytes: z.int(),
  createdAt: z.string(),
});

const page = z
  .object({
    limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'at least 1').max(200, 'at most 200').default(50),
    offset: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(1_000_000, 'at most 1000000').default(0),
  })
  .strict();

/** The local outbox (mail without Graph): the list per trajectory and each message as .eml. */
export function registerOutboxRoutes(api: ApiContext, db: Db, outboxDir: string): void {
  const service = createOutboxService(db, outboxDir);
  api.route({
    method: 'GET',
    url: '/api/v1/trajectories/:id/outbox',
    summary: 'Mail written to the local outbox because Graph is not configured, newest first',
    tag: 'Outbox',
    params: idParam,
    query: page,
    response: z.array(outboxEntry),
    problems: [403],
    handler: async ({ principal, params, query }) => {
      const rows = await service.list(principal, params.id, query);
      return rows.map((r) => ({ ...r, kind: r.kind as MailKind, createdAt: r.createdAt.toISOString() }));
    },
  });
  api.route({
    method: 'GET',
    url: '/api/v1/outbox/:id/eml',
    summary: 'One outbox message as an RFC 5322 .eml file (message/rfc822)',
    tag: 'Outbox',
    params: idParam,
    problems: [403],
    handler: async ({ principal, params, reply }) => {
      const message = await service.eml(principal, params.id);
      reply
        .type('message/rfc822')
        .header('content-disposition', `attachment; filename="${message.id}.eml"`)
        .header('cache-control', 'no-store');
      return message.content;
    },
  });
}
