import { sql, type Kysely } from 'kysely';

/*
 * An action decided in a meeting also keeps the agenda item it was decided under, for the
 * minutes. A meeting carries the practical answers parents ask before they come (the roadmap):
 * how to get there, whether there is childcare, what compensation there is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table action add column agenda_item_id uuid;
alter table action add foreign key (tenant_id, agenda_item_id) references agenda_item(tenant_id, id) on delete set null (agenda_item_id);
alter table meeting
  add column directions text not null default '',
  add column childcare text not null default '',
  add column compensation text not null default '',
  add column cancel_reason text not null default '';
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table action drop column agenda_item_id; alter table meeting drop column directions, drop column childcare, drop column compensation, drop column cancel_reason;`.execute(db);
}
