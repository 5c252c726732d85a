import { sql, type Kysely } from 'kysely';

/*
 * The bot's memory of Teams (where it may speak, and who is who) and the sent log of the
 * scheduled follow-ups. As in 0001, tenant_id leads every key so the tables distribute by tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table bot_conversation (
  tenant_id text not null references tenant(id) on delete cascade,
  conversation_id text not null,
  kind text not null,
  service_url text not null,
  channel_id text not null,
  bot_id text not null,
  bot_name text,
  team_id text,
  user_aad_object_id text,
  reference jsonb not null,
  installed boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, conversation_id),
  check (kind in ('personal', 'channel', 'groupChat'))
);
create index bot_conversation_personal on bot_conversation (tenant_id, user_aad_object_id) where kind = 'personal';

create table bot_user (
  tenant_id text not null references tenant(id) on delete cascade,
  aad_object_id text not null,
  teams_user_id text not null,
  name text not null default '',
  person_id uuid,
  personal_conversation_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, aad_object_id),
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete set null (person_id)
);
create index bot_user_person on bot_user (tenant_id, person_id);

create table follow_up (
  tenant_id text not null references tenant(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  person_id uuid not null,
  subject_id uuid not null,
  action_id uuid,
  meeting_id uuid,
  kind text not null,
  occasion text not null,
  priority integer not null,
  not_before timestamptz not null,
  state text not null default 'pending',
  attempts integer not null default 0,
  claimed_at timestamptz,
  claimed_by text,
  sent_at timestamptz,
  activity_id text,
  conversation_id text,
  detail text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, person_id, subject_id, occasion),
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete cascade,
  check (kind in ('before_due', 'due', 'overdue', 'steering_group')),
  check (state in ('pending', 'sending', 'sent', 'skipped', 'failed', 'uncertain'))
);
create index follow_up_ready on follow_up (tenant_id, not_before) where state = 'pending';
create index follow_up_person_sent on follow_up (tenant_id, person_id, claimed_at) where state in ('sending', 'sent', 'uncertain');
create index follow_up_sending on follow_up (claimed_at) where state = 'sending';
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists follow_up, bot_user, bot_conversation cascade;`.execute(db);
}
