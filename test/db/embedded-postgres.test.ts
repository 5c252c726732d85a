import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { canTraverse, startEmbeddedPostgres } from '../../src/db/embedded-postgres';

// Each case starts a real cluster; initdb takes a few seconds.
jest.setTimeout(120_000);

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded Postgres', () => {
  test('data survives a restart; a stale postmaster.pid after a crash does not block the next start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-pg-'));
    chmodSync(dataDir, 0o755);
    const first = await startEmbeddedPostgres({ dataDir, port: 54351 });
    await query(first.connectionString, 'create table kept (v text); insert into kept values (\'bewaard\')');
    await first.stop();

    // A crash leaves a lock file naming a process that no longer exists.
    const lock = path.join(first.clusterDir, 'postmaster.pid');
    const dead = spawn('true');
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(lock, `${dead.pid}\n${first.clusterDir}\n`);
    const second = await startEmbeddedPostgres({ dataDir, port: 54351 });
    expect(await query(second.connectionString, 'select v from kept')).toEqual([{ v: 'bewaard' }]);
    await second.stop();
    expect(existsSync(lock)).toBe(false);
  });

  test('an orphaned server left by a killed process is stopped and replaced', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-pg-'));
    chmodSync(dataDir, 0o755);
    const orphan = await startEmbeddedPostgres({ dataDir, port: 54352 });
    const pid = Number(readFileSync(path.join(orphan.clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // Start again without stopping: as after `kill -9` of the Node process.
    const next = await startEmbeddedPostgres({ dataDir, port: 54352 });
    const newPid = Number(readFileSync(path.join(next.clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(newPid).not.toBe(pid);
    expect(await query(next.connectionString, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    await next.stop();
    await orphan.stop();
  });

  test('a data folder under a 0700 parent works; as root the cluster moves where the postgres user can reach it', async () => {
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const privateParent = mkdtempSync(path.join(os.tmpdir(), 'kansrijk-private-'));
    chmodSync(privateParent, 0o700);
    const dataDir = path.join(privateParent, 'clone', '.data');
    expect(canTraverse(dataDir, { uid: 999_999, gid: 999_999 })).toBe(false);
    const server = await startEmbeddedPostgres({ dataDir, port: 54353 });
    expect(await query(server.connectionString, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    if (asRoot) expect(server.clusterDir.startsWith(privateParent)).toBe(false);
    else expect(server.clusterDir).toBe(path.join(dataDir, 'postgres'));
    expect(existsSync(path.join(dataDir, 'postgres'))).toBe(true);
    await server.stop();
  });
});
