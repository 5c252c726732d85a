import PgBoss from 'pg-boss';
import type { DatabaseConnection } from '../db/database-connection';
import { TIME_ZONE } from '../shared/time';
import { measureJob } from '../telemetry/job-metrics';
import type { FollowUpService } from './follow-up-service';

export const TICK_QUEUE = 'kansrijk-follow-ups-tick';
export const DISPATCH_QUEUE = 'kansrijk-follow-ups-dispatch';

/** pg-boss's own pool per instance: counted with DB_POOL_SIZE against the server's connection limit (infra/azure.bicep). */
export const FOLLOW_UP_POOL_SIZE = 4;

/** Tenants one instance serves at once. Each mostly waits on Teams' per-tenant limit. */
export const DEFAULT_TENANT_CONCURRENCY = 8;

function bossConnection(connection: DatabaseConnection): PgBoss.DatabaseOptions {
  if (typeof connection === 'string') return { connectionString: connection };
  const { host, port, database, user, password, ssl } = connection;
  // pg's password function may answer sync or async; pg-boss's type takes either, not a mix.
  return { host, port, database, user, ssl, password: typeof password === 'function' ? async () => password() : password };
}

/** A dispatch job: one tenant, and its place in the order (its ready reminders when the tick queued it). */
interface DispatchJob {
  tenantId: string;
  priority?: number;
}

export interface FollowUpRunnerOptions {
  /** A URL, or pool settings whose password is a token fetched per connection (DATABASE_AUTH=entra). */
  connectionString: DatabaseConnection;
  service: FollowUpService;
  log: (message: string, error?: unknown) => void;
  /** How many tenants one instance serves at once. */
  concurrency?: number;
  /** When to plan and hand out work (cron, Brussels time). */
  cron?: string;
  pollingIntervalSeconds?: number;
  /** Other timed work that rides on the same singleton tick (the meetings' posts); its failure is logged, not the tick's. */
  alsoOnTick?: () => Promise<void>;
}

/**
 * One dispatch job sends for a tenant this long at most, then hands the rest to a new job for
 * the same tenant. pg-boss has no heartbeat: the job of an instance killed mid-dispatch stays
 * active until it expires, and the 'stately' policy lets no other instance send for that tenant
 * meanwhile. Short jobs with a short expiry bound that pause (≤ 30 s with the settings below).
 */
export const DISPATCH_SLICE_SECONDS = 5;
/** How often one of the instances (pg-boss takes turns) fails jobs past their expiry, among others. */
export const MAINTENANCE_INTERVAL_SECONDS = 5;

const QUEUES: PgBoss.Queue[] = [
  { name: TICK_QUEUE, policy: 'singleton', retryLimit: 1, expireInSeconds: 600 },
  // Expiry: a slice plus time for its last sends to be answered. A retry starts soon: an expired job is mostly a dead instance's.
  { name: DISPATCH_QUEUE, policy: 'stately', retryLimit: 3, retryDelay: 1, retryBackoff: true, expireInSeconds: DISPATCH_SLICE_SECONDS + 10 },
];

/** createQueue leaves an existing queue as it was: settings changed since are written here. */
async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const queue of QUEUES) {
    await boss.createQueue(queue.name, queue);
    await boss.updateQueue(queue.name, queue);
  }
}

/**
 * Installs or upgrades pg-boss's schema and creates the queues, as the migration role. Creating a
 * queue adds a partition table, so a role without DDL rights can run the follow-ups only once
 * this has run; it then finds everything in place and only reads and writes rows.
 */
export async function prepareFollowUpSchema(connection: DatabaseConnection): Promise<void> {
  const boss = new PgBoss({ ...bossConnection(connection), schema: 'pgboss', max: 1, supervise: false, schedule: false, application_name: 'kansrijk-migrate' });
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export interface FollowUpRunner {
  start(): Promise<void>;
  /** Plans and dispatches now rather than at the next cron minute. */
  trigger(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * pg-boss on the application's Postgres, in its own schema `pgboss`:
 *  - a cron tick (singleton queue: one at a time across all instances) plans every tenant's
 *    follow-ups, marks those of dead workers, and queues one dispatch job per tenant with work;
 *  - dispatch jobs use the 'stately' policy keyed by tenant, so one job at a time claims for a
 *    tenant (only the last sends of a finished slice may still be on their way meanwhile).
 *    Neither the limits nor "at most once" rest on that: Teams' windows are shared by all
 *    instances (shared-rate-windows), and the per-row claim in the sent log guards against
 *    duplicates.
 */
export function createFollowUpRunner(options: FollowUpRunnerOptions): FollowUpRunner {
  const boss = new PgBoss({
    ...bossConnection(options.connectionString),
    schema: 'pgboss',
    max: FOLLOW_UP_POOL_SIZE,
    application_name: 'kansrijk-follow-ups',
    maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
  });
  boss.on('error', (error) => options.log('follow-up jobs: pg-boss error', error));
  const { service } = options;
  let started = false;
  let stopping = false;
  let tickWorker: string | undefined;
  const dispatchWorkers: string[] = [];

  // The last sends of slices whose tenant a newer job has already taken over.
  const tails = new Set<Promise<void>>();

  async function queue(ready: { tenantId: string; ready: number }[]): Promise<void> {
    if (!ready.length) return;
    // One insert for all; a tenant whose job is still waiting is skipped by the stately queue.
    await boss.insert(
      ready.map((r) => {
        const priority = Math.min(r.ready, 10_000);
        return { name: DISPATCH_QUEUE, data: { tenantId: r.tenantId, priority }, singletonKey: r.tenantId, priority };
      }),
    );
    // This instance's workers start on them now rather than at their next poll.
    for (const id of dispatchWorkers) boss.notifyWorker(id);
  }

  async function tick(): Promise<void> {
    const stale = await service.reapStale();
    if (stale) options.log(`follow-ups: ${stale} reminder(s) of a stopped worker marked uncertain (not resent)`);
    // Each chunk's tenants are queued as soon as they are planned: the biggest (planned first,
    // alone) sends while the others are still being planned.
    await service.planAll(async (planned) => queue(await service.readyTenants(planned)));
    if (options.alsoOnTick) await options.alsoOnTick().catch((error: unknown) => options.log('follow-up tick: a timed post failed', error));
  }

  /**
   * One slice of a tenant's dispatch. When the slice runs out, the next job for the tenant is
   * queued and this one completed at once, while its last sends are still on their way (they
   * finish here, in the background): the next slice claims meanwhile, so the tenant's places
   * are not left idle at every hand-over. pg-boss completes a job only after its handler and
   * without waiting, and the stately policy holds the next job back until then.
   */
  async function dispatchSlice(job: PgBoss.Job<DispatchJob>, notifySelf: () => void): Promise<void> {
    const { tenantId, priority = 0 } = job.data;
    const sliceEnds = Date.now() + DISPATCH_SLICE_SECONDS * 1000;
    let sliceOver = false;
    let handOver: () => void = () => undefined;
    const handedOver = new Promise<'slice'>((resolve) => (handOver = () => resolve('slice')));
    const dispatch = measureJob(
      'follow-up.dispatch',
      () =>
        service.dispatchTenant(tenantId, {
          shouldStop: () => stopping || Date.now() >= sliceEnds,
          onStopped: () => {
            sliceOver = !stopping;
            handOver();
          },
        }),
      { 'kansrijk.tenant_id': tenantId },
    );
    const finished = dispatch.then(() => 'done' as const);
    // A failure after the hand-over is the tail's to report (below); before it, the race's.
    finished.catch(() => undefined);
    try {
      const first = await Promise.race([finished, handedOver]);
      if (!sliceOver || stopping) {
        await dispatch;
        return;
      }
      // The slice ran out (not the work, perhaps): the next job goes on where this one stopped.
      // Queued while this one is still active, which the stately policy allows once per tenant.
      // It keeps its place in the order (biggest first): a continuation queued behind every
      // tenant not yet started would leave the biggest tenant, the one that sets the dispatch's
      // length, idle until all the others were done.
      await boss.send(DISPATCH_QUEUE, { tenantId, priority }, { singletonKey: tenantId, priority });
      if (first === 'done') return;
      const tail: Promise<void> = dispatch
        .then(
          () => undefined,
          (error: unknown) => options.log(`follow-up dispatch: the last sends of a slice for tenant ${tenantId} failed`, error),
        )
        .finally(() => tails.delete(tail));
      tails.add(tail);
      await boss.complete(DISPATCH_QUEUE, job.id);
    } finally {
      // pg-boss would otherwise sleep out the polling interval after every job, so an
      // instance would get through only `concurrency` tenants per interval: go on at once.
      notifySelf();
    }
  }

  return {
    async start() {
      await boss.start();
      await ensureQueues(boss);
      await boss.schedule(TICK_QUEUE, options.cron ?? '*/5 * * * *', {}, { tz: TIME_ZONE });
      const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
      tickWorker = await boss.work(TICK_QUEUE, polling, async () => measureJob('follow-up.tick', tick));
      for (let i = 0; i < (options.concurrency ?? DEFAULT_TENANT_CONCURRENCY); i++) {
        const self: { id?: string } = {};
        self.id = await boss.work<DispatchJob>(DISPATCH_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
          if (job) await dispatchSlice(job, () => self.id && boss.notifyWorker(self.id));
        });
        dispatchWorkers.push(self.id);
      }
      started = true;
    },
    async trigger() {
      await boss.send(TICK_QUEUE, {});
      if (tickWorker) boss.notifyWorker(tickWorker);
    },
    async stop() {
      if (!started) return;
      started = false;
      stopping = true;
      // Graceful: running dispatches claim nothing more and finish what is in flight; nothing new is fetched.
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
      await Promise.allSettled([...tails]);
    },
  };
}
