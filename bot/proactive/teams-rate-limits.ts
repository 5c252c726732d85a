/*
 * Keeps proactive sends inside Teams' limits before Teams has to say 429: per bot per
 * conversation 7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour; per app per tenant 50 in 1 s.
 * Sliding windows (not token buckets, which allow a burst at a window's edge). Teams counts a
 * request when it arrives, which is somewhere between the moment it leaves and the moment its
 * answer is back; with several sends in flight they may even arrive out of order. So a send
 * counts from its start until its answer plus the window (while unanswered, it simply counts),
 * with a small margin on top. That is enough: whenever Teams saw a send arrive, it was after its
 * start and before its answer on our clock, so two sends that our windows keep apart also arrived
 * apart. The margin only covers clock resolution; a wider one would cost dispatch speed (40 ms on
 * a 1 s window is 4 %) and buy nothing.
 */
export const WINDOW_MARGIN_MS = 5;
export interface Window {
  limit: number;
  ms: number;
}

export const conversationWindows: Window[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];
export const tenantWindows: Window[] = [{ limit: 50, ms: 1_000 }];

export interface LimitKey {
  key: string;
  windows: Window[];
}

/**
 * Teams' rate windows as the messenger uses them. Keys belong to one tenant (the tenant's own
 * key and its conversations'), so that windows shared between instances can be kept per tenant.
 */
export interface RateWindows {
  /** Waits until a send may go out under all these keys and books it; call the result when it is answered. */
  acquire(tenantId: string, keys: LimitKey[]): Promise<() => Promise<void>>;
  /** How many sends could go out `aheadMs` from now (at most `atMost`); waits until `atLeast` could. */
  room(tenantId: string, keys: LimitKey[], atMost: number, atLeast?: number, aheadMs?: number): Promise<number>;
  /** After a 429/503: nothing goes to these keys until Retry-After has passed. */
  pause(tenantId: string, keys: string[], ms: number): Promise<void>;
}

/** One process's windows (tests, a single instance): the limiter below, behind RateWindows. */
export function inMemoryRateWindows(limiter = new SlidingWindowLimiter()): RateWindows {
  return {
    async acquire(_tenantId, keys) {
      const answered = await limiter.acquire(keys);
      return () => {
        answered();
        return Promise.resolve();
      };
    },
    room: (_tenantId, keys, atMost, atLeast, aheadMs) => limiter.room(keys, atMost, atLeast, aheadMs),
    pause(_tenantId, keys, ms) {
      for (const key of keys) limiter.pause(key, ms);
      return Promise.resolve();
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A booked send: `until` is when it was answered, Infinity while it is still in flight. */
interface Booking {
  until: number;
}

export class SlidingWindowLimiter {
  private readonly sent = new Map<string, Booking[]>();
  private readonly pausedUntil = new Map<string, number>();
  private answered: (() => void)[] = [];
  private recorded = 0;

  constructor(
    /** Extra time added to every window, for whatever the answer time does not cover. */
    private readonly marginMs = WINDOW_MARGIN_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Sends booked under a key that still count at `at` (in flight, or answered less than a window ago). */
  private counting(key: string, span: number, at: number): Booking[] {
    return (this.sent.get(key) ?? []).filter((b) => b.until > at - span);
  }

  /** How long to wait before one more send under all these keys is allowed (0: now; Infinity: until an answer comes). */
  private waitFor(keys: LimitKey[], at: number): number {
    let wait = 0;
    for (const { key, windows } of keys) {
      wait = Math.max(wait, (this.pausedUntil.get(key) ?? 0) - at);
      for (const w of windows) {
        const span = w.ms + this.marginMs;
        const counting = this.counting(key, span, at);
        if (counting.length < w.limit) continue;
        // The booking whose leaving brings the count under the limit decides when a slot frees up.
        const leaving = counting.map((b) => b.until).sort((a, b) => a - b)[counting.length - w.limit]!;
        wait = Math.max(wait, leaving + span - at);
      }
    }
    return wait;
  }

  /** Sleeps until `wait` has passed, or until a send is answered when only that can make room. */
  private async pauseFor(wait: number): Promise<void> {
    if (Number.isFinite(wait)) {
      await sleep(Math.max(1, Math.ceil(wait)));
      return;
    }
    await new Promise<void>((resolve) => this.answered.push(resolve));
  }

  /**
   * Resolves when a send may go out, and books it (check and booking in one tick). Call the
   * returned function when the send's answer (or failure) is back: from then on its window runs.
   */
  async acquire(keys: LimitKey[]): Promise<() => void> {
    for (;;) {
      const wait = this.waitFor(keys, this.now());
      if (wait <= 0) return this.record(keys);
      await this.pauseFor(wait);
    }
  }

  /**
   * Books a send without asking whether it may go (a mirror of bookings some other limiter
   * granted); the result is called when it is answered, as acquire's.
   */
  record(keys: LimitKey[]): () => void {
    const at = this.now();
    const booking: Booking = { until: Number.POSITIVE_INFINITY };
    for (const { key, windows } of keys) {
      const longest = Math.max(...windows.map((w) => w.ms)) + this.marginMs;
      const kept = this.counting(key, longest, at);
      kept.push(booking);
      this.sent.set(key, kept);
    }
    // Keys no send counts in any more (a chat messaged once) are dropped now and then.
    if (++this.recorded % 1_000 === 0) this.sweep(at);
    return () => {
      if (Number.isFinite(booking.until)) return;
      booking.until = this.now();
      const waiting = this.answered;
      this.answered = [];
      for (const resolve of waiting) resolve();
    };
  }

  private sweep(at: number): void {
    const longest = Math.max(...[...conversationWindows, ...tenantWindows].map((w) => w.ms)) + this.marginMs;
    for (const [key, bookings] of this.sent) if (bookings.every((b) => b.until <= at - longest)) this.sent.delete(key);
    for (const [key, until] of this.pausedUntil) if (until <= at) this.pausedUntil.delete(key);
  }

  /**
   * How many sends under these keys could go out `aheadMs` from now, at most `atMost`; waits
   * until at least `atLeast` (capped at `atMost`) could. Books nothing: each send still acquires.
   * Looking a little ahead lets a caller get its messages ready for the moment places free up.
   */
  async room(keys: LimitKey[], atMost: number, atLeast = 1, aheadMs = 0): Promise<number> {
    const wanted = Math.max(1, Math.min(atLeast, atMost));
    for (;;) {
      const at = this.now() + aheadMs;
      let wait = this.waitFor(keys, at);
      if (wait <= 0) {
        let free = atMost;
        for (const { key, windows } of keys) {
          for (const w of windows) {
            const span = w.ms + this.marginMs;
            const counting = this.counting(key, span, at);
            free = Math.min(free, w.limit - counting.length);
            // Not enough yet: wait for the booking whose leaving makes `wanted` places.
            if (w.limit - counting.length < wanted) {
              const leaving = counting.map((b) => b.until).sort((a, b) => a - b)[counting.length - w.limit + wanted - 1]!;
              wait = Math.max(wait, leaving + span - at);
            }
          }
        }
        if (wait <= 0) return Math.max(1, free);
      }
      await this.pauseFor(wait);
    }
  }

  /** After a 429/503: nothing goes to this key until Retry-After has passed. */
  pause(key: string, ms: number): void {
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, this.now() + ms));
  }
}

/** Exponential backoff with full jitter, used when Teams throttles without a Retry-After. */
export function backoffMs(attempt: number, baseMs = 500, capMs = 30_000): number {
  return Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
}
