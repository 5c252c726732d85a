import { sql, type Kysely } from 'kysely';

/*
 * The cycle starts again: a trajectory can continue an earlier one (its next policy period),
 * and each objective, action, domain and indicator copied into it keeps a link to where it
 * came from, so that its history across periods stays visible. Once a successor starts, the
 * old period is closed (read-only). Objectives and actions carry the evaluation's verdict on
 * them: kept, changed or stopped, with a reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table trajectory
  add column origin_trajectory_id uuid,
  add column closed_at timestamptz;
alter table trajectory add foreign key (tenant_id, origin_trajectory_id) references trajectory(tenant_id, id) on delete set null (origin_trajectory_id);
create unique index trajectory_one_successor on trajectory (tenant_id, origin_trajectory_id) where origin_trajectory_id is not null;

alter table domain add column origin_id uuid;
alter table body add column origin_id uuid;
alter table indicator add column origin_id uuid;
alter table strategic_objective
  add column origin_id uuid,
  add column adjustment text check (adjustment in ('kept', 'changed', 'stopped')),
  add column adjustment_reason text not null default '';
alter table operational_objective
  add column origin_id uuid,
  add column adjustment text check (adjustment in ('kept', 'changed', 'stopped')),
  add column adjustment_reason text not null default '';
alter table action
  add column origin_id uuid,
  add column adjustment text check (adjustment in ('kept', 'changed', 'stopped')),
  add column adjustment_reason text not null default '';
create index domain_origin on domain (tenant_id, origin_id) where origin_id is not null;
create index body_origin on body (tenant_id, origin_id) where origin_id is not null;
create index indicator_origin on indicator (tenant_id, origin_id) where origin_id is not null;
create index strategic_objective_origin on strategic_objective (tenant_id, origin_id) where origin_id is not null;
create index operational_objective_origin on operational_objective (tenant_id, origin_id) where origin_id is not null;
create index action_origin on action (tenant_id, origin_id) where origin_id is not null;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table action drop column if exists origin_id, drop column if exists adjustment, drop column if exists adjustment_reason;
alter table operational_objective drop column if exists origin_id, drop column if exists adjustment, drop column if exists adjustment_reason;
alter table strategic_objective drop column if exists origin_id, drop column if exists adjustment, drop column if exists adjustment_reason;
alter table indicator drop column if exists origin_id;
alter table domain drop column if exists origin_id;
alter table body drop column if exists origin_id;
drop index if exists trajectory_one_successor;
alter table trajectory drop column if exists origin_trajectory_id, drop column if exists closed_at;
`.execute(db);
}
