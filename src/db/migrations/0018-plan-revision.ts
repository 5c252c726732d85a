import { sql, type Kysely } from 'kysely';

/*
 * A plan revision that follows commit order, so that a cached plan can never outlive a write.
 *
 * Migration 0004 labelled a plan with max(plan_change.id), an identity value handed out when a
 * statement ran, not when its transaction committed. Two overlapping writers could then commit
 * out of order: the later id became visible first, a reader cached the tree under it, and the
 * earlier id's commit arrived below the label, so the stale tree was served until the next write.
 *
 * Now each transaction that writes a plan table moves a per-trajectory counter by one, from a
 * deferred constraint trigger that runs while the transaction commits. The counter's row lock is
 * taken only then, after every other lock the transaction needs, so writers cannot deadlock on
 * it and hold it for the commit alone; and a reader who sees revision n knows every transaction
 * that took a number below n has committed. A transaction-local setting makes the bump happen
 * once per trajectory per transaction, however many rows it writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action', 'indicator', 'measurement', 'trajectory']) {
    for (const op of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_plan_${op}`)} on ${sql.raw(table)}`.execute(db);
    }
  }
  await sql`
drop function if exists note_plan_change, note_trajectory_change;
drop table if exists plan_change;

create table plan_revision (
  tenant_id text not null,
  trajectory_id uuid not null,
  revision bigint not null,
  primary key (tenant_id, trajectory_id)
);
insert into plan_revision (tenant_id, trajectory_id, revision) select tenant_id, id, 1 from trajectory;

create function bump_plan_revision_of(t text, tr uuid) returns void language plpgsql as $fn$
declare
  flag text := 'kansrijk.plan_' || md5(t || '/' || tr::text);
begin
  if current_setting(flag, true) = '1' then return; end if;
  perform set_config(flag, '1', true);
  -- A trajectory deleted in this same transaction keeps no revision.
  if not exists (select 1 from trajectory where tenant_id = t and id = tr) then return; end if;
  insert into plan_revision (tenant_id, trajectory_id, revision) values (t, tr, 1)
    on conflict (tenant_id, trajectory_id) do update set revision = plan_revision.revision + 1;
end
$fn$;

create function bump_plan_revision() returns trigger language plpgsql as $fn$
begin
  if tg_op <> 'INSERT' then perform bump_plan_revision_of(old.tenant_id, old.trajectory_id); end if;
  if tg_op <> 'DELETE' then perform bump_plan_revision_of(new.tenant_id, new.trajectory_id); end if;
  return null;
end
$fn$;

create function bump_trajectory_revision() returns trigger language plpgsql as $fn$
begin
  perform bump_plan_revision_of(new.tenant_id, new.id);
  return null;
end
$fn$;

create function forget_plan_revision() returns trigger language plpgsql as $fn$
begin
  delete from plan_revision r using old_rows o where r.tenant_id = o.tenant_id and r.trajectory_id = o.id;
  return null;
end
$fn$;
`.execute(db);

  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action', 'indicator', 'measurement']) {
    await sql`
create constraint trigger ${sql.raw(`${table}_plan_revision`)} after insert or update or delete on ${sql.raw(table)}
  deferrable initially deferred for each row execute function bump_plan_revision();
`.execute(db);
  }
  await sql`
create constraint trigger trajectory_plan_revision after insert or update on trajectory
  deferrable initially deferred for each row execute function bump_trajectory_revision();
create trigger trajectory_plan_forget after delete on trajectory referencing old table as old_rows
  for each statement execute function forget_plan_revision();
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action', 'indicator', 'measurement', 'trajectory']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_plan_revision`)} on ${sql.raw(table)}`.execute(db);
  }
  await sql`
drop trigger if exists trajectory_plan_forget on trajectory;
drop function if exists bump_plan_revision, bump_trajectory_revision, forget_plan_revision, bump_plan_revision_of;
drop table if exists plan_revision;
create table plan_change (
  tenant_id text not null,
  trajectory_id uuid not null,
  id bigint generated always as identity,
  primary key (tenant_id, trajectory_id, id)
);
`.execute(db);
  // 0004's triggers are not put back: a down migration is for development, and 0004's own
  // down drops what remains.
}
