import { readFile } from 'node:fs/promises';
import { assertCan, loadAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { Db } from '../db/database';
import { notFound } from '../shared/errors';
import { findTrajectory } from '../trajectories/trajectory-repository';
import { emlPath } from './outbox-files';
import { findOutboxMessage, listOutboxMessages } from './outbox-repository';

export interface OutboxEntry {
  id: string;
  kind: string;
  recipients: string[];
  subject: string;
  bytes: number;
  createdAt: Date;
}

export interface OutboxService {
  list(principal: Principal, trajectoryId: string, page: { limit: number; offset: number }): Promise<OutboxEntry[]>;
  eml(principal: Principal, id: string): Promise<{ id: string; subject: string; content: Buffer }>;
}

/*
 * The outbox shows who was mailed what: addresses of parents and partners among them. Only
 * those who organise meetings trajectory-wide read it (the coordinator, chair, facilitator);
 * a work group's chair, who organises only their own group's meetings, does not.
 */
export function createOutboxService(db: Db, outboxDir: string): OutboxService {
  return {
    async list(principal, trajectoryId, page) {
      if (!(await findTrajectory(db, principal.tenantId, trajectoryId))) throw notFound(`trajectory ${trajectoryId}`);
      assertCan(await loadAccess(db, principal, trajectoryId), 'meeting.manage');
      return listOutboxMessages(db, principal.tenantId, trajectoryId, page);
    },

    async eml(principal, id) {
      const row = await findOutboxMessage(db, principal.tenantId, id);
      // A message of no trajectory (tenant-wide mail) has nobody here who may read it.
      if (!row?.trajectoryId) throw notFound(`outbox message ${id}`);
      assertCan(await loadAccess(db, principal, row.trajectoryId), 'meeting.manage');
      let content: Buffer;
      try {
        content = await readFile(emlPath(outboxDir, row.tenantId, row.id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(`the file of outbox message ${id}`);
        throw error;
      }
      return { id: row.id, subject: row.subject, content };
    },
  };
}
