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
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists steering_session`.execute(db);
}
