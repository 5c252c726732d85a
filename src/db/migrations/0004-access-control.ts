import { sql, type Kysely } from 'kysely';

/*
 * Access control against a hostile insider, and a plan revision that no write can bypass.
 *
 * - tenant_admin: Kansrijk administrators of a tenant, by Entra object id (an admin need not
 *   take part in any trajectory, so they are not a person of one).
 * - person.home_trajectory_id: the trajectory a person was added in. People stay tenant-wide
 *   (one sign-in, one reminder preference), but a person takes part in a trajectory only
 *   through it: membership, an owned action, or having been added there.
 * - plan_change: every statement that writes a plan table appends a row here through
 *   statement-level triggers, so the plan cache and its ETag follow each write, audited or
 *   not, also one made by hand in psql. Appending (rather than bumping a counter on the
 *   trajectory row) keeps concurrent writers of one trajectory from queueing on one row lock.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table tenant_admin (
  tenant_id text not null references tenant(id),
  entra_object_id text not null,
  display_name text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, entra_object_id)
);

alter table person add column home_trajectory_id uuid;
alter table person add foreign key (tenant_id, home_trajectory_id) references trajectory(tenant_id, id) on delete set null (home_trajectory_id);
create index person_home on person (tenant_id, home_trajectory_id);

create table plan_change (
  tenant_id text not null,
  trajectory_id uuid not null,
  id bigint generated always as identity,
  primary key (tenant_id, trajectory_id, id)
);

create function note_plan_change() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    insert into plan_change (tenant_id, trajectory_id) select distinct tenant_id, trajectory_id from new_rows;
  elsif tg_op = 'UPDATE' then
    insert into plan_change (tenant_id, trajectory_id)
      select tenant_id, trajectory_id from new_rows union select tenant_id, trajectory_id from old_rows;
  else
    insert into plan_change (tenant_id, trajectory_id) select distinct tenant_id, trajectory_id from old_rows;
  end if;
  return null;
end
$fn$;

create function note_trajectory_change() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'DELETE' then
    delete from plan_change c using old_rows o where c.tenant_id = o.tenant_id and c.trajectory_id = o.id;
  else
    insert into plan_change (tenant_id, trajectory_id) select distinct tenant_id, id from new_rows;
  end if;
  return null;
end
$fn$;
`.execute(db);

  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action', 'indicator', 'measurement']) {
    const t = sql.raw(table);
    await sql`
create trigger ${sql.raw(`${table}_plan_insert`)} after insert on ${t} referencing new table as new_rows for each statement execute function note_plan_change();
create trigger ${sql.raw(`${table}_plan_update`)} after update on ${t} referencing old table as old_rows new table as new_rows for each statement execute function note_plan_change();
create trigger ${sql.raw(`${table}_plan_delete`)} after delete on ${t} referencing old table as old_rows for each statement execute function note_plan_change();
`.execute(db);
  }
  await sql`
create trigger trajectory_plan_insert after insert on trajectory referencing new table as new_rows for each statement execute function note_trajectory_change();
create trigger trajectory_plan_update after update on trajectory referencing new table as new_rows for each statement execute function note_trajectory_change();
create trigger trajectory_plan_delete after delete on trajectory referencing old table as old_rows for each statement execute function note_trajectory_change();
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action', 'indicator', 'measurement', 'trajectory']) {
    for (const op of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_plan_${op}`)} on ${sql.raw(table)}`.execute(db);
    }
  }
  await sql`
drop function if exists note_plan_change, note_trajectory_change;
drop table if exists plan_change, tenant_admin;
alter table person drop column if exists home_trajectory_id;
`.execute(db);
}
