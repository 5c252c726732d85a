import { sql, type Kysely } from 'kysely';

/*
 * The environment analysis: values of the roadmap's context indicators (a catalogue in code,
 * src/context-indicators/) per year and geography level, so the municipality can be compared with
 * its arrondissement, province and the Flemish region. One value per indicator, year and level:
 * an import replaces, it never doubles.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table context_value (
  tenant_id text not null,
  id uuid not null default gen_random_uuid(),
  trajectory_id uuid not null,
  indicator text not null,
  year integer not null check (year between 1990 and 2100),
  level text not null check (level in ('municipality', 'arrondissement', 'province', 'region')),
  area text not null default '',
  value numeric not null,
  source text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, trajectory_id, indicator, year, level),
  foreign key (tenant_id, trajectory_id) references trajectory(tenant_id, id) on delete cascade
);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists context_value`.execute(db);
}
