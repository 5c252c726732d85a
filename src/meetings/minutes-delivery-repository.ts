import { sql } from 'kysely';
import type { Db } from '../db/database';

/** SQL only: the per-recipient log of approved minutes going out (migration 0013). */

export interface DeliveryRecipient {
  personId: string | null;
  address: string;
  name: string;
  reason: 'attendee' | 'alderman';
}

/** One row per address; a second approval run or a restart adds nobody twice (the unique key). */
export async function insertDeliveries(db: Db, tenantId: string, trajectoryId: string, meetingId: string, transport: 'graph' | 'outbox', recipients: readonly DeliveryRecipient[]): Promise<void> {
  if (recipients.length === 0) return;
  await db
    .insertInto('minutesDelivery')
    .values(recipients.map((r) => ({ tenantId, trajectoryId, meetingId, personId: r.personId, address: r.address.toLowerCase(), recipientName: r.name, reason: r.reason, transport })))
    .onConflict((oc) => oc.columns(['tenantId', 'meetingId', 'address']).doNothing())
    .execute();
}

/**
 * Claims what is still to send: pending rows, and rows left 'sending' by an instance that died
 * (older than `staleAfter`). Skip-locked, so two instances never claim the same row.
 */
export async function claimDeliveries(db: Db, tenantId: string, meetingId: string, limit: number, staleAfterSeconds: number) {
  const rows = await sql<{ id: string; address: string; recipientName: string; personId: string | null; reason: string; draftId: string | null; attempts: number }>`
    update minutes_delivery d set state = 'sending', attempts = d.attempts + 1, updated_at = now()
    from (
      select id from minutes_delivery
      where tenant_id = ${tenantId} and meeting_id = ${meetingId}::uuid
        and (state = 'pending' or (state = 'sending' and updated_at < now() - make_interval(secs => ${staleAfterSeconds})))
      order by created_at, id
      limit ${limit}
      for update skip locked
    ) pick
    where d.tenant_id = ${tenantId} and d.id = pick.id
    returning d.id, d.address, d.recipient_name, d.person_id, d.reason, d.draft_id, d.attempts`.execute(db);
  return rows.rows;
}

export async function recordDraft(db: Db, tenantId: string, id: string, draftId: string): Promise<void> {
  await db.updateTable('minutesDelivery').set({ draftId, updatedAt: new Date() }).where('tenantId', '=', tenantId).where('id', '=', id).execute();
}

export async function markDelivery(db: Db, tenantId: string, id: string, outcome: { state: 'sent' } | { state: 'pending' | 'failed'; error: string }): Promise<void> {
  await db
    .updateTable('minutesDelivery')
    .set(outcome.state === 'sent' ? { state: 'sent', sentAt: new Date(), error: '', updatedAt: new Date() } : { state: outcome.state, error: outcome.error.slice(0, 500), updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(db: Db, tenantId: string, meetingId: string) {
  return db
    .selectFrom('minutesDelivery')
    .select(['id', 'personId', 'address', 'recipientName', 'reason', 'transport', 'state', 'attempts', 'sentAt', 'error', 'updatedAt'])
    .where('tenantId', '=', tenantId)
    .where('meetingId', '=', meetingId)
    .orderBy('reason')
    .orderBy('recipientName')
    .execute();
}

export async function openDeliveryCount(db: Db, tenantId: string, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('minutesDelivery')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenantId', '=', tenantId)
    .where('meetingId', '=', meetingId)
    .where('state', 'in', ['pending', 'sending'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Meetings whose approved minutes still have recipients to reach, across tenants (the resume after a restart). */
export async function meetingsWithOpenDeliveries(db: Db) {
  return db
    .selectFrom('meeting')
    .select(['tenantId', 'id'])
    .where('state', '=', 'minutes_approved')
    .execute();
}
