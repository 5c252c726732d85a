import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

/*
 * The schema is ready to be distributed by tenant (Citus / Azure Cosmos DB for PostgreSQL):
 * a table distributed on tenant_id needs tenant_id in every primary key and unique constraint,
 * and a foreign key between two distributed tables must include it too. Leading with it also
 * keeps one tenant's rows together in every index. This test reads the migrated schema, so a
 * migration that adds a key without tenant_id fails here, naming the table and the key.
 */

/** Tables that are not one tenant's data, each with the reason. */
const EXCEPTIONS: Record<string, string> = {
  // The tenants themselves: keyed by their own id, which is the tenant id; a reference table under Citus.
  tenant: 'the tenant registry: its id is the tenant id',
  // Kysely's bookkeeping of applied migrations (public schema, global by nature).
  kysely_migration: "Kysely's list of applied migrations",
  kysely_migration_lock: "Kysely's migration lock row",
};

interface KeyRow {
  table: string;
  name: string;
  kind: 'primary key' | 'unique' | 'foreign key' | 'unique index';
  columns: string[];
  referencedTable: string | null;
  referencedColumns: string[] | null;
}

let db: TestDatabase;
let keys: KeyRow[];
let tables: string[];

beforeAll(async () => {
  db = await createTestDatabase(1);
  // Only the app's own schema: pg-boss keeps its queue tables in `pgboss`, outside the tenant model
  // (a job names its tenant in its data; under Citus that schema stays on the coordinator).
  const constraints = await sql<KeyRow>`
    select c.conrelid::regclass::text as "table", c.conname as name,
           case c.contype when 'p' then 'primary key' when 'u' then 'unique' else 'foreign key' end as kind,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n) as columns,
           case when c.contype = 'f' then c.confrelid::regclass::text end as "referencedTable",
           case when c.contype = 'f' then array(select a.attname::text from unnest(c.confkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n) end as "referencedColumns"
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_namespace ns on ns.oid = t.relnamespace
     where ns.nspname = 'public' and c.contype in ('p', 'u', 'f')`.execute(db.db);
  // Unique indexes made with `create unique index` rather than as a constraint (partial ones included).
  const indexes = await sql<KeyRow>`
    select t.relname::text as "table", i.relname::text as name, 'unique index' as kind,
           array(select coalesce(a.attname::text, '(expression)') from unnest(x.indkey) with ordinality k(attnum, n)
                 left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.n) as columns,
           null as "referencedTable", null as "referencedColumns"
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace ns on ns.oid = t.relnamespace
     where ns.nspname = 'public' and x.indisunique
       and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid and c.contype in ('p', 'u'))`.execute(db.db);
  keys = [...constraints.rows, ...indexes.rows];
  tables = (
    await sql<{ name: string }>`select c.relname::text as name from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(db.db)
  ).rows.map((r) => r.name);
});
afterAll(() => db.close());

const describeKey = (k: KeyRow): string =>
  `${k.table}: ${k.kind} ${k.name} (${k.columns.join(', ')})${k.referencedTable ? ` → ${k.referencedTable} (${(k.referencedColumns ?? []).join(', ')})` : ''}`;

test('the schema was read: the tables of the policy model are there', () => {
  // Guards the queries above: reading nothing would pass every check below.
  expect(tables).toEqual(expect.arrayContaining(['tenant', 'trajectory', 'action', 'person']));
  expect(keys.filter((k) => k.kind === 'foreign key').length).toBeGreaterThan(10);
});

test('every exception is a table that exists (a stale exception would hide nothing, but mislead)', () => {
  for (const name of Object.keys(EXCEPTIONS)) expect(tables).toContain(name);
});

test('every table but the listed exceptions has a tenant_id column and a primary key leading with it', () => {
  const withPrimaryKey = new Map(keys.filter((k) => k.kind === 'primary key').map((k) => [k.table, k]));
  const failures = tables
    .filter((t) => !(t in EXCEPTIONS))
    .flatMap((t) => {
      const pk = withPrimaryKey.get(t);
      if (!pk) return [`${t}: no primary key`];
      return pk.columns[0] === 'tenant_id' ? [] : [describeKey(pk)];
    });
  expect(failures).toEqual([]);
});

test('every unique constraint and unique index leads with tenant_id', () => {
  const failures = keys.filter((k) => (k.kind === 'unique' || k.kind === 'unique index') && !(k.table in EXCEPTIONS) && k.columns[0] !== 'tenant_id').map(describeKey);
  expect(failures).toEqual([]);
});

test('every foreign key leads with tenant_id on both sides (composite, so it cannot cross tenants)', () => {
  const failures = keys
    .filter((k) => k.kind === 'foreign key' && !(k.table in EXCEPTIONS))
    // A key to the tenant registry itself is (tenant_id) → tenant (id): it leads with tenant_id and is the exception's own key.
    .filter((k) => k.columns[0] !== 'tenant_id' || (k.referencedTable !== 'tenant' && k.referencedColumns?.[0] !== 'tenant_id'))
    .map(describeKey);
  expect(failures).toEqual([]);
});
