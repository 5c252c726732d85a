import { sql, type Kysely } from 'kysely';

/*
 * Result and satisfaction questionnaires on an action, their one-time links and answers.
 *
 * Who answered and what was answered live in separate tables on purpose: a participation row
 * says that a person took part (directly, or indirectly through their trusted person), a
 * response row holds the answers and names nobody. Nothing joins the two: no shared id, only
 * the questionnaire and a calendar day. A link row holds only a hash of its token and whether
 * it was used; it names no person and no response.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table questionnaire (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  action_id uuid not null,
  kind text not null check (kind in ('result', 'satisfaction')),
  state text not null default 'open' check (state in ('open', 'closed')),
  title_nl text not null,
  title_en text not null default '',
  intro_nl text not null default '',
  intro_en text not null default '',
  questions jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, action_id) references action(tenant_id, id) on delete cascade
);
create index questionnaire_action on questionnaire (tenant_id, action_id);
create index questionnaire_trajectory on questionnaire (tenant_id, trajectory_id);

create table questionnaire_response (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  questionnaire_id uuid not null,
  channel text not null check (channel in ('member', 'trusted_person', 'link')),
  answers jsonb not null,
  submitted_on date not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, questionnaire_id) references questionnaire(tenant_id, id) on delete cascade
);
create index questionnaire_response_questionnaire on questionnaire_response (tenant_id, questionnaire_id);

create table questionnaire_participation (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  questionnaire_id uuid not null,
  person_id uuid not null,
  indirect boolean not null,
  recorded_by_person_id uuid,
  recorded_on date not null,
  primary key (tenant_id, id),
  unique (tenant_id, questionnaire_id, person_id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, questionnaire_id) references questionnaire(tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete cascade,
  foreign key (tenant_id, recorded_by_person_id) references person(tenant_id, id) on delete set null (recorded_by_person_id)
);

create table questionnaire_link (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  questionnaire_id uuid not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  used boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, questionnaire_id) references questionnaire(tenant_id, id) on delete cascade
);
create index questionnaire_link_questionnaire on questionnaire_link (tenant_id, questionnaire_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists questionnaire_link, questionnaire_participation, questionnaire_response, questionnaire`.execute(db);
}
