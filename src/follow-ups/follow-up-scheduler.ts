import PgBoss from 'pg-boss';
import { TIME_ZONE } from '../shared/time';
import type { FollowUpService } from './follow-up-service';

export const TICK_QUEUE = 'kansrijk-follow-ups-tick';
export const DISPATCH_QUEUE = 'kansrijk-follow-ups-dispatch';

/** Tenants one instance serves at once. Each mostly waits on Teams' per-tenant limit. */
export const DEFAULT_TENANT_CONCURRENCY = 8;

export interface FollowUpRunnerOptions {
  connectionString: string;
  service: FollowUpService;
  log: (message: string, error?: unknown) => void;
  /** How many tenants one instance serves at once. */
  concurrency?: number;
  /** When to plan and hand out work (cron, Brussels time). */
  cron?: string;
  pollingIntervalSeconds?: number;
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
 *  - dispatch jobs use the 'stately' policy keyed by tenant, so at most one instance sends for a
 *    tenant at any moment: Teams' per-tenant and per-conversation limits can then be kept by
 *    that instance alone. The per-row claim in the sent log still guards against duplicates.
 */
export function createFollowUpRunner(options: FollowUpRunnerOptions): FollowUpRunner {
  const boss = new PgBoss({ connectionString: options.connectionString, schema: 'pgboss', max: 4, application_name: 'kansrijk-follow-ups' });
  boss.on('error', (error) => options.log('follow-up jobs: pg-boss error', error));
  const { service } = options;
  let started = false;
  let stopping = false;
  let tickWorker: string | undefined;
  const dispatchWorkers: string[] = [];

  async function tick(): Promise<void> {
    const stale = await service.reapStale();
    if (stale) options.log(`follow-ups: ${stale} reminder(s) of a stopped worker marked uncertain (not resent)`);
    await service.planAll();
    const ready = await service.readyTenants();
    if (!ready.length) return;
    // One insert for all; a tenant whose job is still waiting is skipped by the stately queue.
    await boss.insert(ready.map((r) => ({ name: DISPATCH_QUEUE, data: { tenantId: r.tenantId }, singletonKey: r.tenantId, priority: Math.min(r.ready, 10_000) })));
    // This instance's workers start on them now rather than at their next poll.
    for (const id of dispatchWorkers) boss.notifyWorker(id);
  }

  return {
    async start() {
      await boss.start();
      await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: 'singleton', retryLimit: 1, expireInSeconds: 600 });
      await boss.createQueue(DISPATCH_QUEUE, { name: DISPATCH_QUEUE, policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800 });
      await boss.schedule(TICK_QUEUE, options.cron ?? '*/5 * * * *', {}, { tz: TIME_ZONE });
      const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
      tickWorker = await boss.work(TICK_QUEUE, polling, async () => tick());
      for (let i = 0; i < (options.concurrency ?? DEFAULT_TENANT_CONCURRENCY); i++) {
        const self: { id?: string } = {};
        self.id = await boss.work<{ tenantId: string }>(DISPATCH_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
          if (!job) return;
          try {
            await service.dispatchTenant(job.data.tenantId, { shouldStop: () => stopping });
          } finally {
            // pg-boss would otherwise sleep out the polling interval after every job, so an
            // instance would get through only `concurrency` tenants per interval: go on at once.
            if (self.id) boss.notifyWorker(self.id);
          }
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
    },
  };
}
