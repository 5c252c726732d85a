/*
 * Keeps proactive sends inside Teams' limits before Teams has to say 429: per bot per
 * conversation 7 in 1 s, 8 in 2 s, 60 in 30 s, 1800 in an hour; per app per tenant 50 in 1 s.
 * Sliding windows (not token buckets, which allow a burst at a window's edge), with a margin
 * because the limits are counted where the requests arrive, not where they leave.
 */
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    /** Extra time added to every window: network jitter must not push two sends into one window. */
    private readonly marginMs = 40,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How long to wait before one more send under all these keys is allowed (0: now). */
  private waitFor(keys: { key: string; windows: Window[] }[], at: number): number {
    let wait = 0;
    for (const { key, windows } of keys) {
      wait = Math.max(wait, (this.pausedUntil.get(key) ?? 0) - at);
      const times = this.sent.get(key);
      if (!times) continue;
      for (const w of windows) {
        const span = w.ms + this.marginMs;
        // times is ascending; the send `limit` places back decides when a slot frees up.
        const inWindow = times.filter((t) => t > at - span);
        if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[inWindow.length - w.limit]! + span - at);
      }
    }
    return wait;
  }

  /** Resolves when a send may go out, and books it. Check and booking happen in one tick. */
  async acquire(keys: { key: string; windows: Window[] }[]): Promise<void> {
    for (;;) {
      const at = this.now();
      const wait = this.waitFor(keys, at);
      if (wait <= 0) {
        for (const { key, windows } of keys) {
          const longest = Math.max(...windows.map((w) => w.ms)) + this.marginMs;
          const times = (this.sent.get(key) ?? []).filter((t) => t > at - longest);
          times.push(at);
          this.sent.set(key, times);
        }
        return;
      }
      await sleep(Math.ceil(wait));
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
