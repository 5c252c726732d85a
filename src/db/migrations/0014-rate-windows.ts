import { sql, type Kysely } from 'kysely';

/*
 * Teams' rate windows for proactive sends, shared by every instance: a tenant whose dispatch
 * moves to another instance (or runs on two) keeps the window it has, instead of starting
 * with an empty one. A sliding log: one row per send and scope ('tenant' or
 * 'conversation:<id>'), counting until its answer plus the window (while in flight, `until_ms`
 * is infinity, so it simply counts). Times are the database's clock, the one all instances share.
 *
 * rate_window_take books sends (a batch of them) in all their scopes or none, in one round trip. It is a function
 * rather than one statement because the check must read what the previous taker of the tenant
 * wrote: every take includes the tenant's own scope, so a transaction lock per tenant orders
 * them, and in READ COMMITTED each statement after the lock sees what committed before it
 * (a single statement would count with the snapshot it started with, before it got the lock).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table rate_window_slot (
  tenant_id text not null references tenant(id) on delete cascade,
  booking_id uuid not null,
  scope text not null,
  until_ms double precision not null,
  primary key (tenant_id, booking_id, scope)
);
create index rate_window_slot_scope on rate_window_slot (tenant_id, scope, until_ms);
create index rate_window_slot_old on rate_window_slot (tenant_id, until_ms);

create table rate_window_pause (
  tenant_id text not null references tenant(id) on delete cascade,
  scope text not null,
  paused_until_ms double precision not null,
  primary key (tenant_id, scope)
);

-- Books a batch of sends of one tenant, in order, each in all its scopes or none. p_items is
-- [{"b": booking uuid, "w": [{"s": scope, "l": limit, "m": window plus margin in ms}, ...]}, ...].
-- Returns one number per item: 0 when booked, else how long (ms) until a try may succeed
-- (infinity: until a send in flight is answered). One call per batch keeps the round trips
-- (and the lock) to one per batch, not one per send.
create function rate_window_take(p_tenant text, p_items jsonb, p_keep_ms double precision)
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
  delete from rate_window_slot where tenant_id = p_tenant and until_ms < now_ms - p_keep_ms;
  for item in select value from jsonb_array_elements(p_items) loop
    select greatest(0, coalesce(max(paused_until_ms), 0) - now_ms) into wait
      from rate_window_pause
      where tenant_id = p_tenant and scope in (select x->>'s' from jsonb_array_elements(item->'w') as x);
    for w in select value from jsonb_array_elements(item->'w') loop
      select count(*) into counted from rate_window_slot
        where tenant_id = p_tenant and scope = w->>'s' and until_ms > now_ms - (w->>'m')::double precision;
      if counted >= (w->>'l')::int then
        -- The send whose leaving brings the count under the limit decides when a place frees up.
        select until_ms into leaving from rate_window_slot
          where tenant_id = p_tenant and scope = w->>'s' and until_ms > now_ms - (w->>'m')::double precision
          order by until_ms offset counted - (w->>'l')::int limit 1;
        wait := greatest(wait, leaving + (w->>'m')::double precision - now_ms);
      end if;
    end loop;
    if wait <= 0 then
      -- Booked: counted by the items after it in this batch as by every later take.
      insert into rate_window_slot (tenant_id, booking_id, scope, until_ms)
        select distinct p_tenant, (item->>'b')::uuid, x->>'s', 'infinity'::double precision from jsonb_array_elements(item->'w') as x;
      wait := 0;
    end if;
    waits := waits || wait;
  end loop;
  return waits;
end
$fn$;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop function rate_window_take(text, jsonb, double precision);
drop table rate_window_pause;
drop table rate_window_slot;
`.execute(db);
}
