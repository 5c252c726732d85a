import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
import type { StoredReference } from '../transport/conversation-reference';

/*
 * SQL for the bot's meeting posts. Claims set their timestamp in the statement that takes the
 * work, so two instances (or two ticks) never post the same card twice: the second UPDATE waits
 * on the row lock, then finds the column set and skips the row.
 */

export type ScheduledPost = 'agenda' | 'parentsReminder' | 'parentsCheck';

const claims = {
  // The agenda goes out `agenda_days_before` days ahead (Brussels calendar), while proposals are open.
  agenda: (now: Date) => sql`m.agenda_posted_at is null and m.state = 'planned' and m.starts_at > ${now}
      and b.channel_id is not null
      and (m.starts_at at time zone 'Europe/Brussels')::date - m.agenda_days_before <= (${now}::timestamptz at time zone 'Europe/Brussels')::date`,
  // The day before (or later that day, should the tick come late), never after the start.
  parentsReminder: (now: Date) => sql`m.parents_reminded_at is null and m.state in ('planned', 'agenda_sent') and m.starts_at > ${now}
      and (m.starts_at at time zone 'Europe/Brussels')::date - 1 <= (${now}::timestamptz at time zone 'Europe/Brussels')::date`,
  // From the day after, for a week: a meeting long past is not asked about any more.
  parentsCheck: (now: Date) => sql`m.parents_check_posted_at is null and m.state <> 'cancelled' and m.ends_at <= ${now}
      and (m.starts_at at time zone 'Europe/Brussels')::date + 1 <= (${now}::timestamptz at time zone 'Europe/Brussels')::date
      and (m.starts_at at time zone 'Europe/Brussels')::date + 7 >= (${now}::timestamptz at time zone 'Europe/Brussels')::date`,
} as const;

const column = { agenda: sql.ref('agenda_posted_at'), parentsReminder: sql.ref('parents_reminded_at'), parentsCheck: sql.ref('parents_check_posted_at') } as const;

/** Takes up to `limit` meetings of one tenant whose post of this kind is due, marking them posted. */
export async function claimDue(db: Db, tenantId: string, kind: ScheduledPost, now: Date, limit = 50): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    update meeting set ${column[kind]} = ${now}, updated_at = now()
    where tenant_id = ${tenantId} and id in (
      select m.id from meeting m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
      where m.tenant_id = ${tenantId} and ${claims[kind](now)}
      order by m.starts_at limit ${limit})
      and ${column[kind]} is null
    returning id`.execute(db);
  return rows.map((r) => r.id);
}

/** Gives a claimed post back (nothing reached Teams), so a later tick tries again. */
export async function releaseClaim(db: Db, tenantId: string, meetingId: string, kind: ScheduledPost): Promise<void> {
  await sql`update meeting set ${column[kind]} = null where tenant_id = ${tenantId} and id = ${meetingId}`.execute(db);
}

export async function tenantsWithMeetings(db: Db): Promise<string[]> {
  const { rows } = await sql<{ tenantId: string }>`select distinct tenant_id from meeting where state in ('planned', 'agenda_sent', 'held', 'minutes_approved', 'distributed') order by 1`.execute(db);
  return rows.map((r) => r.tenantId);
}

export async function setAgendaActivity(db: Db, tenantId: string, meetingId: string, activityId: string | null): Promise<void> {
  await db.updateTable('meeting').set({ agendaActivityId: activityId }).where('tenantId', '=', tenantId).where('id', '=', meetingId).execute();
}

/** Teams ids of the body's members the bot has met, for the card's user-specific refresh (Teams takes 60). */
export async function memberTeamsIds(db: Db, tenantId: string, bodyId: string, limit = 60): Promise<string[]> {
  const { rows } = await sql<{ teamsUserId: string }>`
    select distinct bu.teams_user_id from membership m
    join bot_user bu on bu.tenant_id = m.tenant_id and bu.person_id = m.person_id
    where m.tenant_id = ${tenantId} and m.body_id = ${bodyId}::uuid
    order by 1 limit ${limit}`.execute(db);
  return rows.map((r) => r.teamsUserId);
}

/** When the body last met before this meeting: the steering group's progress counts from there. */
export async function previousMeetingStart(db: Db, tenantId: string, bodyId: string, before: Date): Promise<Date> {
  const row = await db
    .selectFrom('meeting')
    .select('startsAt')
    .where('tenantId', '=', tenantId)
    .where('bodyId', '=', bodyId)
    .where('startsAt', '<', before)
    .where('state', '<>', 'cancelled')
    .orderBy('startsAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.startsAt ?? new Date(0);
}

/**
 * Where to post in a body's channel. The channel's own row when the bot has been spoken to
 * there; else a channel of the same team, else any channel of the tenant the bot is in: their
 * service URL reaches the bound channel with its id as the conversation id.
 */
export async function channelReference(db: Db, tenantId: string, channel: { channelId: string; teamId: string | null }): Promise<StoredReference | null> {
  const row = await db
    .selectFrom('botConversation')
    .select(['reference', 'conversationId', 'teamId'])
    .where('tenantId', '=', tenantId)
    .where('installed', '=', true)
    .where('kind', '=', 'channel')
    .orderBy(sql`case when conversation_id = ${channel.channelId} or conversation_id like ${`${channel.channelId};%`} then 0 when team_id = ${channel.teamId ?? ''} then 1 else 2 end`)
    .orderBy('updatedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const base = row.reference;
  return {
    ...base,
    conversation: { id: channel.channelId, conversationType: 'channel', tenantId, isGroup: true },
    user: undefined,
  };
}

/** The body's channel, if it has one. */
export async function bodyChannel(db: Db, tenantId: string, bodyId: string): Promise<{ channelId: string; teamId: string | null } | null> {
  const row = await db.selectFrom('body').select(['channelId', 'channelTeamId']).where('tenantId', '=', tenantId).where('id', '=', bodyId).executeTakeFirst();
  return row?.channelId ? { channelId: row.channelId, teamId: row.channelTeamId } : null;
}

