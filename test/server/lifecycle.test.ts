import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';

/**
 * The real entry point (`npm start` runs dist/src/main.js): embedded Postgres in the data
 * folder, demo data, clean stop on signals, and a restart after `kill -9`.
 */
jest.setTimeout(180_000);

const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

interface Running {
  child: ChildProcess;
  output: () => string;
  url: string;
}

async function start(dataDir: string, pgPort: number): Promise<Running> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn', JOBS_ENABLED: 'false', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server did not become healthy: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, output: () => output, url };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function postmasterPid(dataDir: string): number | undefined {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the server process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build:server" first (npm test does)`);
  });

  test('starts on the embedded database with demo data, stops cleanly on SIGTERM and SIGINT, and survives kill -9', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-main-'));
    const pgPort = await freePort();

    const first = await start(dataDir, pgPort);
    const users = (await (await fetch(`${first.url}/dev/users`)).json()) as { name: string }[];
    expect(users.map((u) => u.name)).toContain('Tom Maes');
    const pgPid = postmasterPid(dataDir)!;
    expect(alive(pgPid)).toBe(true);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(alive(pgPid)).toBe(false);
    expect(postmasterPid(dataDir)).toBeUndefined();

    // A crash: the Node process dies at once and its Postgres is orphaned with its lock file.
    const second = await start(dataDir, pgPort);
    const orphan = postmasterPid(dataDir)!;
    second.child.kill('SIGKILL');
    await exited(second.child);
    expect(alive(orphan)).toBe(true);

    const third = await start(dataDir, pgPort);
    expect(alive(orphan)).toBe(false);
    // Data from before the crash is still there, and was not seeded twice.
    const again = (await (await fetch(`${third.url}/dev/users`)).json()) as { name: string }[];
    expect(again).toEqual(users);
    const pid = postmasterPid(dataDir)!;
    third.child.kill('SIGINT');
    expect(await exited(third.child)).toBe(0);
    expect(alive(pid)).toBe(false);
  });
});
