import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { OutboxMessageTable } from '../meetings/meeting-table';

const listed = ['id', 'kind', 'recipients', 'subject', 'bytes', 'createdAt'] as const;

export async function findOutboxMessage(db: Db, tenantId: string, id: string) {
  return db.selectFrom('outboxMessage').selectAll().where('tenantId', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export type OutboxMessageRow = NonNullable<Awaited<ReturnType<typeof findOutboxMessage>>>;

/** One row per message: a second insert of the same (key-derived) id is a no-op, never an error. */
export async function insertOutboxMessage(db: Db, values: Insertable<OutboxMessageTable>): Promise<void> {
  await db
    .insertInto('outboxMessage')
    .values(values)
    .onConflict((oc) => oc.columns(['tenantId', 'id']).doNothing())
    .execute();
}

/** A trajectory's outbox, newest first (the index outbox_message_trajectory serves it). */
export async function listOutboxMessages(db: Db, tenantId: string, trajectoryId: string, page: { limit: number; offset: number }) {
  return db
    .selectFrom('outboxMessage')
    .select(listed)
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
