import { sql } from 'kysely';
import { prepared, type Db } from '../../src/db/database';

/** One window of one scope, as rate_window_take (migration 0014) is given it. */
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
 * batch). Per request: 0 when booked, otherwise how long until a try may succeed (Infinity
 * while only an answer can make room).
 */
export async function takeSlots(db: Db, tenantId: string, requests: SlotRequest[], keepMs: number): Promise<number[]> {
  const items = JSON.stringify(requests.map((r) => ({ b: r.bookingId, w: r.windows.map((w) => ({ s: w.scope, l: w.limit, m: w.spanMs })) })));
  const { rows } = await sql<{ waits: number[] }>`
    select rate_window_take(${tenantId}, ${items}::jsonb, ${keepMs}::double precision) as waits
    ${prepared}`.execute(db);
  return rows[0]!.waits.map(Number);
}

/** These sends are answered: from now (the database's clock) their windows run. */
export async function answerSlots(db: Db, tenantId: string, bookingIds: string[]): Promise<void> {
  await sql`
    update rate_window_slot set until_ms = extract(epoch from clock_timestamp()) * 1000
    where tenant_id = ${tenantId} and booking_id = any(${bookingIds}::uuid[])
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

/** What counts in a scope `aheadMs` from now: the sends' until times, the pause, and that moment. */
export async function readScope(db: Db, tenantId: string, scope: string, spanMs: number, aheadMs: number): Promise<{ at: number; pausedUntil: number; untils: number[] }> {
  const { rows } = await sql<{ at: number; paused_until: number | null; untils: number[] | null }>`
    with now as (select extract(epoch from clock_timestamp()) * 1000 + ${aheadMs}::double precision as at)
    select now.at,
      (select paused_until_ms from rate_window_pause p where p.tenant_id = ${tenantId} and p.scope = ${scope}) as paused_until,
      (select array_agg(until_ms order by until_ms) from rate_window_slot s
        where s.tenant_id = ${tenantId} and s.scope = ${scope} and s.until_ms > now.at - ${spanMs}::double precision) as untils
    from now
    ${prepared}`.execute(db);
  const row = rows[0]!;
  return { at: Number(row.at), pausedUntil: Number(row.paused_until ?? 0), untils: (row.untils ?? []).map(Number) };
}
