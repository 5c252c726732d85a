import { sql, type Kysely } from 'kysely';

/*
 * Indexes for the statements that run on every reminder. The dispatcher takes a tenant's ready
 * reminders in sending order (priority, then due moment), a few at a time, so it reads them
 * from an index in that order instead of sorting the whole queue for every claim. That index
 * serves everything follow_up_ready did (tenant first, then the due moment among its columns),
 * so follow_up_ready goes: one index less to write for every planned reminder.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create index follow_up_queue on follow_up (tenant_id, priority, not_before, id) where state = 'pending';
drop index follow_up_ready;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
create index follow_up_ready on follow_up (tenant_id, not_before) where state = 'pending';
drop index follow_up_queue;
`.execute(db);
}
