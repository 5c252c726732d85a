import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { signDevToken } from '../src/auth/token-verifier';
import { loadConfig } from '../src/config/config';
import { connectDatabase, withDatabase } from '../src/db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded-postgres';
import { migrateToLatest } from '../src/db/migrate';
import { prepareFollowUpSchema } from '../src/follow-ups/follow-up-scheduler';
import { demoTenants, demoUsers } from '../src/seed/demo-ids';
import { seedDemo } from '../src/seed/demo-seed';
import { startConnectorStandIn } from './connector-stand-in';
import { createFollowUpFixture, followUpIdOf } from './follow-up-fixtures';
import { startPgBouncer } from './pgbouncer';
import { startRoundRobinProxy } from './round-robin-proxy';

/*
 * `npm run bench:reliability`: the production shape under faults. Two instances behind a
 * round-robin proxy, PostgreSQL through PgBouncer in transaction mode, a steady load of writes
 * and a follow-up dispatch. Faults: kill -9 one instance mid-dispatch (and start it again), then
 * restart PostgreSQL. Aims: every write that got a 2xx is there afterwards, no message twice,
 * service back within 30 s of each fault. Exits non-zero when an aim is missed.
 */
const ROOT = path.resolve(__dirname, '../..');
const DB = 'kansrijk_reliability';
const WRITES_PER_SECOND = Number(process.env.BENCH_WRITES_PER_SECOND ?? 25);
const RECOVERY_AIM_MS = 30_000;
const TODAY = '2026-03-11';
const VERBOSE = process.env.BENCH_VERBOSE === '1';

interface Write {
  title: string;
  at: number;
  status: number | 'error';
  doneAt: number;
  detail?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  const pgPort = Number(process.env.BENCH_PG_PORT ?? (await freePort()));
  const dataDir = path.join(ROOT, '.data/bench-reliability');
  const startPostgres = () => startEmbeddedPostgres({ dataDir, port: pgPort });
  let postgres: EmbeddedPostgres = await startPostgres();
  const adminUrl = postgres.connectionString;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  await admin.end();
  const direct = withDatabase(adminUrl, DB);

  const standIn = await startConnectorStandIn();
  const setup = connectDatabase(direct, 4);
  await migrateToLatest(setup.db);
  await seedDemo(setup.db);
  await prepareFollowUpSchema(direct);
  // Six municipalities of 120 owners with three reminders each: Teams' 50/s per tenant makes the
  // dispatch last long enough to be cut in the middle.
  const fixture = await createFollowUpFixture(setup.db, { peoplePerTenant: [120, 120, 120, 120, 120, 120], remindersPerPerson: 3, serviceUrl: standIn.serviceUrl, today: TODAY });
  const objective = await setup.db.selectFrom('operationalObjective').select('id').where('tenantId', '=', demoTenants.beekvliet.id).executeTakeFirstOrThrow();

  const bouncer = await startPgBouncer({ upstreamUrl: direct, poolSize: 20 });
  const preparedStatements = bouncer.maxPreparedStatements > 0;
  const devTokenSecret = randomBytes(32).toString('base64url');
  const ports = [await freePort(), await freePort()];
  const children: (ChildProcess | undefined)[] = [undefined, undefined];
  const startInstance = async (i: number): Promise<void> => {
    const child = spawn(process.execPath, [path.join(__dirname, 'reliability-instance.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        AUTH_MODE: 'dev',
        DEV_TOKEN_SECRET: devTokenSecret,
        // Requests and pg-boss through PgBouncer; migrations (DDL, pg-boss's schema) on a direct connection.
        DATABASE_URL: bouncer.urlFor(direct),
        DATABASE_MIGRATION_URL: direct,
        DATABASE_PREPARED_STATEMENTS: String(preparedStatements),
        DB_POOL_SIZE: '10',
        PORT: String(ports[i]),
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        JOBS_ENABLED: 'false',
        LOG_LEVEL: 'warn',
        BENCH_CLOCK: '2026-03-11T09:00:00Z',
      },
      stdio: ['ignore', VERBOSE ? 'inherit' : 'ignore', VERBOSE ? 'inherit' : 'ignore'],
    });
    children[i] = child;
    await waitFor(`instance ${i} to be healthy`, async () => {
      if (child.exitCode !== null) throw new Error(`instance ${i} exited during start-up`);
      return (await fetch(`http://127.0.0.1:${ports[i]}/healthz`)).ok;
    }, 60_000);
  };

  const writes: Write[] = [];
  let stopLoad = false;
  let load: Promise<void> | undefined;
  let proxyClose: (() => Promise<void>) | undefined;
  const aims: { name: string; value: number; ok: boolean; unit: string }[] = [];
  try {
    await Promise.all([startInstance(0), startInstance(1)]);
    const proxy = await startRoundRobinProxy(ports.map((p) => `http://127.0.0.1:${p}`));
    proxyClose = proxy.close;
    const config = loadConfig({ AUTH_MODE: 'dev', DEV_TOKEN_SECRET: devTokenSecret });
    const token = await signDevToken(config, { tenantId: demoTenants.beekvliet.id, userId: demoUsers.coordinator, name: 'Lotte Peeters' });

    // Open loop: a write every 1/rate seconds whether or not earlier ones were answered.
    load = (async () => {
      const inFlight = new Set<Promise<void>>();
      let n = 0;
      const interval = 1000 / WRITES_PER_SECOND;
      const t0 = Date.now();
      while (!stopLoad) {
        const title = `Belasting ${++n}`;
        const write: Write = { title, at: Date.now(), status: 'error', doneAt: 0 };
        writes.push(write);
        const p = fetch(`${proxy.url}/api/v1/operational-objectives/${objective.id}/actions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title }),
          signal: AbortSignal.timeout(20_000),
        })
          .then(async (res) => {
            write.status = res.status;
            const text = await res.text();
            if (res.status !== 201) write.detail = `${res.status} ${text.slice(0, 60)}`;
          })
          .catch((error: unknown) => {
            write.detail = String(error).slice(0, 60);
          })
          .finally(() => {
            write.doneAt = Date.now();
            inFlight.delete(p);
          });
        inFlight.add(p);
        const wait = t0 + n * interval - Date.now();
        if (wait > 0) await sleep(wait);
      }
      await Promise.all(inFlight);
    })();

    const delivered = () => standIn.proactive().length;
    // Fault 1: kill -9 an instance while it is sending.
    await waitFor('a quarter of the reminders to be sent', () => delivered() >= fixture.expectedReminders / 4, 60_000);
    // The victim is an instance with reminders in flight right now (claimed by its process, not
    // yet recorded): killing one that happened to have no tenant at that moment tests nothing of
    // the dispatch's recovery (about half the runs did, before the victim was chosen so).
    let victim = -1;
    await waitFor('an instance with reminders in flight', async () => {
      const sending = await setup.db.selectFrom('followUp').select('claimedBy').distinct().where('state', '=', 'sending').where('tenantId', 'in', fixture.tenantIds).execute();
      const claimers = new Set(sending.map((r) => r.claimedBy?.split(':').pop()));
      victim = children.findIndex((c) => c?.pid !== undefined && claimers.has(String(c.pid)));
      return victim >= 0;
    }, 30_000);
    const killAt = Date.now();
    // The stand-in stamps deliveries with performance.now().
    const killAtPerf = performance.now();
    const sentAtKill = delivered();
    children[victim]!.kill('SIGKILL');
    // The tenants that still had reminders to send: each must be sent to again soon.
    const unfinished = (
      await setup.db.selectFrom('followUp').select('tenantId').distinct().where('state', '=', 'pending').where('tenantId', 'in', fixture.tenantIds).execute()
    ).map((r) => r.tenantId);
    await sleep(1000);
    await startInstance(victim);
    const instanceBackMs = Date.now() - killAt;
    // Everything is sent but what the killed instance had in flight (claimed, then never recorded: at most once).
    const open = async () =>
      Number(
        (
          await setup.db
            .selectFrom('followUp')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('state', '=', 'pending')
            .where('tenantId', 'in', fixture.tenantIds)
            .executeTakeFirstOrThrow()
        ).n,
      );
    await waitFor('the dispatch to finish after the kill', async () => (await open()) === 0, 120_000);
    const dispatchDoneMs = Date.now() - killAt;
    // Per unfinished tenant: how long after the kill its next reminder arrived.
    const tenantOf = new Map(
      (await setup.db.selectFrom('followUp').select(['id', 'tenantId']).where('tenantId', 'in', fixture.tenantIds).execute()).map((r) => [r.id, r.tenantId]),
    );
    const firstAfterKill = new Map<string, number>();
    for (const a of standIn.proactive()) {
      const tenantId = tenantOf.get(followUpIdOf(a.activity) ?? '');
      if (tenantId && a.at >= killAtPerf && !firstAfterKill.has(tenantId)) firstAfterKill.set(tenantId, a.at);
    }
    const resumedMs = Math.max(0, ...unfinished.map((tenantId) => (firstAfterKill.get(tenantId) ?? Number.POSITIVE_INFINITY) - killAtPerf));
    const writeRecoveryKill = recoveryAfter(writes, killAt);
    if (VERBOSE) {
      const seen = new Map<string, number>();
      for (const w of writes.filter((x) => x.detail)) seen.set(`${w.detail!} @${((w.at - killAt) / 1000).toFixed(0)}s`, (seen.get(`${w.detail!} @${((w.at - killAt) / 1000).toFixed(0)}s`) ?? 0) + 1);
      console.error('failures after the kill:', [...seen.entries()]);
    }
    await sleep(2000);

    // Fault 2: restart PostgreSQL under the same load.
    const restartAt = Date.now();
    await setup.close();
    await postgres.stop();
    postgres = await startPostgres();
    const postgresBackMs = Date.now() - restartAt;
    if (VERBOSE) console.error(`PostgreSQL back after ${postgresBackMs} ms`);
    if (VERBOSE) {
      const t = setInterval(() => {
        const recent = writes.filter((w) => w.at > Date.now() - 1000 && w.doneAt > 0);
        console.error('last second:', JSON.stringify(recent.reduce<Record<string, number>>((m, w) => ((m[String(w.status)] = (m[String(w.status)] ?? 0) + 1), m), {})));
      }, 1000);
      t.unref();
    }
    await waitFor('writes to succeed after the restart', () => writes.some((w) => w.at > restartAt + postgresBackMs && w.status === 201), 60_000);
    await sleep(3000);
    stopLoad = true;
    await load;
    const writeRecoveryRestart = recoveryAfter(writes, restartAt);

    const check = connectDatabase(direct, 2);
    // Claimed by the killed instance and never recorded: left for the tick to mark uncertain, never resent.
    const claimedByTheDead = (await check.db.selectFrom('followUp').select('id').where('tenantId', 'in', fixture.tenantIds).where('state', '=', 'sending').execute()).map((r) => r.id);
    const acknowledged = writes.filter((w) => w.status === 201).map((w) => w.title);
    const stored = new Set(
      (await check.db.selectFrom('action').select('title').where('tenantId', '=', demoTenants.beekvliet.id).where('title', 'like', 'Belasting %').execute()).map((r) => r.title),
    );
    await check.close();
    const missing = acknowledged.filter((t) => !stored.has(t)).length;
    const ids = standIn.proactive().map((a) => followUpIdOf(a.activity));
    const duplicates = ids.length - new Set(ids).size;
    const failed = writes.filter((w) => w.status !== 201).length;
    const deliveredIds = new Set(ids);
    const uncertain = claimedByTheDead.filter((id) => !deliveredIds.has(id)).length;
    const lost = fixture.expectedReminders - new Set([...ids, ...claimedByTheDead]).size;

    console.log(`\nReliability (2 instances behind a round-robin proxy, PgBouncer ${bouncer.version} in transaction mode, prepared statements ${preparedStatements ? 'on' : 'off'})`);
    console.log(`  writes sent / 2xx / not 2xx                  ${writes.length} / ${acknowledged.length} / ${failed} (${WRITES_PER_SECOND}/s, open loop)`);
    console.log(`  reminders expected / delivered               ${fixture.expectedReminders} / ${new Set(ids).size} (${sentAtKill} before the kill)`);
    console.log(`  in flight at the kill                        ${claimedByTheDead.length} claimed, ${claimedByTheDead.length - uncertain} of them reached Teams; ${uncertain} not: marked uncertain by the tick, never resent (at most once)`);
    console.log(`  kill -9: instance restarted and healthy in   ${(instanceBackMs / 1000).toFixed(1)} s`);
    console.log(`  kill -9: every unfinished tenant sent again  ${(resumedMs / 1000).toFixed(1)} s after the kill (${unfinished.length} tenants); all sent ${(dispatchDoneMs / 1000).toFixed(1)} s after it`);
    console.log(`  kill -9: writes failing for                  ${(writeRecoveryKill / 1000).toFixed(1)} s`);
    console.log(`  PostgreSQL restart: back in                  ${(postgresBackMs / 1000).toFixed(1)} s; writes failing for ${(writeRecoveryRestart / 1000).toFixed(1)} s`);
    aims.push({ name: 'writes with a 2xx missing afterwards', value: missing, ok: missing === 0, unit: '' });
    aims.push({ name: 'duplicate messages', value: duplicates, ok: duplicates === 0, unit: '' });
    aims.push({ name: 'Teams limit violations', value: standIn.violations.length, ok: standIn.violations.length === 0, unit: '' });
    aims.push({ name: 'reminders lost (neither delivered nor in flight at the kill)', value: lost, ok: lost === 0, unit: '' });
    const killRecovery = Math.max(writeRecoveryKill, instanceBackMs, resumedMs);
    aims.push({ name: 'recovery after kill -9 (writes ok, instance back, dispatch resumed)', value: killRecovery / 1000, ok: killRecovery <= RECOVERY_AIM_MS, unit: 's' });
    aims.push({ name: 'recovery after the PostgreSQL restart (writes ok)', value: Math.max(writeRecoveryRestart, postgresBackMs) / 1000, ok: Math.max(writeRecoveryRestart, postgresBackMs) <= RECOVERY_AIM_MS, unit: 's' });
  } finally {
    stopLoad = true;
    await load?.catch(() => undefined);
    await proxyClose?.();
    for (const child of children) {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(10_000)]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    }
    await bouncer.stop();
    await standIn.close();
    await setup.close().catch(() => undefined);
    await postgres.stop();
  }
  console.log('\nAims');
  for (const aim of aims) console.log(`  ${aim.ok ? 'ok  ' : 'MISS'} ${aim.name.padEnd(66)} ${aim.unit === 's' ? `${aim.value.toFixed(1)} s (≤ 30 s)` : `${aim.value} (0)`}`);
  console.log(`\nreliability benchmark finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (aims.some((a) => !a.ok)) process.exit(1);
}

/**
 * How long writes failed after a fault: from the fault to the end of the last failed write
 * that started after it, or 0 when none failed.
 */
function recoveryAfter(writes: Write[], faultAt: number): number {
  const failedAfter = writes.filter((w) => w.at >= faultAt - 1000 && w.status !== 201 && w.doneAt > 0);
  if (!failedAfter.length) return 0;
  return Math.max(...failedAfter.map((w) => w.doneAt)) - faultAt;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
