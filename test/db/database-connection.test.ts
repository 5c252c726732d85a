import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../../src/config/config';
import { ensureEntraPrincipal } from '../../src/db/app-role';
import { connectDatabase } from '../../src/db/database';
import { configuredConnections, tokenConnection } from '../../src/db/database-connection';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const HOST = 'kansrijk-pg.postgres.database.azure.com';
const APP_CLIENT = '00000000-0000-4000-8000-00000000a991';
const MIGRATION_CLIENT = '00000000-0000-4000-8000-00000000a992';
const entraEnv = {
  DATABASE_AUTH: 'entra',
  DATABASE_URL: `postgres://id-kansrijk-app@${HOST}:5432/kansrijk?sslmode=verify-full`,
  DATABASE_ENTRA_CLIENT_ID: APP_CLIENT,
  DATABASE_MIGRATION_URL: `postgres://id-kansrijk-migrate@${HOST}:5432/kansrijk?sslmode=verify-full`,
  DATABASE_MIGRATION_ENTRA_CLIENT_ID: MIGRATION_CLIENT,
  DATABASE_APP_ROLE: 'id-kansrijk-app',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('database sign-in settings', () => {
  it('accepts Entra sign-in with verify-full, no password and both identities named', () => {
    expect(problems(entraEnv)).toEqual([]);
  });

  it('names each missing or unsafe Entra setting', () => {
    expect(problems({ DATABASE_AUTH: 'entra' })).toEqual(expect.arrayContaining([expect.stringMatching(/^DATABASE_URL: required/), expect.stringMatching(/^DATABASE_ENTRA_CLIENT_ID: required/)]));
    expect(problems({ ...entraEnv, DATABASE_URL: `postgres://id-kansrijk-app@${HOST}/kansrijk?sslmode=require` })).toEqual(['DATABASE_URL: must say sslmode=verify-full when DATABASE_AUTH=entra']);
    expect(problems({ ...entraEnv, DATABASE_URL: `postgres://id-kansrijk-app:secret@${HOST}/kansrijk?sslmode=verify-full` })).toEqual(['DATABASE_URL: must not hold a password when DATABASE_AUTH=entra']);
    expect(problems({ ...entraEnv, DATABASE_MIGRATION_ENTRA_CLIENT_ID: '' })).toEqual([expect.stringMatching(/^DATABASE_MIGRATION_ENTRA_CLIENT_ID: required/)]);
    expect(problems({ ...entraEnv, DATABASE_MIGRATION_URL: `postgres://@${HOST}/kansrijk?sslmode=verify-full` })).toEqual([expect.stringMatching(/^DATABASE_MIGRATION_URL: must name the database role/)]);
  });

  it('ties the migration role and the app role together', () => {
    expect(problems({ DATABASE_MIGRATION_URL: 'postgres://m:p@localhost/k' })).toEqual([expect.stringMatching(/^DATABASE_MIGRATION_URL: needs DATABASE_URL/)]);
    expect(problems({ DATABASE_URL: 'postgres://a:p@localhost/k', DATABASE_APP_ROLE: 'a' })).toEqual([expect.stringMatching(/^DATABASE_APP_ROLE: needs DATABASE_MIGRATION_URL/)]);
    expect(problems({ DATABASE_URL: 'postgres://a:p@localhost/k', DATABASE_MIGRATION_URL: 'postgres://m:p@localhost/k', DATABASE_APP_ROLE: 'a"; drop' })).toEqual([
      expect.stringMatching(/^DATABASE_APP_ROLE: letters, digits/),
    ]);
    expect(problems({ ...entraEnv, DATABASE_AUTH: 'password', DATABASE_APP_ROLE_ENTRA_OBJECT_ID: '00000000-0000-4000-8000-000000000001' })).toEqual([
      'DATABASE_APP_ROLE_ENTRA_OBJECT_ID: only with DATABASE_AUTH=entra',
    ]);
  });

  it('with a password the URLs are used as they are', () => {
    const database = loadConfig({ DATABASE_URL: 'postgres://a:p@localhost/k', DATABASE_MIGRATION_URL: 'postgres://m:p@localhost/k' }).database;
    const asked: string[] = [];
    expect(configuredConnections(database, undefined, (id) => (asked.push(id), async () => 'never'))).toEqual({ app: 'postgres://a:p@localhost/k', migration: 'postgres://m:p@localhost/k' });
    expect(asked).toEqual([]);
  });

  it('with Entra each role gets its own identity\'s token as password and a certificate checked against the host', async () => {
    const asked: string[] = [];
    const { app, migration } = configuredConnections(loadConfig(entraEnv).database, undefined, (clientId) => {
      asked.push(clientId);
      return async () => `token-of-${clientId}`;
    });
    expect(asked).toEqual([APP_CLIENT, MIGRATION_CLIENT]);
    for (const [connection, user, clientId] of [
      [app, 'id-kansrijk-app', APP_CLIENT],
      [migration, 'id-kansrijk-migrate', MIGRATION_CLIENT],
    ] as const) {
      if (typeof connection !== 'object' || !connection) throw new Error('expected pool settings');
      expect(connection).toMatchObject({ host: HOST, port: 5432, database: 'kansrijk', user, ssl: { rejectUnauthorized: true, servername: HOST } });
      expect(typeof connection.password).toBe('function');
      const password = connection.password as () => Promise<string>;
      await expect(password()).resolves.toBe(`token-of-${clientId}`);
    }
  });
});

describe('a token as password, against PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(1);
  });
  afterAll(async () => {
    await db.close();
  });

  it('pg asks the token source for every new connection', async () => {
    const url = new URL(db.url);
    const password = decodeURIComponent(url.password);
    url.password = '';
    let asked = 0;
    // The embedded cluster speaks no TLS; everything else is what Azure gets.
    const settings = { ...tokenConnection(url.toString(), async () => (asked++, password)), ssl: false };
    const handle = connectDatabase(settings, 2);
    try {
      const results = await Promise.all([1, 2].map(() => handle.pool.query('select pg_sleep(0.05), current_user as who')));
      expect(results.map((r) => (r.rows[0] as { who: string }).who)).toEqual([url.username, url.username]);
      expect(asked).toBe(2);
    } finally {
      await handle.close();
    }
  });

  it('the migration role makes the app identity a login role once (pgaadauth stood in for)', async () => {
    const role = `kansrijk_test_entra_${randomBytes(4).toString('hex')}`;
    // Azure's pgaadauth_create_principal_with_oid, reduced to what it does for this call.
    await sql`create function pgaadauth_create_principal_with_oid(name text, oid text, kind text, admin boolean, mfa boolean) returns text language plpgsql as $$
      begin
        if kind <> 'service' or admin or mfa then raise exception 'unexpected principal % % %', kind, admin, mfa; end if;
        execute format('create role %I login', name);
        return format('Created role for "%s"', name);
      end $$`.execute(db.db);
    try {
      expect(await ensureEntraPrincipal(db.db, role, '00000000-0000-4000-8000-00000000e001')).toBe(true);
      expect(await ensureEntraPrincipal(db.db, role, '00000000-0000-4000-8000-00000000e001')).toBe(false);
      const found = await sql<{ rolcanlogin: boolean }>`select rolcanlogin from pg_roles where rolname = ${role}`.execute(db.db);
      expect(found.rows).toEqual([{ rolcanlogin: true }]);
    } finally {
      await sql`drop role if exists ${sql.id(role)}`.execute(db.db);
    }
  });
});
