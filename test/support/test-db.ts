import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, withDatabase, type DatabaseHandle } from '../../src/db/database';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
}

function adminUrl(): string {
  const url = process.env.KANSRIJK_TEST_ADMIN_URL;
  if (!url) throw new Error('KANSRIJK_TEST_ADMIN_URL is not set: run the tests through jest (its globalSetup starts Postgres)');
  return url;
}

/** A fresh, migrated database of its own for one test file (cloned from the template). */
export async function createTestDatabase(poolSize = 10): Promise<TestDatabase> {
  const name = `kansrijk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template kansrijk_test_template`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl(), name);
  const handle = connectDatabase(url, poolSize);
  return {
    ...handle,
    url,
    name,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
