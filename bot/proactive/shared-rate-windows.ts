import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/database';
import { answerSlots, bookSlots, pauseScopes, readScope, type Answer, type ScopeWindow, type SlotRequest } from '../data/rate-window-repository';
import { ClockBounds } from './clock-bounds';
import { SlidingWindowLimiter, WINDOW_MARGIN_MS, type LimitKey, type RateWindows } from './teams-rate-limits';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How far ahead a free place is booked: more than a claim and the reading of its messages take under load. */
export const BOOK_AHEAD_MS = 2_000;
/**
 * A booking still unanswered this long after its start counts as answered then: its instance
 * died mid-send (kill -9). As long as a dead dispatch job lasts (DISPATCH_SLICE_SECONDS plus its
 * expiry), so the tenant's places come back about when another instance takes its work over;
 * a live send is answered (or given up) far sooner.
 */
export const IN_FLIGHT_BOUND_MS = 15_000;

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
 * per batch (rate_window_book); the windows' arithmetic is the same as the in-memory limiter's.
 * A place that frees up within `bookAheadMs` is booked at once and the send waits for it here, so
 * the sends prepared for a window's next places leave the moment they may, with no round trip
 * in between.
 */
export function createSharedRateWindows(
  db: Db,
  options: {
    /** Extra time added to every window, for whatever the answer time does not cover. */
    marginMs?: number;
    /** While every place is held by an unanswered send (here or on another instance), look again this often. */
    pollMs?: number;
    /** Book a place that frees up within this long, and wait for it here. */
    bookAheadMs?: number;
    /** A booking unanswered this long after its start belongs to an instance that died mid-send. */
    flightMs?: number;
  } = {},
): RateWindows {
  const marginMs = options.marginMs ?? WINDOW_MARGIN_MS;
  const pollMs = options.pollMs ?? 50;
  const bookAheadMs = options.bookAheadMs ?? BOOK_AHEAD_MS;
  const flightMs = options.flightMs ?? IN_FLIGHT_BOUND_MS;
  // Sends answered here wake the tenant's waiters here at once; other instances' answers (only
  // while another instance sends for the same tenant, which is rare) are seen by polling. Per
  // tenant: every wake is a query per waiter, and other tenants' answers make no room here.
  const answered = new Map<string, (() => void)[]>();
  const wake = (tenantId: string): void => {
    const waiting = answered.get(tenantId) ?? [];
    answered.delete(tenantId);
    for (const resolve of waiting) resolve();
  };
  const pauseFor = async (tenantId: string, wait: number): Promise<void> => {
    if (Number.isFinite(wait)) return sleep(Math.max(1, Math.ceil(wait)));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      const waiting = answered.get(tenantId) ?? [];
      answered.set(tenantId, waiting);
      waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  // This instance's own bookings, mirrored: room() only says when claiming is worth it (book()
  // alone decides, counting every instance's sends). While this instance is sending for a tenant
  // it answers from here, without a round trip before every claim; a slice that starts here
  // after another instance's reads the database, so that it claims no more than may go soon (a
  // reminder claimed and not sent when its instance dies is never sent).
  const mine = new SlidingWindowLimiter(marginMs);
  const lastBooked = new Map<string, number>();
  const scopeWindows = (keys: LimitKey[]): ScopeWindow[] => keys.flatMap(({ key, windows }) => windows.map((w) => ({ scope: key, limit: w.limit, spanMs: w.ms + marginMs })));

  // Every booking reads the database's clock: what this instance learns of the two clocks' offset.
  const clocks = new ClockBounds();
  const book = perTenantBatches<SlotRequest, { wait: number; at: number; received: number }>(async (tenantId, requests) => {
    const booked = await bookSlots(db, tenantId, requests, Math.max(...requests.flatMap((r) => r.windows.map((w) => w.spanMs))), bookAheadMs, flightMs);
    clocks.observe(booked.sent, booked.received, booked.at);
    return booked.waits.map((wait) => ({ wait, at: booked.at, received: booked.received }));
  });
  // Gathered too: each answer keeps its own time (answerSlots), so gathering delays no window.
  const answer = perTenantBatches<Answer, void>(async (tenantId, answers) => {
    try {
      await answerSlots(db, tenantId, answers);
    } finally {
      wake(tenantId);
    }
    return answers.map(() => undefined);
  });

  return {
    async acquire(tenantId, keys) {
      const request: SlotRequest = { bookingId: randomUUID(), windows: scopeWindows(keys) };
      let mirrored: () => void;
      for (;;) {
        const { wait, at, received } = await book(tenantId, request);
        if (wait <= bookAheadMs) {
          // Mirrored from the booking on, as the database counts it (room() below).
          mirrored = mine.record(keys);
          lastBooked.set(tenantId, performance.now());
          // The place frees at `at + wait` on the database's clock at the latest: here, at that
          // moment minus the offset's lower bound; never later than `wait` after the answer.
          const sendAt = Math.min(received + wait, at + wait - clocks.low(performance.now()));
          for (let left = sendAt - performance.now(); left > 0; left = sendAt - performance.now()) await sleep(Math.ceil(left));
          break;
        }
        // Not booked: look again when it would be (or, while only an answer can make room, at the next answer).
        await pauseFor(tenantId, Number.isFinite(wait) ? wait - bookAheadMs : wait);
      }
      let done = false;
      return async () => {
        if (done) return;
        done = true;
        mirrored();
        const answeredAt = performance.now();
        await answer(tenantId, { bookingId: request.bookingId, answeredAt, answeredAtDb: answeredAt + clocks.high(answeredAt) });
      };
    },

    async room(tenantId, keys, atMost, atLeast = 1, aheadMs = 0) {
      // Booked here within a window's span: this instance is the one sending for the tenant now.
      const booked = lastBooked.get(tenantId);
      const span = Math.max(...keys.flatMap((k) => k.windows.map((w) => w.ms))) + marginMs;
      if (booked !== undefined && performance.now() - booked < span) return mine.room(keys, atMost, atLeast, aheadMs);
      const wanted = Math.max(1, Math.min(atLeast, atMost));
      for (;;) {
        let wait = 0;
        let free = atMost;
        for (const { key, windows } of keys) {
          const longest = Math.max(...windows.map((w) => w.ms)) + marginMs;
          const { at, pausedUntil, untils } = await readScope(db, tenantId, key, longest, aheadMs, flightMs);
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
        await pauseFor(tenantId, wait);
      }
    },

    async pause(tenantId, keys, ms) {
      for (const key of keys) mine.pause(key, ms);
      await pauseScopes(db, tenantId, keys, ms);
    },
  };
}
