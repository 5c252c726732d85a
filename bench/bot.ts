import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { createFollowUpMessenger } from '../bot/proactive/follow-up-messenger';
import { createBotTransport } from '../bot/transport/bot-framework';
import { connectDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { manualClock } from '../src/follow-ups/clock';
import { createFollowUpService } from '../src/follow-ups/follow-up-service';
import { demoTenants, demoUsers } from '../src/seed/demo-ids';
import { seedDemo } from '../src/seed/demo-seed';
import { startConnectorStandIn, teamsLimits } from './connector-stand-in';
import { createFollowUpFixture, followUpIdOf } from './follow-up-fixtures';

/*
 * The bot's figures: (1) Action.Execute invokes over loopback HTTP to /api/messages, 50 clients,
 * each invoke changing an action in Postgres; (2) 10,000 follow-ups over 300 municipalities
 * against the connector stand-in enforcing Teams' limits, compared with the fastest time those
 * limits allow. Self-contained: makes its own databases on the Postgres at adminUrl.
 */
const INVOKE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_BOT_PORT ?? 39791);

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return withDatabase(adminUrl, name);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function invokeBenchmark(adminUrl: string): Promise<Record<string, number>> {
  const url = await freshDatabase(adminUrl, 'kansrijk_bench_bot_invoke');
  const handle = connectDatabase(url, 4);
  await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  // One action per client, owned by Tom Maes, so that clients do not conflict with each other.
  const tom = await handle.db.selectFrom('person').select('id').where('entraObjectId', '=', demoUsers.actionOwner).executeTakeFirstOrThrow();
  const template = await handle.db.selectFrom('action').selectAll().where('ownerId', '=', tom.id).executeTakeFirstOrThrow();
  const ids: string[] = Array.from({ length: 50 }, () => randomUUID());
  await handle.db
    .insertInto('action')
    .values(ids.map((id, i) => ({ tenantId: template.tenantId, id, trajectoryId: template.trajectoryId, domainId: template.domainId, operationalObjectiveId: template.operationalObjectiveId, title: `Benchmarkactie ${i + 1}`, ownerId: tom.id, status: 'planned', dueDate: '2030-06-30' })))
    .execute();
  await handle.close();

  const server = spawn(process.execPath, [path.resolve(__dirname, '../src/main.js')], {
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
    const versions = new Map(ids.map((id) => [id, 1]));
    const statuses = new Map(ids.map((id) => [id, 'planned']));
    let next = 0;
    const run = (seconds: number) =>
      new Promise<{ times: number[]; result: autocannon.Result }>((resolve, reject) => {
        const times: number[] = [];
        const instance = autocannon(
          {
            url: base,
            connections: 50,
            duration: seconds,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            requests: [
              {
                path: '/api/messages',
                setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
                  context.actionId ??= ids[next++ % ids.length];
                  const actionId = context.actionId as string;
                  const shown = statuses.get(actionId)!;
                  const status = shown === 'planned' ? 'in_progress' : 'planned';
                  context.status = status;
                  const activity = {
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
                      action: { type: 'Action.Execute', verb: 'updateAction', data: { verb: 'updateAction', actionId, version: versions.get(actionId), lang: 'nl', shownStatus: shown, shownDueDate: '2030-06-30', status, progressNote: 'Stand van zaken bijgewerkt' } },
                    },
                  };
                  return { ...req, body: JSON.stringify(activity) };
                },
                onResponse: (status: number, body: string, context: Record<string, unknown>) => {
                  const version = /"version":(\d+)/.exec(body)?.[1];
                  const actionId = context.actionId as string;
                  if (status === 200 && version && /Opgeslagen/.test(body)) statuses.set(actionId, context.status as string);
                  if (version) versions.set(actionId, Number(version));
                },
              },
            ],
          } as autocannon.Options,
          (error, result) => (error ? reject(error as Error) : resolve({ times, result })),
        );
        instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
      });
    await run(2); // warm-up
    const { times, result } = await run(INVOKE_SECONDS);
    times.sort((a, b) => a - b);
    const check = connectDatabase(url, 1);
    const changed = await check.db.selectFrom('action').select((eb) => eb.fn.sum<number>('version').as('v')).where('id', 'in', ids).executeTakeFirstOrThrow();
    await check.close();
    return {
      'invoke p50 ms': percentile(times, 50),
      'invoke p95 ms': percentile(times, 95),
      'invoke req/s (50 clients)': result.requests.total / INVOKE_SECONDS,
      'invoke non-2xx': result.non2xx,
      'invoke errors': result.errors,
      'actions changed (versions)': Number(changed.v) - ids.length,
    };
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

async function dispatchBenchmark(adminUrl: string): Promise<Record<string, number>> {
  const url = await freshDatabase(adminUrl, 'kansrijk_bench_bot_followups');
  const handle = connectDatabase(url, 40);
  await migrateToLatest(handle.db);
  const standIn = await startConnectorStandIn();
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

    const started = performance.now();
    await service.planAll();
    const queue = (await service.readyTenants()).map((r) => r.tenantId); // biggest first
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        for (let tenantId = queue.shift(); tenantId; tenantId = queue.shift()) await service.dispatchTenant(tenantId);
      }),
    );
    const elapsed = (performance.now() - started) / 1000;

    const perTenantLimit = teamsLimits.perTenant[0]!.limit;
    const lowerBound = Math.max(...[...fixture.perTenant.values()].map((n) => Math.ceil(n / perTenantLimit) - 1));
    const ids = standIn.proactive().map((a) => followUpIdOf(a.activity));
    const distinct = new Set(ids);
    return {
      'follow-ups expected': fixture.expectedReminders,
      'follow-ups delivered': distinct.size,
      'follow-ups duplicates': ids.length - distinct.size,
      'follow-ups lost': fixture.expectedReminders - distinct.size,
      'Teams limit violations': standIn.violations.length,
      'dispatch seconds': elapsed,
      'fastest allowed seconds': lowerBound,
      'dispatch ratio (allowed/actual)': lowerBound / elapsed,
    };
  } finally {
    await standIn.close();
    await handle.close();
  }
}

export async function runBotBenchmarks(options: { adminUrl: string }): Promise<Record<string, number>> {
  return { ...(await invokeBenchmark(options.adminUrl)), ...(await dispatchBenchmark(options.adminUrl)) };
}
