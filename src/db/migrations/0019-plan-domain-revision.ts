import { sql, type Kysely } from 'kysely';
import * as trajectoryRevision from './0018-plan-revision';

/*
 * A revision per domain of the plan, so that a write rebuilds only the domain it touched.
 *
 * Migration 0018's revision moves for the whole trajectory, so at a few writes a second every
 * read found the whole cached tree stale and PostgreSQL rebuilt 2,500 actions for a change of
 * one. This counter moves the same way (a deferred constraint trigger, once per domain per
 * transaction, while the transaction commits, not at all on rollback) but per domain: for the
 * domain row itself and for the objectives and actions under it. A row that moves to another
 * domain moves both. Indicators and measurements are no longer part of the plan tree (they are
 * read with an action or through …/indicators), so they move only 0018's counter.
 */
/** bump_domain_revision_of on the one-row-per-domain table; migration 0022's down() puts it back. */
export const singleRowBump = sql`
create or replace function bump_domain_revision_of(t text, tr uuid, d uuid) returns void language plpgsql as $fn$
declare
  flag text := 'kansrijk.domain_' || md5(t || '/' || d::text);
begin
  if d is null or current_setting(flag, true) = '1' then return; end if;
  perform set_config(flag, '1', true);
  -- A domain deleted in this same transaction keeps no revision.
  if not exists (select 1 from domain where tenant_id = t and id = d) then
    delete from plan_domain_revision where tenant_id = t and trajectory_id = tr and domain_id = d;
    return;
  end if;
  insert into plan_domain_revision (tenant_id, trajectory_id, domain_id, revision) values (t, tr, d, 1)
    on conflict (tenant_id, trajectory_id, domain_id) do update set revision = plan_domain_revision.revision + 1;
end
$fn$;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action', 'indicator', 'measurement', 'trajectory']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_plan_revision`)} on ${sql.raw(table)}`.execute(db);
  }
  await sql`
drop trigger if exists trajectory_plan_forget on trajectory;
drop function if exists bump_plan_revision, bump_trajectory_revision, forget_plan_revision, bump_plan_revision_of;
drop table if exists plan_revision;

create table plan_domain_revision (
  tenant_id text not null,
  trajectory_id uuid not null,
  domain_id uuid not null,
  revision bigint not null,
  primary key (tenant_id, trajectory_id, domain_id)
);
insert into plan_domain_revision (tenant_id, trajectory_id, domain_id, revision) select tenant_id, trajectory_id, id, 1 from domain;
`.execute(db);
  await singleRowBump.execute(db);
  await sql`
create function bump_domain_revision() returns trigger language plpgsql as $fn$
begin
  if tg_table_name = 'domain' then
    if tg_op <> 'INSERT' then perform bump_domain_revision_of(old.tenant_id, old.trajectory_id, old.id); end if;
    if tg_op <> 'DELETE' then perform bump_domain_revision_of(new.tenant_id, new.trajectory_id, new.id); end if;
  else
    if tg_op <> 'INSERT' then perform bump_domain_revision_of(old.tenant_id, old.trajectory_id, old.domain_id); end if;
    if tg_op <> 'DELETE' then perform bump_domain_revision_of(new.tenant_id, new.trajectory_id, new.domain_id); end if;
  end if;
  return null;
end
$fn$;
`.execute(db);
  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action']) {
    await sql`
create constraint trigger ${sql.raw(`${table}_domain_revision`)} after insert or update or delete on ${sql.raw(table)}
  deferrable initially deferred for each row execute function bump_domain_revision();
`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['domain', 'strategic_objective', 'operational_objective', 'action']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_domain_revision`)} on ${sql.raw(table)}`.execute(db);
  }
  await sql`
drop function if exists bump_domain_revision, bump_domain_revision_of;
drop table if exists plan_domain_revision;
drop table if exists plan_change;
`.execute(db);
  await trajectoryRevision.up(db);
}
