import { sql } from 'kysely';
import type { Db } from '../db/database';

/* SQL only: every statement filters by tenant; the service decides who may bind. */

export async function findBody(db: Db, tenantId: string, bodyId: string, forUpdate = false) {
  let q = db
    .selectFrom('body')
    .select(['id', 'trajectoryId', 'kind', 'name', 'domainId', 'channelId', 'channelTeamId', 'channelName', 'channelBoundAt'])
    .where('tenantId', '=', tenantId)
    .where('id', '=', bodyId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ChannelBodyRow = NonNullable<Awaited<ReturnType<typeof findBody>>>;

export async function setChannel(
  db: Db,
  tenantId: string,
  bodyId: string,
  channel: { channelId: string | null; channelTeamId: string | null; channelName: string; channelBoundAt: Date | null },
): Promise<ChannelBodyRow> {
  return db
    .updateTable('body')
    .set({ ...channel, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('id', '=', bodyId)
    .returning(['id', 'trajectoryId', 'kind', 'name', 'domainId', 'channelId', 'channelTeamId', 'channelName', 'channelBoundAt'])
    .executeTakeFirstOrThrow();
}

/** Bodies of these trajectories whose name matches (case and spacing ignored), for the bot's "koppel" command. */
export async function findBodiesByName(db: Db, tenantId: string, trajectoryIds: string[], name: string) {
  if (!trajectoryIds.length) return [];
  const wanted = name.toLowerCase().replace(/\s+/g, ' ').trim();
  return db
    .selectFrom('body')
    .select(['id', 'trajectoryId', 'name'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', 'in', trajectoryIds)
    .where(sql<boolean>`position(${wanted} in lower(regexp_replace(name, '\\s+', ' ', 'g'))) > 0`)
    .orderBy('name')
    .limit(20)
    .execute();
}
