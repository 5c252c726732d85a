import { sql, type Kysely } from 'kysely';

/*
 * Booking a place in Teams' rate windows ahead of the moment it frees up (issue 12). With 0014's
 * rate_window_take a send could only be booked once its place was free, so every window's next
 * sends waited for one more locked round trip after the window had opened: paid some thirty
 * times over a large tenant's dispatch. rate_window_book books a send whose place frees within
 * p_ahead_ms and answers how long to wait before sending it. That is as safe as booking at the
 * moment itself: the booking counts for everyone from now on (until its answer plus the window),
 * and the wait is the one the same check would find at that moment, given what counts now.
 *
 * It also ends what 0014 left open for good: a booking whose instance died before the answer
 * (kill -9 mid-send) counted forever, since only an answer starts its window. A booking still
 * unanswered p_flight_ms after its planned start now counts as answered then (the transport gives
 * up on a send long before that), so a dead instance's sends take their tenant's places for a
 * bounded time rather than for ever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table rate_window_slot add column starts_ms double precision;

-- As rate_window_take (0014), p_items the same; books every item whose wait is at most p_ahead_ms.
-- Returns one number per item: its wait in ms (booked when <= p_ahead_ms; 0: may go now), else
-- how long until a try may book it (infinity: until a send in flight is answered).
create function rate_window_book(p_tenant text, p_items jsonb, p_keep_ms double precision, p_ahead_ms double precision, p_flight_ms double precision)
returns double precision[]
language plpgsql volatile
as $fn$
declare
  now_ms double precision;
  waits double precision[] := '{}';
  item jsonb;
  w jsonb;
  wait double precision;
  counted int;
  leaving double precision;
begin
  perform pg_advisory_xact_lock(hashtextextended(p_tenant, 7014));
  now_ms := extract(epoch from clock_timestamp()) * 1000;
  -- Unanswered far past its start: its instance is gone; its window runs from that bound.
  update rate_window_slot set until_ms = coalesce(starts_ms, now_ms - p_flight_ms) + p_flight_ms
    where tenant_id = p_tenant and until_ms = 'infinity'::double precision and coalesce(starts_ms, 0) < now_ms - p_flight_ms;
  delete from rate_window_slot where tenant_id = p_tenant and until_ms < now_ms - p_keep_ms;
  for item in select value from jsonb_array_elements(p_items) loop
    select greatest(0, coalesce(max(paused_until_ms), 0) - now_ms) into wait
      from rate_window_pause
      where tenant_id = p_tenant and scope in (select x->>'s' from jsonb_array_elements(item->'w') as x);
    for w in select value from jsonb_array_elements(item->'w') loop
      select count(*) into counted from rate_window_slot
        where tenant_id = p_tenant and scope = w->>'s' and until_ms > now_ms - (w->>'m')::double precision;
      if counted >= (w->>'l')::int then
        -- The send whose leaving brings the count under the limit decides when a place frees up
        -- (bookings still to go out are unanswered: they sort last and never leave first).
        select until_ms into leaving from rate_window_slot
          where tenant_id = p_tenant and scope = w->>'s' and until_ms > now_ms - (w->>'m')::double precision
          order by until_ms offset counted - (w->>'l')::int limit 1;
        wait := greatest(wait, leaving + (w->>'m')::double precision - now_ms);
      end if;
    end loop;
    if wait <= p_ahead_ms then
      insert into rate_window_slot (tenant_id, booking_id, scope, until_ms, starts_ms)
        select distinct p_tenant, (item->>'b')::uuid, x->>'s', 'infinity'::double precision, now_ms + wait from jsonb_array_elements(item->'w') as x;
    end if;
    waits := waits || wait;
  end loop;
  return waits;
end
$fn$;
-- rate_window_book replaces it; nothing calls it any more.
drop function if exists rate_window_take(text, jsonb, double precision);
`.execute(db);
}

/** For development: rate_window_take is not put back (0014's down drops what remains). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop function rate_window_book(text, jsonb, double precision, double precision, double precision);
alter table rate_window_slot drop column starts_ms;
`.execute(db);
}
