import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/*
 * Debian's PgBouncer on loopback in front of a PostgreSQL, in transaction mode, as Azure
 * Database for PostgreSQL runs it built in: what the tests and `npm run bench:reliability` put
 * between the app and the database. Lives in bench/ so the compiled benchmark can use it; tests
 * import it through test/support/pgbouncer.ts.
 */

export const PGBOUNCER_BINARY = process.env.PGBOUNCER_BINARY ?? '/usr/sbin/pgbouncer';

/** PgBouncer 1.21 is the first that carries protocol-level prepared statements in transaction mode. */
const PREPARED_STATEMENTS_SINCE: [number, number] = [1, 21];

export interface PgBouncer {
  port: number;
  version: string;
  /** max_prepared_statements as configured: 0 on a PgBouncer too old to carry them. */
  maxPreparedStatements: number;
  /** The upstream URL with PgBouncer's host and port instead (same user, password and database). */
  urlFor(upstreamUrl: string): string;
  /** The admin console (database `pgbouncer`: SHOW POOLS, …), as the upstream user. */
  adminUrl(upstreamUrl: string): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Any URL of the upstream server (its user and password are the ones PgBouncer logs in with). */
  upstreamUrl: string;
  /** Server connections per user and database. */
  poolSize?: number;
  /** Overrides the version check (tests that show what an old PgBouncer does). */
  maxPreparedStatements?: number;
}

export function pgbouncerVersion(binary = PGBOUNCER_BINARY): string {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: apt-get install pgbouncer (.ci/run does this)`);
  const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  const match = /PgBouncer (\d+\.\d+(?:\.\d+)?)/.exec(out);
  if (!match?.[1]) throw new Error(`cannot read the version of ${binary}: ${out}`);
  return match[1];
}

export function supportsPreparedStatements(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [wantMajor, wantMinor] = PREPARED_STATEMENTS_SINCE;
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  // As root PgBouncer refuses to run; the embedded PostgreSQL already made this user.
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function throughBouncer(upstreamUrl: string, port: number): string {
  const url = new URL(upstreamUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

const quote = (value: string): string => `"${value.replace(/"/g, '""')}"`;

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const version = pgbouncerVersion();
  const upstream = new URL(options.upstreamUrl);
  const user = decodeURIComponent(upstream.username);
  const password = decodeURIComponent(upstream.password);
  const port = await freePort();
  const maxPreparedStatements = options.maxPreparedStatements ?? (supportsPreparedStatements(version) ? 200 : 0);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-pgbouncer-'));
  const runAs = postgresUser();
  const settings = [
    '[databases]',
    // Every database name the client asks for, on the upstream server (test files each have their own).
    `* = host=${upstream.hostname} port=${upstream.port || '5432'}`,
    '[pgbouncer]',
    'listen_addr = 127.0.0.1',
    `listen_port = ${port}`,
    "unix_socket_dir = ''",
    'pool_mode = transaction',
    // The client proves the password from the auth file, and PgBouncer logs in upstream with it.
    'auth_type = scram-sha-256',
    `auth_file = ${path.join(dir, 'users.txt')}`,
    `admin_users = ${user}`,
    `default_pool_size = ${options.poolSize ?? 20}`,
    'max_client_conn = 1000',
    // A restarted PostgreSQL: server connections are retried soon, clients wait rather than fail.
    'server_login_retry = 1',
    'query_wait_timeout = 30',
    'ignore_startup_parameters = extra_float_digits',
    `logfile = ${path.join(dir, 'pgbouncer.log')}`,
    `pidfile = ${path.join(dir, 'pgbouncer.pid')}`,
    ...(supportsPreparedStatements(version) ? [`max_prepared_statements = ${maxPreparedStatements}`] : []),
    '',
  ];
  writeFileSync(path.join(dir, 'pgbouncer.ini'), settings.join('\n'));
  writeFileSync(path.join(dir, 'users.txt'), `${quote(user)} ${quote(password)}\n`);
  for (const file of ['pgbouncer.ini', 'users.txt']) chmodSync(path.join(dir, file), 0o600);
  if (runAs) {
    for (const file of ['', 'pgbouncer.ini', 'users.txt']) chownSync(path.join(dir, file), runAs.uid, runAs.gid);
  }
  const child: ChildProcess = spawn(PGBOUNCER_BINARY, [...(runAs ? ['-u', 'postgres'] : []), path.join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`PgBouncer did not start on port ${port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    version,
    maxPreparedStatements,
    urlFor: (upstreamUrl) => throughBouncer(upstreamUrl, port),
    adminUrl(upstreamUrl) {
      const url = new URL(throughBouncer(upstreamUrl, port));
      url.pathname = '/pgbouncer';
      return url.toString();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // SIGINT: shut down at once, without waiting for clients to leave.
        child.kill('SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
