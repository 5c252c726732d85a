import { sql, type Kysely } from 'kysely';

/*
 * The steering group's first three meetings as the roadmap shapes them (1: poverty and human
 * dignity; 2: mission and vision; 3: priority domains and their work groups): which meeting of
 * the calendar it was, when it was held, and the answers to the roadmap's prompts by prompt code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table steering_session (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  number integer not null check (number between 1 and 3),
  meeting_id uuid,
  held_on date,
  answers jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, trajectory_id, number),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, meeting_id) references meeting(tenant_id, id) on delete set null (meeting_id)
);

-- The homework between meeting 1 and 2: each steering-group member's case and dream, one
-- answer per person and trajectory (a second answer replaces the first).
create table steering_homework_answer (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  person_id uuid not null,
  case_text text not null default '',
  dream_text text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, trajectory_id, person_id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete cascade
);

-- The homework card goes out through the follow-ups' sent log (rate limits, send window, at
-- most once), so the log learns one more kind.
alter table follow_up drop constraint if exists follow_up_kind_check;
alter table follow_up add constraint follow_up_kind_check check (kind in ('before_due', 'due', 'overdue', 'steering_group', 'homework'));
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
delete from follow_up where kind = 'homework';
alter table follow_up drop constraint if exists follow_up_kind_check;
alter table follow_up add constraint follow_up_kind_check check (kind in ('before_due', 'due', 'overdue', 'steering_group'));
drop table if exists steering_homework_answer, steering_session;
`.execute(db);
}
