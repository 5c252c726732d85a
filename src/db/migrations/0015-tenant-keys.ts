import { sql, type Kysely } from 'kysely';

/*
 * Every key leads with tenant_id, so that the schema can be distributed by tenant (Citus /
 * Azure Cosmos DB for PostgreSQL: a unique constraint on a distributed table must contain the
 * distribution column); test/db/tenant-keys.test.ts keeps it so.
 *
 * The one exception was a questionnaire link's token hash, unique across all tenants. A parent
 * opens the link before any tenant is known, so it is still looked up by the hash alone (the
 * plain index below; under Citus that lookup asks every shard, which a page open can afford).
 * Uniqueness per tenant is all that is needed: the token is 128 random bits, so two tenants
 * drawing the same one is out of reach.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table questionnaire_link drop constraint questionnaire_link_token_hash_key;
alter table questionnaire_link add constraint questionnaire_link_token_hash_key unique (tenant_id, token_hash);
create index questionnaire_link_token_hash on questionnaire_link (token_hash);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop index if exists questionnaire_link_token_hash;
alter table questionnaire_link drop constraint questionnaire_link_token_hash_key;
alter table questionnaire_link add constraint questionnaire_link_token_hash_key unique (token_hash);
`.execute(db);
}
