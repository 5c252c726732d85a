import PgBoss from 'pg-boss';
import { TIME_ZONE } from '../shared/time';
import type { FollowUpService } from './follow-up-service';

export const TICK_QUEUE = 'kansrijk-follow-ups-tick';
export const DISPATCH_QUEUE = 'kansrijk-follow-ups-dispatch';

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

  async function tick(): Promise<void> {
    const stale = await service.reapStale();
    if (stale) options.log(`follow-ups: ${stale} reminder(s) of a stopped worker marked uncertain (not resent)`);
    await service.planAll();
    for (const { tenantId, ready } of await service.readyTenants()) {
      await boss.send(DISPATCH_QUEUE, { tenantId }, { singletonKey: tenantId, priority: Math.min(ready, 10_000) });
    }
  }

  return {
    async start() {
      await boss.start();
      await boss.createQueue(TICK_QUEUE, { name: TICK_QUEUE, policy: 'singleton', retryLimit: 1, expireInSeconds: 600 });
      await boss.createQueue(DISPATCH_QUEUE, { name: DISPATCH_QUEUE, policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800 });
      await boss.schedule(TICK_QUEUE, options.cron ?? '*/5 * * * *', {}, { tz: TIME_ZONE });
      const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
      await boss.work(TICK_QUEUE, polling, async () => tick());
      for (let i = 0; i < (options.concurrency ?? 8); i++) {
        await boss.work<{ tenantId: string }>(DISPATCH_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
          if (job) await service.dispatchTenant(job.data.tenantId, { shouldStop: () => stopping });
        });
      }
      started = true;
    },
    async trigger() {
      await boss.send(TICK_QUEUE, {});
    },
    async stop() {
      if (!started) return;
      started = false;
      stopping = true;
      // Graceful: running dispatches finish their current reminder; nothing new is fetched.
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
