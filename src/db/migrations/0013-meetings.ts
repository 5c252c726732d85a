import { sql, type Kysely } from 'kysely';

/*
 * Meetings as the roadmap runs them: a body's meeting with its attendees (parents without an
 * account included, reached through their trusted person), an agenda that members propose to
 * and the organiser fixes, minutes per item that the body's chair approves or sends back, and
 * the delivery of approved minutes to every attendee and alderman, one row per recipient so a
 * restart mid-delivery sends nobody anything twice. A body can be bound to a Teams channel
 * where the bot posts its agenda and minutes. Mail that cannot go through Graph (the embedded
 * default) lands in a local outbox, one row per message beside its .eml file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table body
  add column channel_id text,
  add column channel_team_id text,
  add column channel_name text not null default '',
  add column channel_bound_at timestamptz;

alter table meeting drop constraint meeting_state_check;
alter table meeting add constraint meeting_state_check
  check (state in ('planned', 'agenda_sent', 'held', 'minutes_approved', 'distributed', 'cancelled'));
alter table meeting
  add column organiser_id uuid,
  add column online_join_url text not null default '',
  add column graph_event_id text,
  add column ical_sequence integer not null default 0,
  add column agenda_days_before integer not null default 7 check (agenda_days_before between 0 and 60),
  add column agenda_posted_at timestamptz,
  add column agenda_activity_id text,
  add column agenda_fixed_at timestamptz,
  add column minutes_notes text not null default '',
  add column minutes_submitted_at timestamptz,
  add column minutes_remark text not null default '',
  add column minutes_approved_by uuid,
  add column minutes_approved_at timestamptz,
  add column cancelled_at timestamptz,
  add column parents_reminded_at timestamptz,
  add column parents_check_posted_at timestamptz;
alter table meeting add foreign key (tenant_id, organiser_id) references person(tenant_id, id) on delete set null (organiser_id);
alter table meeting add foreign key (tenant_id, minutes_approved_by) references person(tenant_id, id) on delete set null (minutes_approved_by);
alter table meeting add foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade;
create index meeting_body on meeting (tenant_id, body_id, starts_at);

create table meeting_attendee (
  tenant_id text not null,
  meeting_id uuid not null,
  person_id uuid not null,
  response text not null default 'none' check (response in ('none', 'accepted', 'tentative', 'declined')),
  attendance text not null default 'unknown' check (attendance in ('unknown', 'present', 'excused', 'absent')),
  checked_in_by uuid,
  checked_in_at timestamptz,
  check_in_note text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, meeting_id, person_id),
  foreign key (tenant_id, meeting_id) references meeting(tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete cascade,
  foreign key (tenant_id, checked_in_by) references person(tenant_id, id) on delete set null (checked_in_by)
);
create index meeting_attendee_person on meeting_attendee (tenant_id, person_id);

create table agenda_item (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  trajectory_id uuid not null,
  position integer not null,
  title text not null,
  kind text not null default 'information' check (kind in ('information', 'discussion', 'decision')),
  presenter_id uuid,
  duration_minutes integer not null default 10 check (duration_minutes between 1 and 480),
  domain_id uuid,
  operational_objective_id uuid,
  action_id uuid,
  proposed_by uuid,
  notes text not null default '',
  decisions text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, meeting_id) references meeting(tenant_id, id) on delete cascade,
  foreign key (tenant_id, presenter_id) references person(tenant_id, id) on delete set null (presenter_id),
  foreign key (tenant_id, proposed_by) references person(tenant_id, id) on delete set null (proposed_by),
  foreign key (tenant_id, domain_id) references domain(tenant_id, id) on delete set null (domain_id),
  foreign key (tenant_id, operational_objective_id) references operational_objective(tenant_id, id) on delete set null (operational_objective_id),
  foreign key (tenant_id, action_id) references action(tenant_id, id) on delete set null (action_id)
);
create index agenda_item_meeting on agenda_item (tenant_id, meeting_id, position);

-- Actions decided in a meeting keep where they were decided.
alter table action add column meeting_id uuid;
alter table action add foreign key (tenant_id, meeting_id) references meeting(tenant_id, id) on delete set null (meeting_id);

create table minutes_delivery (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  meeting_id uuid not null,
  trajectory_id uuid not null,
  person_id uuid,
  address text not null,
  recipient_name text not null default '',
  reason text not null check (reason in ('attendee', 'alderman')),
  transport text not null check (transport in ('graph', 'outbox')),
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  draft_id text,
  sent_at timestamptz,
  error text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  -- Each recipient once per meeting, whatever restarts in between.
  unique (tenant_id, meeting_id, address),
  foreign key (tenant_id, meeting_id) references meeting(tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete set null (person_id)
);
create index minutes_delivery_open on minutes_delivery (tenant_id, meeting_id) where state in ('pending', 'sending');

create table outbox_message (
  tenant_id text not null references tenant(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid,
  kind text not null check (kind in ('invitation', 'cancellation', 'minutes', 'report', 'other')),
  recipients text[] not null,
  subject text not null,
  file_name text not null,
  bytes integer not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade
);
create index outbox_message_trajectory on outbox_message (tenant_id, trajectory_id, created_at desc);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop table if exists outbox_message, minutes_delivery, agenda_item, meeting_attendee;
alter table action drop column if exists meeting_id;
drop index if exists meeting_body;
alter table meeting
  drop column organiser_id, drop column online_join_url, drop column graph_event_id, drop column ical_sequence,
  drop column agenda_days_before, drop column agenda_posted_at, drop column agenda_activity_id, drop column agenda_fixed_at,
  drop column minutes_notes, drop column minutes_submitted_at, drop column minutes_remark, drop column minutes_approved_by,
  drop column minutes_approved_at, drop column cancelled_at, drop column parents_reminded_at, drop column parents_check_posted_at;
alter table meeting drop constraint meeting_state_check;
alter table meeting add constraint meeting_state_check
  check (state in ('planned', 'agenda_sent', 'held', 'minutes_approved', 'distributed'));
alter table body drop column channel_id, drop column channel_team_id, drop column channel_name, drop column channel_bound_at;
`.execute(db);
}
