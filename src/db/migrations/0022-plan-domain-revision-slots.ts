import { sql, type Kysely } from 'kysely';
import { singleRowBump } from './0019-plan-domain-revision';

/*
 * The domain revision of migration 0019 as a striped counter (issue 12).
 *
 * One row per domain meant that every write under a domain locked that row while its
 * transaction committed, so that the next writer in the domain waited for the commit's WAL
 * flush: the commits of one domain went one by one, each with a flush of its own. On the bot
 * bench (every card's change in one domain) that held the invokes at about 730 a second, with
 * 0.93 ms of PostgreSQL CPU each; with the bump switched off, 940–1,030 and 0.63 ms; with the
 * slots below, 890–950 and 0.72 ms.
 *
 * Now a domain's revision is the sum of up to 16 slots, and a transaction bumps the slot of its
 * server connection (backend pid mod 16): writers on other connections take other rows and
 * commit together. The sum moves forward with every commit that bumps any slot, and a reader's
 * snapshot sees exactly the committed ones, so it is as safe to compare as the single counter
 * (a sequence or a timestamp would not be: those are drawn in one order and committed in
 * another).
 *
 * plan_domain_revision becomes a view with the sums, in the shape the table had: the readers
 * (plan-repository) are unchanged, and an instance of the previous version still running
 * during a rolling upgrade reads the right revisions.
 */
export const REVISION_SLOTS = 16;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table plan_domain_revision_slot (
  tenant_id text not null,
  trajectory_id uuid not null,
  domain_id uuid not null,
  slot smallint not null,
  revision bigint not null,
  primary key (tenant_id, trajectory_id, domain_id, slot)
);
insert into plan_domain_revision_slot (tenant_id, trajectory_id, domain_id, slot, revision)
  select tenant_id, trajectory_id, domain_id, 0, revision from plan_domain_revision;
drop table plan_domain_revision;
create view plan_domain_revision as
  select tenant_id, trajectory_id, domain_id, sum(revision)::bigint as revision
    from plan_domain_revision_slot
   group by tenant_id, trajectory_id, domain_id;

create or replace function bump_domain_revision_of(t text, tr uuid, d uuid) returns void language plpgsql as $fn$
declare
  flag text := 'kansrijk.domain_' || md5(t || '/' || d::text);
begin
  if d is null or current_setting(flag, true) = '1' then return; end if;
  perform set_config(flag, '1', true);
  -- A domain deleted in this same transaction keeps no revision.
  if not exists (select 1 from domain where tenant_id = t and id = d) then
    delete from plan_domain_revision_slot where tenant_id = t and trajectory_id = tr and domain_id = d;
    return;
  end if;
  insert into plan_domain_revision_slot (tenant_id, trajectory_id, domain_id, slot, revision)
    values (t, tr, d, pg_backend_pid() % ${sql.lit(REVISION_SLOTS)}, 1)
    on conflict (tenant_id, trajectory_id, domain_id, slot) do update set revision = plan_domain_revision_slot.revision + 1;
end
$fn$;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop view plan_domain_revision;
create table plan_domain_revision (
  tenant_id text not null,
  trajectory_id uuid not null,
  domain_id uuid not null,
  revision bigint not null,
  primary key (tenant_id, trajectory_id, domain_id)
);
insert into plan_domain_revision (tenant_id, trajectory_id, domain_id, revision)
  select tenant_id, trajectory_id, domain_id, sum(revision) from plan_domain_revision_slot group by 1, 2, 3;
drop table plan_domain_revision_slot;
`.execute(db);
  await singleRowBump.execute(db);
}
