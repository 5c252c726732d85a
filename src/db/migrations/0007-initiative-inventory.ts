import { sql, type Kysely } from 'kysely';

/* The inventory of existing initiatives in the shape of the roadmap's questionnaire. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`select 1`.execute(db);
}
