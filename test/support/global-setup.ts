import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from './free-port';
import path from 'node:path';
import pg from 'pg';
import { connectDatabase, withDatabase } from '../../src/db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres';
import { migrateToLatest } from '../../src/db/migrate';

declare global {
  var __KANSRIJK_PG__: EmbeddedPostgres | undefined;
}

export const TEMPLATE_DB = 'kansrijk_test_template';

/**
 * One real Postgres for the whole run: embedded (in .data/test-postgres, its own port) or
 * the server in DATABASE_URL. The schema is migrated once into a template database; each
 * test file clones it, which takes milliseconds and keeps files independent in parallel.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    // A cluster per run (own folder, free port): parallel runs on one machine stay apart.
    const runsDir = path.resolve(__dirname, '../../.data/test');
    removeDeadRuns(runsDir);
    const dataDir = path.join(runsDir, `run-${process.pid}`);
    mkdirSync(dataDir, { recursive: true });
    globalThis.__KANSRIJK_PG__ = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    process.env.KANSRIJK_TEST_DATA_DIR = dataDir;
    adminUrl = globalThis.__KANSRIJK_PG__.connectionString;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Leftovers of an interrupted earlier run.
  const stale = await admin.query<{ datname: string }>("select datname from pg_database where datname like 'kansrijk_test_%'");
  for (const row of stale.rows) await admin.query(`drop database if exists "${row.datname}" with (force)`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, TEMPLATE_DB);
  const handle = connectDatabase(templateUrl, 2);
  await migrateToLatest(handle.db);
  await handle.close();
  process.env.KANSRIJK_TEST_ADMIN_URL = adminUrl;
}

function removeDeadRuns(runsDir: string): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(runsDir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(path.join(runsDir, entry), { recursive: true, force: true });
    }
  }
}
