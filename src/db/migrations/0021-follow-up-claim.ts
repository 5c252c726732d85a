import { sql, type Kysely } from 'kysely';

/*
 * A dispatch claim in one round trip (issue 12). claimBatch was a transaction of its own:
 * BEGIN, the per-tenant advisory lock, the claim (twice when the first reminders' people were
 * all at their cap), COMMIT: four or five round trips, some 1,200 times in a large dispatch, and
 * on a machine where every socket write is dear, a quarter of the dispatcher's CPU went to pg's
 * writes. follow_up_claim takes the lock and claims inside one statement. It is volatile, so the
 * claim after the lock runs with a fresh snapshot and counts the claims that committed while it
 * waited, as the claim after the lock in its own transaction did.
 *
 * follow_up_claim_among is the claim itself, as it was in claimBatch: among the first p_scan
 * ready reminders (null: all), as many per person as their cap leaves room for, at most p_max.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create function follow_up_claim_among(p_tenant text, p_now timestamptz, p_worker text, p_per_day int, p_day_start timestamptz, p_week_start timestamptz, p_max int, p_scan int)
returns setof follow_up
language sql volatile
as $fn$
  with ready as (
    select c.tenant_id, c.id, c.person_id, c.priority, c.not_before
    from follow_up c
    where c.tenant_id = p_tenant and c.state = 'pending' and c.not_before <= p_now
    order by c.priority, c.not_before, c.id
    limit p_scan
  ),
  room as (
    select p.id as person_id,
           case when p.reminders = 'reduced' then 1 else p_per_day end - (
             select count(*)::int from follow_up s
             where s.tenant_id = p.tenant_id and s.person_id = p.id and s.state in ('sending', 'sent', 'uncertain')
               and s.claimed_at >= case when p.reminders = 'reduced' then p_week_start else p_day_start end
           ) as room
    from person p
    where p.tenant_id = p_tenant and p.id in (select person_id from ready)
  ),
  pick as (
    select r.tenant_id, r.id
    from (
      select ready.*, row_number() over (partition by ready.person_id order by ready.priority, ready.not_before, ready.id) as nth
      from ready
    ) r
    join room on room.person_id = r.person_id
    where r.nth <= room.room
    order by r.priority, r.not_before, r.id
    limit p_max
  )
  update follow_up f
  set state = 'sending', claimed_at = p_now, claimed_by = p_worker, attempts = f.attempts + 1
  from pick
  where f.tenant_id = pick.tenant_id and f.id = pick.id and f.state = 'pending'
  returning f.*
$fn$;

-- Usually the first few ready reminders (in sending order) hold enough that may go out; only when
-- none of them may (their people are all at their cap) is the whole queue looked at.
create function follow_up_claim(p_tenant text, p_now timestamptz, p_worker text, p_per_day int, p_day_start timestamptz, p_week_start timestamptz, p_max int, p_scan int)
returns setof follow_up
language plpgsql volatile
as $fn$
begin
  perform pg_advisory_xact_lock(hashtext('kansrijk.follow-up'), hashtext(p_tenant));
  return query select * from follow_up_claim_among(p_tenant, p_now, p_worker, p_per_day, p_day_start, p_week_start, p_max, p_scan);
  if not found and p_scan is not null then
    return query select * from follow_up_claim_among(p_tenant, p_now, p_worker, p_per_day, p_day_start, p_week_start, p_max, null);
  end if;
end
$fn$;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop function follow_up_claim(text, timestamptz, text, int, timestamptz, timestamptz, int, int);
drop function follow_up_claim_among(text, timestamptz, text, int, timestamptz, timestamptz, int, int);
`.execute(db);
}
