import { sql, type Kysely } from 'kysely';

/*
 * Focus groups with parents before a work group starts (4 to 12 people), their themes and
 * proposals, and where each proposal went (a domain, an objective, an action), so that the plan
 * shows what came of parents' participation. Participants are counted, not named: taking part
 * tells that a family lives on a limited income.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table focus_group (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  domain_id uuid,
  body_id uuid,
  title text not null,
  planned_on date,
  held_on date,
  location text not null default '',
  participant_count integer check (participant_count between 0 and 12),
  themes text[] not null default '{}',
  notes text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, domain_id) references domain(tenant_id, id) on delete set null (domain_id),
  foreign key (tenant_id, body_id) references body(tenant_id, id) on delete set null (body_id)
);
create index focus_group_trajectory on focus_group (tenant_id, trajectory_id);

create table focus_group_proposal (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  focus_group_id uuid not null,
  text text not null,
  theme text not null default '',
  domain_id uuid,
  operational_objective_id uuid,
  action_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, focus_group_id) references focus_group(tenant_id, id) on delete cascade,
  foreign key (tenant_id, domain_id) references domain(tenant_id, id) on delete set null (domain_id),
  foreign key (tenant_id, operational_objective_id) references operational_objective(tenant_id, id) on delete set null (operational_objective_id),
  foreign key (tenant_id, action_id) references action(tenant_id, id) on delete set null (action_id)
);
create index focus_group_proposal_group on focus_group_proposal (tenant_id, focus_group_id);
create index focus_group_proposal_action on focus_group_proposal (tenant_id, action_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists focus_group_proposal, focus_group`.execute(db);
}
