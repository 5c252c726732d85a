import { sql, type Kysely } from 'kysely';

/*
 * The inventory of existing initiatives in the shape of the roadmap's questionnaire: who carries
 * it with whom (several partners, their sectors), for whom and how many, since when, where it was
 * found (the multi-year plans first, then the partners) and what is known of its effect.
 * `partner` stays: older clients and rows written before this migration use it; the service
 * keeps it equal to the partners joined, and existing values become the first partner.
 * The contact is an organisation only: an inventory is shared widely, parents' data has no place.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table initiative
  add column partners text[] not null default '{}',
  add column sectors text[] not null default '{}'
    check (sectors <@ array['gemeentelijke_partners', 'welzijnspartners', 'gezondheid', 'wonen_en_leven', 'ervaringsdeskundigen', 'onderwijs_en_vorming', 'gezin']::text[]),
  add column target_group text not null default '',
  add column reach_families integer check (reach_families >= 0),
  add column reach_children integer check (reach_children >= 0),
  add column since date,
  add column contact_organisation text not null default '',
  add column source text check (source in ('multi_year_plan', 'partner', 'parents_association', 'social_map', 'other')),
  add column effect text not null default ''
`.execute(db);
  await sql`update initiative set partners = array[partner] where partner <> ''`.execute(db);
  // The gaps view asks "which domains have no initiative" per trajectory.
  await sql`create index initiative_domain on initiative (tenant_id, domain_id) where domain_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists initiative_domain`.execute(db);
  await sql`
alter table initiative
  drop column if exists partners, drop column if exists sectors, drop column if exists target_group,
  drop column if exists reach_families, drop column if exists reach_children, drop column if exists since,
  drop column if exists contact_organisation, drop column if exists source, drop column if exists effect
`.execute(db);
}
