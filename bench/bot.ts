import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createFollowUpMessenger } from '../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../bot/transport/bot-framework';
import { loadConfig } from '../src/config/config';
import { connectDatabase, withDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { manualClock } from '../src/follow-ups/clock';
import { createFollowUpRunner, type FollowUpRunner } from '../src/follow-ups/follow-up-scheduler';
import { createFollowUpService } from '../src/follow-ups/follow-up-service';
import { demoTenants, demoUsers } from '../src/seed/demo-ids';
import { seedDemo } from '../src/seed/demo-seed';
import { percentile } from './load';
import { teamsLimits } from './connector-stand-in';
import { startStandInProcess } from './connector-stand-in-process';
import { createFollowUpFixture } from './follow-up-fixtures';

/*
 * The bot's figures: (1) Action.Execute invokes over loopback HTTP to /api/messages, 50 clients,
 * each invoke changing an action in Postgres, beside a bare botbuilder bot that does no I/O
 * answering the same invokes (bench/bare-bot.ts; rounds alternate, the ratio is printed); (2) 10,000 follow-ups over 300 municipalities
 * against the connector stand-in enforcing Teams' limits, compared with the fastest time those
 * limits allow. Self-contained: makes its own databases on the Postgres at adminUrl.
 * BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to the server of (1).
 */
const INVOKE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_BOT_PORT ?? 39791);
const BARE_PORT = PORT + 1;

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return withDatabase(adminUrl, name);
}


/** Enough actions that one is never in flight twice: each comes back round only after ~INVOKE_ACTIONS requests. */
const INVOKE_ACTIONS = Number(process.env.BENCH_INVOKE_ACTIONS ?? 2500);
const INVOKE_CLIENTS = 50;
/** Rounds of ours and of the bare bot, alternating (BENCH_INVOKE_ROUNDS). */
const INVOKE_ROUNDS = Number(process.env.BENCH_INVOKE_ROUNDS ?? 2);

interface ActionState {
  version: number;
  status: 'planned' | 'in_progress';
}

/**
 * The invokes of 50 clients over a pool of actions used round-robin. An action is handed out
 * only when idle and with the version and status its last answer showed, so every invoke is a
 * real change (not a conflict card): autocannon builds the next request of a connection right
 * after the previous answer, and an answer that never came (cut off at the end of a run) keeps
 * its action out of the pool for good. The answer names its action itself (the card's data),
 * so nothing depends on autocannon's per-connection context.
 */
function createInvokePool(states: Map<string, ActionState>) {
  const idle = [...states.keys()];
  let changed = 0;
  let answers = 0;
  return {
    changed: () => changed,
    answers: () => answers,
    reset() {
      changed = 0;
      answers = 0;
    },
    /** The next idle action, taken out of the pool until its answer arrives. */
    take(): { actionId: string; state: ActionState } {
      const actionId = idle.shift();
      if (!actionId) throw new Error(`all ${states.size} benchmark actions are in flight`);
      return { actionId, state: states.get(actionId)! };
    },
    answered(status: number, body: string): void {
      answers++;
      const actionId = /"actionId":"([0-9a-f-]{36})"/.exec(body)?.[1];
      const version = /"version":(\d+)/.exec(body)?.[1];
      const shown = /"shownStatus":"(\w+)"/.exec(body)?.[1];
      if (status !== 200 || !actionId || !version || !states.has(actionId)) return;
      if (/Opgeslagen/.test(body)) changed++;
      states.set(actionId, { version: Number(version), status: shown === 'in_progress' ? 'in_progress' : 'planned' });
      idle.push(actionId);
    },
  };
}

/** The Action.Execute invoke a card's "save" sends, from Tom Maes's personal chat. */
function invokeActivity(actionId: string, state: ActionState): string {
  const status = state.status === 'planned' ? 'in_progress' : 'planned';
  return JSON.stringify({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    locale: 'nl-BE',
    from: { id: '29:tom-maes', name: 'Tom Maes', aadObjectId: demoUsers.actionOwner },
    recipient: { id: '28:kansrijk-bot', name: 'Kansrijk' },
    conversation: { id: 'a:personal-29:tom-maes', conversationType: 'personal', tenantId: demoTenants.beekvliet.id },
    channelData: { tenant: { id: demoTenants.beekvliet.id } },
    value: {
      trigger: 'manual',
      action: {
        type: 'Action.Execute',
        verb: 'updateAction',
        data: { verb: 'updateAction', actionId, version: state.version, lang: 'nl', shownStatus: state.status, shownDueDate: '2030-06-30', status, progressNote: 'Stand van zaken bijgewerkt' },
      },
    },
  });
}

/** INVOKE_CLIENTS connections posting invokes to /api/messages at `base` for `seconds`. */
function invokeLoad(base: string, seconds: number, body: () => string, onResponse: (status: number, body: string) => void) {
  return new Promise<{ times: number[]; result: autocannon.Result }>((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(
      {
        url: base,
        connections: INVOKE_CLIENTS,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ path: '/api/messages', setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }), onResponse }],
      } as autocannon.Options,
      (error, result) => (error ? reject(error as Error) : resolve({ times, result })),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere or once it has gone). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/**
 * CPU used by some processes over a stretch of time. On a machine shared with other work the
 * req/s move with the load; the CPU one request costs moves much less.
 */
async function measureCpu<T>(pids: () => Promise<number[]>, work: () => Promise<T>): Promise<{ value: T; seconds: number; byPid: Map<number, number> }> {
  const before = new Map((await pids()).map((pid) => [pid, cpuSeconds(pid) ?? 0]));
  const value = await work();
  const byPid = new Map<number, number>();
  // A process that came during the stretch counts from 0 (a new Postgres backend).
  for (const pid of new Set([...before.keys(), ...(await pids())])) byPid.set(pid, Math.max(0, (cpuSeconds(pid) ?? before.get(pid) ?? 0) - (before.get(pid) ?? 0)));
  return { value, seconds: [...byPid.values()].reduce((a, b) => a + b, 0), byPid };
}

/**
 * The peer: a bare botbuilder 4.23 bot that does no I/O (bench/bare-bot.ts), in its own process
 * as our server is, answering the same invokes under the same load.
 */
async function startBareBot(ids: string[]) {
  const bare = spawn(process.execPath, [path.resolve(__dirname, 'bare-bot.js')], { env: { ...process.env, PORT: String(BARE_PORT) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    bare.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
    bare.once('exit', () => reject(new Error('the bare bot exited during start-up')));
  });
  let n = 0;
  let answered = 0;
  const body = () => invokeActivity(ids[n++ % ids.length]!, { version: 1, status: 'planned' });
  const onResponse = (status: number, text: string) => {
    if (status === 200 && text.includes('Opgeslagen')) answered++;
  };
  return {
    pid: bare.pid!,
    answered: () => answered,
    run: (seconds: number) => invokeLoad(`http://127.0.0.1:${BARE_PORT}`, seconds, body, onResponse),
    async stop() {
      bare.kill('SIGTERM');
      if (bare.exitCode === null) await new Promise((r) => bare.once('exit', r));
    },
  };
}

async function invokeBenchmark(adminUrl: string): Promise<Record<string, number>> {
  const url = await freshDatabase(adminUrl, 'kansrijk_bench_bot_invoke');
  const handle = connectDatabase(url, 4);
  await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  // Actions owned by Tom Maes, who updates them from his personal chat.
  const tom = await handle.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
  const template = await handle.db.selectFrom('action').selectAll().where('ownerId', '=', tom.id).executeTakeFirstOrThrow();
  const ids: string[] = Array.from({ length: INVOKE_ACTIONS }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 1000) {
    await handle.db
      .insertInto('action')
      .values(ids.slice(i, i + 1000).map((id, j) => ({ tenantId: template.tenantId, id, trajectoryId: template.trajectoryId, domainId: template.domainId, operationalObjectiveId: template.operationalObjectiveId, title: `Benchmarkactie ${i + j + 1}`, ownerId: tom.id, status: 'planned', dueDate: '2030-06-30' })))
      .execute();
  }
  // As in a municipality where the app is installed for the team: every member is known to the
  // bot, so the card's refresh list (owner and coordinators) has rows to find.
  const people = await handle.db.selectFrom('person').select(['id', 'entraObjectId']).where('tenantId', '=', template.tenantId).where('entraObjectId', 'is not', null).execute();
  await handle.db
    .insertInto('botUser')
    .values(people.map((p, i) => ({ tenantId: template.tenantId, aadObjectId: p.entraObjectId!, teamsUserId: `29:member-${i}`, name: `Lid ${i}`, personId: p.id, personalConversationId: null })))
    .execute();
  await handle.close();

  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = spawn(process.execPath, [...nodeArgs, path.resolve(__dirname, '../src/main.js')], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), HOST: '127.0.0.1', SEED_DEMO: 'false', JOBS_ENABLED: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'development', BOT_ID: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; i < 300; i++) {
      if (server.exitCode !== null) throw new Error('the server exited during start-up');
      if (await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const pool = createInvokePool(new Map(ids.map((id) => [id, { version: 1, status: 'planned' }])));
    const run = (seconds: number) =>
      invokeLoad(base, seconds, () => {
        const { actionId, state } = pool.take();
        return invokeActivity(actionId, state);
      }, (status, body) => pool.answered(status, body));
    const bare = await startBareBot(ids);
    try {
      await run(2); // warm-up
      await bare.run(2);
      await new Promise((r) => setTimeout(r, 500)); // let the server finish what the warm-up cut off
      const check = connectDatabase(url, 1);
      const versionSum = async () => Number((await check.db.selectFrom('action').select((eb) => eb.fn.sum<number>('version').as('v')).where('id', 'in', ids).executeTakeFirstOrThrow()).v);
      const before = await versionSum();
      pool.reset();
      // The machine is shared: rounds of ours and of the bare bot alternate, so that both meet
      // the same conditions, and each gets INVOKE_SECONDS in all.
      const ourTimes: number[] = [];
      const bareTimes: number[] = [];
      const totals = { ours: 0, bare: 0, non2xx: 0, errors: 0, bareNon2xx: 0, oursCpu: 0, serverCpu: 0, bareCpu: 0 };
      const bareAnsweredBefore = bare.answered();
      // Ours is the server and the Postgres backends serving it; the bare bot is its one process.
      const ourProcesses = async () => [
        server.pid!,
        ...(await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(check.db)).rows.map((r) => r.pid),
      ];
      for (let round = 0; round < INVOKE_ROUNDS; round++) {
        const { value: mine, seconds: oursCpu, byPid } = await measureCpu(ourProcesses, () => run(INVOKE_SECONDS / INVOKE_ROUNDS));
        totals.oursCpu += oursCpu;
        totals.serverCpu += byPid.get(server.pid!) ?? 0;
        ourTimes.push(...mine.times);
        totals.ours += mine.result.requests.total;
        totals.non2xx += mine.result.non2xx;
        totals.errors += mine.result.errors;
        const { value: peer, seconds: bareCpu } = await measureCpu(async () => [bare.pid], () => bare.run(INVOKE_SECONDS / INVOKE_ROUNDS));
        totals.bareCpu += bareCpu;
        bareTimes.push(...peer.times);
        totals.bare += peer.result.requests.total;
        totals.bareNon2xx += peer.result.non2xx;
      }
      await new Promise((r) => setTimeout(r, 500));
      const after = await versionSum();
      await check.close();
      ourTimes.sort((a, b) => a - b);
      bareTimes.sort((a, b) => a - b);
      const answered = pool.answers();
      return {
        'invoke p50 ms': percentile(ourTimes, 50),
        'invoke p95 ms': percentile(ourTimes, 95),
        'invoke req/s (50 clients)': totals.ours / INVOKE_SECONDS,
        'invoke non-2xx': totals.non2xx,
        'invoke errors': totals.errors,
        'invokes answered': answered,
        // Counted twice: from the answers ("Opgeslagen") and from the versions in the database.
        'invokes saved (answers) %': (100 * pool.changed()) / answered,
        'actions changed (versions)': after - before,
        'bare bot p50 ms': percentile(bareTimes, 50),
        'bare bot p95 ms': percentile(bareTimes, 95),
        'bare bot req/s': totals.bare / INVOKE_SECONDS,
        'bare bot answered': bare.answered() - bareAnsweredBefore,
        'bare bot non-2xx': totals.bareNon2xx,
        'invoke ratio (ours/bare)': totals.ours / totals.bare,
        // Where /proc exists (Linux): CPU per request, ours counting its Postgres backends too.
        ...(totals.bareCpu > 0
          ? {
              'invoke CPU ms/req (server+pg)': (1000 * totals.oursCpu) / totals.ours,
              'invoke CPU ms/req (server)': (1000 * totals.serverCpu) / totals.ours,
              'bare bot CPU ms/req': (1000 * totals.bareCpu) / totals.bare,
              'CPU ratio (bare/ours per req)': totals.bareCpu / totals.bare / (totals.oursCpu / totals.ours),
            }
          : {}),
      };
    } finally {
      await bare.stop();
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** Municipalities differ a lot in size: reminders per tenant fall off as 1/rank. */
function zipfSizes(total: number, tenants: number): number[] {
  const weights = Array.from({ length: tenants }, (_, i) => 1 / (i + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % tenants, rest--) sizes[i]!++;
  return sizes;
}

/**
 * Dispatch as production runs it: the pg-boss runner (a tick that plans every tenant and queues
 * one job per tenant with work, biggest first; DEFAULT_TENANT_CONCURRENCY tenants at once per
 * instance) on a pool of the configured default size, one instance. Timed from the trigger
 * until every reminder has reached the stand-in (in its own process, bench/connector-stand-in-process.ts) and its outcome is recorded.
 */
async function dispatchBenchmark(adminUrl: string): Promise<Record<string, number>> {
  const url = await freshDatabase(adminUrl, 'kansrijk_bench_bot_followups');
  const handle = connectDatabase(url, loadConfig({ AUTH_MODE: 'dev' }).database.poolSize);
  await migrateToLatest(handle.db);
  // Teams is elsewhere: the stand-in runs in its own process, not in the dispatcher's event loop.
  const standIn = await startStandInProcess();
  let runner: FollowUpRunner | undefined;
  try {
    const today = '2026-03-11';
    const reminders = zipfSizes(10_000, 300);
    // Three reminders per person (the daily cap), the last person of a tenant takes the rest.
    const people = reminders.map((n) => Math.ceil(n / 3));
    const fixture = await createFollowUpFixture(handle.db, {
      peoplePerTenant: people,
      remindersPerPerson: (t, p) => Math.min(3, reminders[t]! - 3 * p),
      serviceUrl: standIn.serviceUrl,
      today,
    });
    const clock = manualClock('2026-03-11T09:00:00Z');
    const transport = createBotTransport({ appId: undefined, password: undefined, tenantId: undefined, appType: 'SingleTenant' }, () => undefined);
    const service = createFollowUpService({ db: handle.db, clock, workerId: 'bench', messenger: createFollowUpMessenger(handle.db, transport.proactive) });
    runner = createFollowUpRunner({ connectionString: url, service, log: (message, error) => console.error(message, error ?? '') });
    await runner.start();

    const started = performance.now();
    await runner.trigger();
    await standIn.waitFor(fixture.expectedReminders, 300_000);
    const open = async () =>
      Number((await handle.db.selectFrom('followUp').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['pending', 'sending']).executeTakeFirstOrThrow()).n);
    while ((await open()) > 0) await new Promise((r) => setTimeout(r, 10));
    const elapsed = (performance.now() - started) / 1000;

    const perTenantLimit = teamsLimits.perTenant[0]!.limit;
    const lowerBound = Math.max(...[...fixture.perTenant.values()].map((n) => Math.ceil(n / perTenantLimit) - 1));
    const { followUpIds: ids, violations } = await standIn.result();
    const distinct = new Set(ids);
    const sent = await handle.db.selectFrom('followUp').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'sent').executeTakeFirstOrThrow();
    return {
      'follow-ups expected': fixture.expectedReminders,
      'follow-ups delivered': distinct.size,
      'follow-ups recorded sent': Number(sent.n),
      'follow-ups duplicates': ids.length - distinct.size,
      'follow-ups lost': fixture.expectedReminders - distinct.size,
      'Teams limit violations': violations,
      'dispatch seconds': elapsed,
      'fastest allowed seconds': lowerBound,
      'dispatch ratio (allowed/actual)': lowerBound / elapsed,
    };
  } finally {
    await runner?.stop();
    await standIn.close();
    await handle.close();
  }
}

/** BENCH_BOT=invoke or BENCH_BOT=dispatch runs one of the two. */
export async function runBotBenchmarks(options: { adminUrl: string }): Promise<Record<string, number>> {
  const only = process.env.BENCH_BOT;
  return {
    ...(only === 'dispatch' ? {} : await invokeBenchmark(options.adminUrl)),
    ...(only === 'invoke' ? {} : await dispatchBenchmark(options.adminUrl)),
  };
}
