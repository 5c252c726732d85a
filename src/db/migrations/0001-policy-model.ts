import { sql, type Kysely } from 'kysely';

/*
 * Every table carries tenant_id and leads every primary, unique and foreign key with it, so
 * the schema can be distributed by tenant (Citus / Azure Cosmos DB for PostgreSQL) later.
 * trajectory_id and domain_id are repeated on lower levels of the plan so that a permission
 * check or a whole-plan read needs no recursive joins.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table tenant (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table trajectory (
  tenant_id text not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  name text not null,
  municipality text not null,
  period_start date not null,
  period_end date not null,
  mission text not null default '',
  vision text not null default '',
  quality_criteria text[] not null default '{}',
  phase_progress jsonb not null default '{}',
  team_id text,
  reminder_days_before integer not null default 3,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  check (period_end >= period_start)
);

create table person (
  tenant_id text not null references tenant(id),
  id uuid not null default gen_random_uuid(),
  display_name text not null,
  entra_object_id text,
  email text,
  phone text,
  organisation text,
  sector text,
  contact_preference text not null default 'teams',
  trusted_person_id uuid,
  reminders text not null default 'normal' check (reminders in ('normal', 'reduced', 'off')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, entra_object_id),
  foreign key (tenant_id, trusted_person_id) references person(tenant_id, id) on delete set null (trusted_person_id)
);

create table domain (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  name text not null,
  description text not null default '',
  approach text not null check (approach in ('structural', 'mitigating')),
  state text not null default 'active' check (state in ('active', 'later')),
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade
);
create index domain_trajectory on domain (tenant_id, trajectory_id);

create table body (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  kind text not null check (kind in ('steering_group', 'work_group', 'parents_group')),
  name text not null,
  domain_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, domain_id) references domain(tenant_id, id) on delete set null (domain_id)
);
create index body_trajectory on body (tenant_id, trajectory_id);

create table membership (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  person_id uuid not null,
  role text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, body_id, person_id, role),
  foreign key (tenant_id, body_id) references body(tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete cascade
);
create index membership_person on membership (tenant_id, person_id);

create table strategic_objective (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  domain_id uuid not null,
  title text not null,
  description text not null default '',
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, domain_id) references domain(tenant_id, id) on delete cascade,
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade
);
create index strategic_objective_trajectory on strategic_objective (tenant_id, trajectory_id);

create table operational_objective (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  domain_id uuid not null,
  strategic_objective_id uuid not null,
  title text not null,
  description text not null default '',
  smart_specific boolean not null default false,
  smart_measurable boolean not null default false,
  smart_agreed boolean not null default false,
  smart_realistic boolean not null default false,
  smart_time_bound boolean not null default false,
  target_date date,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, strategic_objective_id) references strategic_objective(tenant_id, id) on delete cascade,
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade
);
create index operational_objective_trajectory on operational_objective (tenant_id, trajectory_id);

create table action (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  domain_id uuid not null,
  operational_objective_id uuid not null,
  title text not null,
  description text not null default '',
  owner_id uuid,
  partners text[] not null default '{}',
  start_date date,
  due_date date,
  status text not null default 'planned',
  means text not null default '',
  budget numeric(12, 2),
  intended_result text not null default '',
  expected_result text not null default '',
  evaluation_method text not null default '',
  seven_b text[] not null default '{}',
  position integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, operational_objective_id) references operational_objective(tenant_id, id) on delete cascade,
  foreign key (tenant_id, owner_id) references person(tenant_id, id) on delete set null (owner_id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  check (status in ('planned', 'in_progress', 'done', 'postponed', 'dropped'))
);
create index action_trajectory on action (tenant_id, trajectory_id);
create index action_owner on action (tenant_id, owner_id);

create table action_update (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  action_id uuid not null,
  author_person_id uuid,
  author_name text not null,
  note text not null default '',
  status_from text,
  status_to text,
  due_from date,
  due_to date,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, action_id) references action(tenant_id, id) on delete cascade
);
create index action_update_action on action_update (tenant_id, action_id, created_at);

create table indicator (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  action_id uuid not null,
  kind text not null,
  name text not null,
  unit text not null default '',
  baseline double precision,
  target double precision,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, action_id) references action(tenant_id, id) on delete cascade,
  check (kind in ('output', 'outcome'))
);
create index indicator_trajectory on indicator (tenant_id, trajectory_id);
create index indicator_action on indicator (tenant_id, action_id);

create table measurement (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  indicator_id uuid not null,
  measured_on date not null,
  value double precision not null,
  note text not null default '',
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, indicator_id) references indicator(tenant_id, id) on delete cascade
);
create index measurement_indicator on measurement (tenant_id, indicator_id, measured_on);

create table initiative (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  name text not null,
  description text not null default '',
  state text not null check (state in ('planned', 'active', 'finished')),
  partner text not null default '',
  domain_id uuid,
  operational_objective_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, domain_id) references domain(tenant_id, id) on delete set null (domain_id),
  foreign key (tenant_id, operational_objective_id) references operational_objective(tenant_id, id) on delete set null (operational_objective_id)
);
create index initiative_trajectory on initiative (tenant_id, trajectory_id);

create table meeting (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  body_id uuid not null,
  title text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text not null default '',
  online boolean not null default false,
  day_part text not null default 'day' check (day_part in ('day', 'evening')),
  state text not null default 'planned' check (state in ('planned', 'agenda_sent', 'held', 'minutes_approved', 'distributed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, body_id) references body(tenant_id, id) on delete cascade,
  check (ends_at > starts_at)
);
create index meeting_trajectory on meeting (tenant_id, trajectory_id, starts_at);

create table audit_log (
  tenant_id text not null references tenant(id),
  id bigint generated always as identity,
  trajectory_id uuid,
  at timestamptz not null default now(),
  actor_user_id text,
  actor_person_id uuid,
  actor_name text not null,
  entity text not null,
  entity_id uuid not null,
  operation text not null,
  changes jsonb not null,
  primary key (tenant_id, id)
);
create index audit_log_entity on audit_log (tenant_id, entity, entity_id);
create index audit_log_trajectory on audit_log (tenant_id, trajectory_id, id);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists audit_log, meeting, initiative, measurement, indicator, action_update, action,
  operational_objective, strategic_objective, membership, body, domain, person, trajectory, tenant cascade;
`.execute(db);
}
