import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/database';
import { answerSlots, pauseScopes, readScope, takeSlots, type ScopeWindow, type SlotRequest } from '../data/rate-window-repository';
import { WINDOW_MARGIN_MS, type LimitKey, type RateWindows } from './teams-rate-limits';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Collects the calls of one tenant made in the same turn of the event loop and runs them as one
 * (a dispatch batch's sends all ask at once): one round trip for the lot instead of one each.
 */
function perTenantBatches<In, Out>(run: (tenantId: string, inputs: In[]) => Promise<Out[]>): (tenantId: string, input: In) => Promise<Out> {
  interface Waiting {
    input: In;
    resolve: (out: Out) => void;
    reject: (error: unknown) => void;
  }
  const pending = new Map<string, Waiting[]>();
  const flush = (tenantId: string, batch: Waiting[]): void => {
    pending.delete(tenantId);
    run(
      tenantId,
      batch.map((w) => w.input),
    ).then(
      (outs) => batch.forEach((w, i) => w.resolve(outs[i]!)),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  };
  return (tenantId, input) =>
    new Promise<Out>((resolve, reject) => {
      let batch = pending.get(tenantId);
      if (!batch) {
        const fresh: Waiting[] = [];
        batch = fresh;
        pending.set(tenantId, fresh);
        setImmediate(() => flush(tenantId, fresh));
      }
      batch.push({ input, resolve, reject });
    });
}

/**
 * Teams' rate windows kept in PostgreSQL (migration 0014), so that all instances count the
 * same sends: two dispatchers of one tenant together stay inside its limits, and a tenant
 * whose dispatch moves to another instance keeps its window. Taking places is one round trip
 * per batch (rate_window_take); the windows' arithmetic is the same as the in-memory limiter's.
 */
export function createSharedRateWindows(
  db: Db,
  options: {
    /** Extra time added to every window, for whatever the answer time does not cover. */
    marginMs?: number;
    /** While every place is held by an unanswered send (here or on another instance), look again this often. */
    pollMs?: number;
  } = {},
): RateWindows {
  const marginMs = options.marginMs ?? WINDOW_MARGIN_MS;
  const pollMs = options.pollMs ?? 10;
  // Sends answered here wake the waiters here at once; other instances' answers are seen by polling.
  let answered: (() => void)[] = [];
  const wake = (): void => {
    const waiting = answered;
    answered = [];
    for (const resolve of waiting) resolve();
  };
  const pauseFor = async (wait: number): Promise<void> => {
    if (Number.isFinite(wait)) return sleep(Math.max(1, Math.ceil(wait)));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      answered.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  const scopeWindows = (keys: LimitKey[]): ScopeWindow[] => keys.flatMap(({ key, windows }) => windows.map((w) => ({ scope: key, limit: w.limit, spanMs: w.ms + marginMs })));

  const take = perTenantBatches<SlotRequest, number>((tenantId, requests) =>
    takeSlots(db, tenantId, requests, Math.max(...requests.flatMap((r) => r.windows.map((w) => w.spanMs)))),
  );
  // An answer marked a moment late only makes its window end later: safe to gather them too.
  const answer = perTenantBatches<string, void>(async (tenantId, bookingIds) => {
    try {
      await answerSlots(db, tenantId, bookingIds);
    } finally {
      wake();
    }
    return bookingIds.map(() => undefined);
  });

  return {
    async acquire(tenantId, keys) {
      const request: SlotRequest = { bookingId: randomUUID(), windows: scopeWindows(keys) };
      for (;;) {
        const wait = await take(tenantId, request);
        if (wait <= 0) break;
        await pauseFor(wait);
      }
      let done = false;
      return async () => {
        if (done) return;
        done = true;
        await answer(tenantId, request.bookingId);
      };
    },

    async room(tenantId, keys, atMost, atLeast = 1, aheadMs = 0) {
      const wanted = Math.max(1, Math.min(atLeast, atMost));
      for (;;) {
        let wait = 0;
        let free = atMost;
        for (const { key, windows } of keys) {
          const longest = Math.max(...windows.map((w) => w.ms)) + marginMs;
          const { at, pausedUntil, untils } = await readScope(db, tenantId, key, longest, aheadMs);
          wait = Math.max(wait, pausedUntil - at);
          for (const w of windows) {
            const span = w.ms + marginMs;
            const counting = untils.filter((u) => u > at - span);
            free = Math.min(free, w.limit - counting.length);
            // Not enough yet: wait for the send whose leaving makes `wanted` places (untils are sorted).
            if (w.limit - counting.length < wanted) wait = Math.max(wait, counting[Math.min(counting.length - 1, counting.length - w.limit + wanted - 1)]! + span - at);
          }
        }
        if (wait <= 0) return Math.max(1, free);
        await pauseFor(wait);
      }
    },

    async pause(tenantId, keys, ms) {
      await pauseScopes(db, tenantId, keys, ms);
    },
  };
}
