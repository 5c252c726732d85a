import { sql, type Kysely } from 'kysely';

/*
 * The evaluation phase: a measurement plan per indicator (who measures, how often, from which
 * source, and a due date that may be set by hand), a parents' body marked as the signal group,
 * and that group's verdicts on actions and domains. Follow-ups learn a third subject besides
 * actions and meetings: a measurement plan whose measurement is due.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table body add column signal_group boolean not null default false;
-- Only a parents' group evaluates as the signal group: the roadmap's group of parents.
alter table body add constraint body_signal_group_check check (not signal_group or kind = 'parents_group');

create table measurement_plan (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  indicator_id uuid not null,
  measurer_id uuid,
  frequency text not null check (frequency in ('monthly', 'quarterly', 'half_yearly', 'yearly')),
  source text not null default '',
  next_due_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, indicator_id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, indicator_id) references indicator(tenant_id, id) on delete cascade,
  foreign key (tenant_id, measurer_id) references person(tenant_id, id) on delete set null (measurer_id)
);
create index measurement_plan_trajectory on measurement_plan (tenant_id, trajectory_id);
create index measurement_plan_measurer on measurement_plan (tenant_id, measurer_id) where measurer_id is not null;

alter table follow_up add column measurement_plan_id uuid;
alter table follow_up add foreign key (tenant_id, measurement_plan_id) references measurement_plan(tenant_id, id) on delete cascade;

create table signal_verdict (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  body_id uuid not null,
  domain_id uuid not null,
  action_id uuid,
  verdict text not null check (verdict in ('works', 'partly', 'not')),
  reasons text not null default '',
  given_on date not null,
  recorded_by_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, body_id) references body(tenant_id, id) on delete cascade,
  foreign key (tenant_id, domain_id) references domain(tenant_id, id) on delete cascade,
  foreign key (tenant_id, action_id) references action(tenant_id, id) on delete cascade,
  foreign key (tenant_id, recorded_by_id) references person(tenant_id, id) on delete set null (recorded_by_id)
);
create index signal_verdict_trajectory on signal_verdict (tenant_id, trajectory_id, given_on);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists signal_verdict;
alter table follow_up drop column if exists measurement_plan_id;
drop table if exists measurement_plan;
alter table body drop constraint if exists body_signal_group_check;
alter table body drop column if exists signal_group;
`.execute(db);
}
