import { sql, type RawBuilder } from 'kysely';
import { accessRowsJson, type AccessRow } from '../auth/access-repository';
import { prepared, type Db } from '../db/database';
import { openStatuses } from '../shared/enums';
import type { ActionRow, FoundAction } from './action-repository';

/*
 * The reads of actions that the bot's cards and reminders need, kept beside the other action
 * SQL so that the action table is queried from this slice only (bot/ calls these).
 */

export interface ActionCardFacts {
  id: string;
  trajectoryId: string;
  title: string;
  status: string;
  dueDate: string | null;
  version: number;
  /** With ownerId: the action's place, where the caller's rights on it are decided (src/auth/entity-rights.ts). */
  domainId: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerEntraObjectId: string | null;
  objectiveTitle: string;
  domainName: string;
  lastUpdate: { at: Date; authorName: string; note: string; statusTo: string | null } | null;
  /** Teams ids of the owner and of the trajectory's coordinators, for the card's refresh. */
  refreshUserIds: string[];
}

/** What an action card shows besides the action row itself. */
export type CardContext = Pick<ActionCardFacts, 'ownerName' | 'ownerEntraObjectId' | 'objectiveTitle' | 'domainName' | 'lastUpdate' | 'refreshUserIds'>;

/** A work group of the action's domain with a Teams channel: where a change of the action is told. */
export interface NoticeChannel {
  channelId: string;
  teamId: string | null;
}

/** The action with the caller's access rows, its card's context and the channels that hear of a change. */
export interface ActionForCard extends FoundAction {
  card: CardContext;
  noticeChannels: NoticeChannel[];
}

/**
 * Teams ids of the action's owner and of its trajectory's coordinators (whose clients refresh
 * the card by themselves). Two index lookups (bot_user by person) rather than one filter over
 * every Teams user of the tenant.
 */
const refreshUserIds = sql`array(
  select bu.teams_user_id from bot_user bu where bu.tenant_id = a.tenant_id and bu.person_id = a.owner_id
  union
  select bu.teams_user_id from body b
    join membership m on m.tenant_id = b.tenant_id and m.body_id = b.id and m.role = 'coordinator'
    join bot_user bu on bu.tenant_id = m.tenant_id and bu.person_id = m.person_id
  where b.tenant_id = a.tenant_id and b.trajectory_id = a.trajectory_id
  order by 1)`;

/** What an action card shows besides the action's own columns, from `action a` joined as in cardFactsJoins. */
const cardContextColumns = sql`
  owner.display_name as owner_name, owner.entra_object_id as owner_entra_object_id,
  oo.title as objective_title, d.name as domain_name,
  (select json_build_object('at', u.created_at, 'authorName', u.author_name, 'note', u.note, 'statusTo', u.status_to)
   from action_update u where u.tenant_id = a.tenant_id and u.action_id = a.id
   order by u.created_at desc, u.id limit 1) as last_update,
  ${refreshUserIds} as refresh_user_ids`;

/** The columns of an action card. */
const cardFactsColumns = sql`a.id, a.trajectory_id, a.title, a.status, a.due_date, a.version, a.domain_id, a.owner_id, ${cardContextColumns}`;

const cardFactsJoins = sql`
  join operational_objective oo on oo.tenant_id = a.tenant_id and oo.id = a.operational_objective_id
  join domain d on d.tenant_id = a.tenant_id and d.id = a.domain_id
  left join person owner on owner.tenant_id = a.tenant_id and owner.id = a.owner_id`;

/** The work groups of the action's domain that have a channel (usually none): read with the action, so a change needs no lookup of its own. */
const noticeChannelsColumn = sql`coalesce((select json_agg(json_build_object('channelId', b.channel_id, 'teamId', b.channel_team_id) order by b.id)
   from body b where b.tenant_id = a.tenant_id and b.domain_id = a.domain_id and b.kind = 'work_group' and b.channel_id is not null), '[]'::json) as notice_channels`;

/** A row of cardFactsColumns; all null when it comes from a left join that found no action. */
export type CardFactsRow = { [K in keyof Omit<ActionCardFacts, 'lastUpdate'>]: ActionCardFacts[K] | null } & {
  lastUpdate: { at: string; authorName: string; note: string; statusTo: string | null } | null;
};

function toCardContext(row: Omit<CardFactsRow, keyof ActionRow>): CardContext {
  return {
    ownerName: row.ownerName,
    ownerEntraObjectId: row.ownerEntraObjectId,
    objectiveTitle: row.objectiveTitle!,
    domainName: row.domainName!,
    lastUpdate: row.lastUpdate ? { ...row.lastUpdate, at: new Date(row.lastUpdate.at) } : null,
    refreshUserIds: (row.refreshUserIds ?? []).slice(0, 60),
  };
}

/** A row of actionCardFactsLateral (or of loadActionCardFacts' statement) as the card's facts. */
export function toCardFacts(row: CardFactsRow): ActionCardFacts {
  return {
    id: row.id!,
    trajectoryId: row.trajectoryId!,
    title: row.title!,
    status: row.status!,
    dueDate: row.dueDate,
    version: row.version!,
    domainId: row.domainId!,
    ownerId: row.ownerId,
    ...toCardContext(row),
  };
}

/**
 * The action, the caller's access rows in its trajectory, its card's context and its notice
 * channels, in one statement: what the action service reads before a change (an ActionReader),
 * plus what the card and the channel notice need after it.
 */
export async function findActionForCard(db: Db, tenantId: string, id: string, userId: string): Promise<ActionForCard | undefined> {
  const { rows } = await sql<ActionRow & { accessRows: AccessRow[]; noticeChannels: NoticeChannel[] } & Omit<CardFactsRow, keyof ActionRow>>`
    select a.*, ${accessRowsJson(tenantId, userId, sql`a.trajectory_id`)} as access_rows, ${cardContextColumns}, ${noticeChannelsColumn}
    from action a ${cardFactsJoins}
    where a.tenant_id = ${tenantId} and a.id = ${id}
    ${prepared}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { accessRows, noticeChannels, ownerName, ownerEntraObjectId, objectiveTitle, domainName, lastUpdate, refreshUserIds, ...action } = row;
  return { action, accessRows, noticeChannels, card: toCardContext({ ownerName, ownerEntraObjectId, objectiveTitle, domainName, lastUpdate, refreshUserIds }) };
}

/** What an action card shows, for several actions at once (one query), in the order of `actionIds`. */
export async function loadActionCardFacts(db: Db, tenantId: string, actionIds: string[]): Promise<ActionCardFacts[]> {
  if (!actionIds.length) return [];
  // One statement text whatever the number of ids, so Postgres sees the same query every time.
  const { rows } = await sql<CardFactsRow>`
    select ${cardFactsColumns} from action a ${cardFactsJoins}
    where a.tenant_id = ${tenantId} and a.id = any(${actionIds}::uuid[])
    ${prepared}`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return actionIds
    .map((id) => byId.get(id))
    .filter((r): r is CardFactsRow => Boolean(r))
    .map(toCardFacts);
}

/**
 * One action's card facts as a subquery (a CardFactsRow, or no row), for a caller that reads
 * them inside a statement of its own: a reminder's facts come with its recipient in one round
 * trip. `actionId` is an SQL expression of that statement (say, a column of its row set).
 */
export function actionCardFactsLateral(tenantId: string, actionId: RawBuilder<unknown>): RawBuilder<unknown> {
  // limit 1 keeps it a lookup per row (Postgres could otherwise build every card of the tenant and join)
  return sql`(select ${cardFactsColumns} from action a ${cardFactsJoins} where a.tenant_id = ${tenantId} and a.id = ${actionId} limit 1)`;
}

/** The person's open actions in one trajectory, soonest due first (the steering-group request). */
export async function openActionsOfPerson(db: Db, tenantId: string, trajectoryId: string, personId: string) {
  return db
    .selectFrom('action')
    .select(['id', 'title', 'status', 'dueDate'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('ownerId', '=', personId)
    .where('status', 'in', [...openStatuses])
    .orderBy(sql`due_date asc nulls last`)
    .orderBy('title')
    .execute();
}
