import { sql, type Kysely } from 'kysely';

/*
 * Reports to the college (issue 10): when the college of mayor and aldermen meets and how often it
 * wants a progress report, the reports themselves as immutable snapshots of the plan, and the
 * per-recipient log of their delivery to the aldermen and the college's secretary.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table college_schedule (
  tenant_id text not null,
  trajectory_id uuid not null,
  weekday smallint not null check (weekday between 1 and 7),
  meeting_time text not null default '09:00',
  exceptions text[] not null default '{}',
  frequency text not null default 'quarterly' check (frequency in ('monthly', 'quarterly', 'half_yearly')),
  card_working_days_before smallint not null default 3 check (card_working_days_before between 0 and 30),
  secretary_name text not null default '',
  secretary_email text not null default '',
  locale text not null default 'nl-BE' check (locale in ('nl-BE', 'en')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, trajectory_id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade
);

create table report (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  period_start date not null,
  period_end date not null check (period_end >= period_start),
  college_date date,
  state text not null default 'draft' check (state in ('draft', 'submitted', 'sent_back', 'approved')),
  summary text not null default '',
  decisions_requested text not null default '',
  budget_requests text not null default '',
  remark text not null default '',
  snapshot jsonb not null,
  generated_at timestamptz not null default now(),
  created_by uuid,
  submitted_at timestamptz,
  submitted_by uuid,
  submissions integer not null default 0,
  approved_at timestamptz,
  approved_by uuid,
  sent_back_at timestamptz,
  -- When the chair's card went out for this report (the bot), so it goes once.
  chair_card_sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade,
  foreign key (tenant_id, created_by) references person(tenant_id, id) on delete set null (created_by),
  foreign key (tenant_id, submitted_by) references person(tenant_id, id) on delete set null (submitted_by),
  foreign key (tenant_id, approved_by) references person(tenant_id, id) on delete set null (approved_by)
);
create index report_trajectory on report (tenant_id, trajectory_id, period_end desc);

create table report_delivery (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  report_id uuid not null,
  trajectory_id uuid not null,
  person_id uuid,
  address text not null,
  recipient_name text not null default '',
  reason text not null check (reason in ('alderman', 'secretary')),
  transport text not null check (transport in ('graph', 'outbox')),
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  draft_id text,
  sent_at timestamptz,
  error text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  -- Each recipient once per report, whatever restarts in between.
  unique (tenant_id, report_id, address),
  foreign key (tenant_id, report_id) references report(tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references person(tenant_id, id) on delete set null (person_id)
);
create index report_delivery_open on report_delivery (tenant_id, report_id) where state in ('pending', 'sending');
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists report_delivery, report, college_schedule;`.execute(db);
}
