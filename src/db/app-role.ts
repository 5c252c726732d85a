import { sql } from 'kysely';
import type { Db } from './database';

/** Kysely's bookkeeping: only the migration role reads and locks it. */
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * What the role serving requests may do, granted by the migration role (the schema's owner)
 * after every migration run. Idempotent. The app reads and writes rows and appends to the audit
 * trail; it creates, alters and rewrites nothing. docs/deploy.md lists the same statements.
 */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  const app = sql.id(role);
  const [row] = (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows;
  await sql`grant connect on database ${sql.id(row?.name ?? '')} to ${app}`.execute(db);
  await sql`grant usage on schema public to ${app}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema public to ${app}`.execute(db);
  await sql`grant usage, select on all sequences in schema public to ${app}`.execute(db);
  // Tables the next migrations add get the same rights without another grant.
  await sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${app}`.execute(db);
  await sql`alter default privileges in schema public grant usage, select on sequences to ${app}`.execute(db);
  // An audit trail the app could rewrite would prove little; person:erase pseudonymises it as the migration role.
  await sql`revoke update, delete, truncate on audit_log from ${app}`.execute(db);
  for (const table of MIGRATION_TABLES) {
    await sql`revoke all on ${sql.table(table)} from ${app}`.execute(db);
  }
  // The job queue's tables, installed by the migration role (prepareFollowUpSchema): rows only.
  await sql`grant usage on schema pgboss to ${app}`.execute(db);
  await sql`grant select, insert, update, delete on all tables in schema pgboss to ${app}`.execute(db);
  await sql`grant usage, select on all sequences in schema pgboss to ${app}`.execute(db);
  await sql`alter default privileges in schema pgboss grant select, insert, update, delete on tables to ${app}`.execute(db);
}

/**
 * On Azure Database for PostgreSQL, makes the app's managed identity a login role, as the
 * migration identity (an Entra administrator of the server) may. pgaadauth's functions exist
 * only in the server's `postgres` database, hence the separate connection.
 */
export async function ensureEntraPrincipal(postgresDb: Db, role: string, objectId: string): Promise<boolean> {
  const existing = await sql<{ found: number }>`select 1 as found from pg_roles where rolname = ${role}`.execute(postgresDb);
  if (existing.rows.length > 0) return false;
  await sql`select * from pgaadauth_create_principal_with_oid(${role}, ${objectId}, 'service', false, false)`.execute(postgresDb);
  return true;
}
