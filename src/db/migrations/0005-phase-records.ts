import { sql, type Kysely } from 'kysely';

/*
 * The roadmap's first two phases, as records on the trajectory: the college's policy decision
 * (when, how much staff time and budget it freed) and the coordinator's appointment (when, what
 * share of a job), plus the external facilitator's organisation. All optional: a trajectory
 * started in the app before its decision is still a trajectory.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table trajectory
  add column policy_decided_on date,
  add column policy_staff_fte numeric(5,2) check (policy_staff_fte >= 0 and policy_staff_fte <= 100),
  add column policy_budget numeric(14,2) check (policy_budget >= 0),
  add column policy_note text not null default '',
  add column coordinator_appointed_on date,
  add column coordinator_job_share integer check (coordinator_job_share between 1 and 100),
  add column facilitator_organisation text not null default '',
  add column facilitator_engaged_on date;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table trajectory
  drop column if exists policy_decided_on,
  drop column if exists policy_staff_fte,
  drop column if exists policy_budget,
  drop column if exists policy_note,
  drop column if exists coordinator_appointed_on,
  drop column if exists coordinator_job_share,
  drop column if exists facilitator_organisation,
  drop column if exists facilitator_engaged_on;
`.execute(db);
}
