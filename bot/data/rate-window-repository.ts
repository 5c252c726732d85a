import { sql } from 'kysely';
import { prepared, type Db } from '../../src/db/database';

/** One window of one scope, as rate_window_book (migrations 0014, 0020) is given it. */
export interface ScopeWindow {
  scope: string;
  limit: number;
  /** The window plus the margin, in ms. */
  spanMs: number;
}

/** One send to book: its id and every window of every scope it counts in. */
export interface SlotRequest {
  bookingId: string;
  windows: ScopeWindow[];
}

/**
 * Books sends of one tenant in order, each in all its scopes or none (one round trip for the
 * batch). Per request, its wait in ms: booked when at most `aheadMs` (send it once that wait has
 * passed; 0: now), otherwise not booked, and how long until a try may succeed (Infinity while
 * only an answer can make room). A booking left unanswered `flightMs` after its start counts as
 * answered then (migration 0020). `at` is the database's clock (epoch ms) read after the booking,
 * so `at + wait` is never before the place frees; `sent` and `received` are this process's
 * clock (performance.now()) around the statement.
 */
export async function bookSlots(
  db: Db,
  tenantId: string,
  requests: SlotRequest[],
  keepMs: number,
  aheadMs: number,
  flightMs: number,
): Promise<{ waits: number[]; at: number; sent: number; received: number }> {
  const items = JSON.stringify(requests.map((r) => ({ b: r.bookingId, w: r.windows.map((w) => ({ s: w.scope, l: w.limit, m: w.spanMs })) })));
  const sent = performance.now();
  // Materialized: the clock is read once the booking is done, never before.
  const { rows } = await sql<{ waits: number[]; at: number }>`
    with booked as materialized (
      select rate_window_book(${tenantId}, ${items}::jsonb, ${keepMs}::double precision, ${aheadMs}::double precision, ${flightMs}::double precision) as waits
    )
    select booked.waits, extract(epoch from clock_timestamp()) * 1000 as at from booked
    ${prepared}`.execute(db);
  const received = performance.now();
  return { waits: rows[0]!.waits.map(Number), at: Number(rows[0]!.at), sent, received };
}

/**
 * An answered send: its booking, when its answer came (performance.now() of this process), and
 * an upper bound of that moment on the database's clock if one is known (ClockBounds.high).
 */
export interface Answer {
  bookingId: string;
  answeredAt: number;
  answeredAtDb?: number;
}

/**
 * These sends are answered: their windows run from their answers, on the database's clock. Each
 * answer came some time before this statement is handed to the pool (a batch being gathered, the
 * event loop busy), and the statement runs after that, so the database's "now" minus that time is
 * never earlier than the answer: a window still never starts too soon, and no longer starts late
 * by what the answer waited here (paid once per window, some thirty times in a large dispatch).
 * Where the caller knows a tighter bound (answeredAtDb, from the clocks' offset), the earlier of
 * the two is kept: each is never before the answer.
 */
export async function answerSlots(db: Db, tenantId: string, answers: Answer[]): Promise<void> {
  const at = performance.now();
  await sql`
    update rate_window_slot s set until_ms = least(extract(epoch from clock_timestamp()) * 1000 - a.ago_ms, a.bound_ms)
    from unnest(
      ${answers.map((a) => a.bookingId)}::uuid[],
      ${answers.map((a) => Math.max(0, Math.floor(at - a.answeredAt)))}::double precision[],
      ${answers.map((a) => (a.answeredAtDb !== undefined && Number.isFinite(a.answeredAtDb) ? Math.ceil(a.answeredAtDb) : null))}::double precision[]
    ) as a(booking_id, ago_ms, bound_ms)
    where s.tenant_id = ${tenantId} and s.booking_id = a.booking_id
    ${prepared}`.execute(db);
}

/** After a 429/503: the scopes stay closed until Retry-After has passed. */
export async function pauseScopes(db: Db, tenantId: string, scopes: string[], ms: number): Promise<void> {
  await sql`
    insert into rate_window_pause (tenant_id, scope, paused_until_ms)
    select ${tenantId}, s, extract(epoch from clock_timestamp()) * 1000 + ${ms}::double precision from unnest(${scopes}::text[]) as s
    on conflict (tenant_id, scope) do update set paused_until_ms = greatest(rate_window_pause.paused_until_ms, excluded.paused_until_ms)
    ${prepared}`.execute(db);
}

/**
 * What counts in a scope `aheadMs` from now: the sends' until times, the pause, and that moment.
 * A booking unanswered `flightMs` after its start counts as answered then, as rate_window_book
 * counts it.
 */
export async function readScope(
  db: Db,
  tenantId: string,
  scope: string,
  spanMs: number,
  aheadMs: number,
  flightMs: number,
): Promise<{ at: number; pausedUntil: number; untils: number[] }> {
  const { rows } = await sql<{ at: number; paused_until: number | null; untils: number[] | null }>`
    with now as (select extract(epoch from clock_timestamp()) * 1000 as ms),
    slot as (
      select case when s.until_ms = 'infinity'::double precision and coalesce(s.starts_ms, 0) < now.ms - ${flightMs}::double precision
                  then coalesce(s.starts_ms, now.ms - ${flightMs}::double precision) + ${flightMs}::double precision
                  else s.until_ms end as until_ms
      from rate_window_slot s, now
      where s.tenant_id = ${tenantId} and s.scope = ${scope}
    )
    select now.ms + ${aheadMs}::double precision as at,
      (select paused_until_ms from rate_window_pause p where p.tenant_id = ${tenantId} and p.scope = ${scope}) as paused_until,
      (select array_agg(until_ms order by until_ms) from slot where slot.until_ms > now.ms + ${aheadMs}::double precision - ${spanMs}::double precision) as untils
    from now
    ${prepared}`.execute(db);
  const row = rows[0]!;
  return { at: Number(row.at), pausedUntil: Number(row.paused_until ?? 0), untils: (row.untils ?? []).map(Number) };
}
