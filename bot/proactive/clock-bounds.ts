/*
 * Bounds on the offset between the database's clock and this process's (performance.now()),
 * learnt from statements that read the database's clock: a statement handed to the pool at local
 * time s and answered at r read the database clock T while it ran, so the offset
 * (database − local) lies within [T − r, T − s]. The tightest bounds come from the fastest recent
 * round trips: a few milliseconds tighter under load than the one statement at hand gives.
 *
 * The shared rate windows use them where one statement's own interval cost every window its
 * round trip: a booked place frees at database time F, so sending at local time F − low() is
 * never early; a send answered at local time A was answered, on the database's clock, no later
 * than A + high(). Both hold as long as the two clocks keep their pace within `driftPerMs` over
 * `keepMs`; a step of the database's clock is what the margin on every window covers.
 */
export class ClockBounds {
  private observations: { sent: number; received: number; at: number }[] = [];

  constructor(
    private readonly keepMs = 2_000,
    /** How far the two clocks may drift apart per millisecond: 1e-4 is 100 ppm, more than two NTP-kept clocks do. */
    private readonly driftPerMs = 1e-4,
  ) {}

  /** A statement handed over at `sent`, answered at `received` (local), that read the database's clock as `at`. */
  observe(sent: number, received: number, at: number): void {
    if (!(received >= sent) || !Number.isFinite(at)) return;
    const kept = this.observations.filter((o) => o.received > received - this.keepMs);
    kept.push({ sent, received, at });
    this.observations = kept;
  }

  /** Never above the true offset (−Infinity before any observation). */
  low(now: number): number {
    let best = Number.NEGATIVE_INFINITY;
    for (const o of this.observations) best = Math.max(best, o.at - o.received - this.driftPerMs * Math.max(0, now - o.received));
    return best;
  }

  /** Never below the true offset (Infinity before any observation). */
  high(now: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const o of this.observations) best = Math.min(best, o.at - o.sent + this.driftPerMs * Math.max(0, now - o.sent));
    return best;
  }
}
