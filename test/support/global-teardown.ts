import { rmSync } from 'node:fs';
import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.KANSRIJK_TEST_ADMIN_URL;
  if (adminUrl && !globalThis.__KANSRIJK_PG__) {
    // External server: leave it clean.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const dbs = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'kansrijk_test_%'");
    for (const row of dbs.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
    await admin.end();
  }
  await globalThis.__KANSRIJK_PG__?.stop();
  const dataDir = process.env.KANSRIJK_TEST_DATA_DIR;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
