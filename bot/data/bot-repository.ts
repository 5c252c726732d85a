import { sql } from 'kysely';
import type { ActionRow, FoundAction } from '../../src/actions/action-repository';
import { accessRowsJson, type AccessRow } from '../../src/auth/access-repository';
import { prepared, type Db } from '../../src/db/database';
import { openStatuses } from '../../src/shared/enums';
import type { StoredReference } from '../transport/conversation-reference';
import type { ConversationKind } from './bot-tables';

export async function upsertConversation(
  db: Db,
  row: { tenantId: string; conversationId: string; kind: ConversationKind; reference: StoredReference; teamId: string | null; userAadObjectId: string | null },
): Promise<void> {
  const values = {
    kind: row.kind,
    serviceUrl: row.reference.serviceUrl,
    channelId: row.reference.channelId,
    botId: row.reference.bot.id,
    botName: row.reference.bot.name || null,
    teamId: row.teamId,
    userAadObjectId: row.userAadObjectId,
    reference: JSON.stringify(row.reference),
    installed: true,
  };
  await db
    .insertInto('botConversation')
    .values({ tenantId: row.tenantId, conversationId: row.conversationId, ...values })
    .onConflict((oc) => oc.columns(['tenantId', 'conversationId']).doUpdateSet({ ...values, updatedAt: new Date() }))
    .execute();
}

/** Cheap path for every message: remember a conversation once, leave known ones alone. */
export async function rememberConversation(
  db: Db,
  row: { tenantId: string; conversationId: string; kind: ConversationKind; reference: StoredReference; teamId: string | null; userAadObjectId: string | null },
): Promise<void> {
  await db
    .insertInto('botConversation')
    .values({
      tenantId: row.tenantId,
      conversationId: row.conversationId,
      kind: row.kind,
      serviceUrl: row.reference.serviceUrl,
      channelId: row.reference.channelId,
      botId: row.reference.bot.id,
      botName: row.reference.bot.name || null,
      teamId: row.teamId,
      userAadObjectId: row.userAadObjectId,
      reference: JSON.stringify(row.reference),
    })
    .onConflict((oc) => oc.columns(['tenantId', 'conversationId']).doNothing())
    .execute();
}

export async function setConversationInstalled(db: Db, tenantId: string, conversationId: string, installed: boolean): Promise<void> {
  await db
    .updateTable('botConversation')
    .set({ installed, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('conversationId', '=', conversationId)
    .execute();
}

/**
 * Records a Teams user and links them to the Kansrijk person with the same Entra object id, if
 * there is one. Nobody is created: an unknown user stays unlinked (person_id null).
 */
export async function upsertBotUser(
  db: Db,
  user: { tenantId: string; aadObjectId: string; teamsUserId: string; name: string; personalConversationId?: string | undefined },
): Promise<{ personId: string | null }> {
  const person = sql<string | null>`(select p.id from person p where p.tenant_id = ${user.tenantId} and p.entra_object_id = ${user.aadObjectId})`;
  const row = await db
    .insertInto('botUser')
    .values({
      tenantId: user.tenantId,
      aadObjectId: user.aadObjectId,
      teamsUserId: user.teamsUserId,
      name: user.name,
      personId: person,
      personalConversationId: user.personalConversationId ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['tenantId', 'aadObjectId']).doUpdateSet((eb) => ({
        teamsUserId: user.teamsUserId,
        name: user.name,
        personId: person,
        personalConversationId: user.personalConversationId ?? eb.ref('botUser.personalConversationId'),
        updatedAt: new Date(),
      })),
    )
    .returning(['personId'])
    .executeTakeFirstOrThrow();
  return { personId: row.personId };
}

export interface DeliveryTarget {
  teamsUserId: string;
  aadObjectId: string;
  personal: StoredReference | null;
  /** Any conversation of the tenant the bot is installed in: its service URL opens a 1:1 chat. */
  anyReference: StoredReference | null;
}

export async function setPersonalConversation(db: Db, tenantId: string, aadObjectId: string, conversationId: string): Promise<void> {
  await db
    .updateTable('botUser')
    .set({ personalConversationId: conversationId, updatedAt: new Date() })
    .where('tenantId', '=', tenantId)
    .where('aadObjectId', '=', aadObjectId)
    .execute();
}

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

/** A row of cardFactsColumns; all null when it comes from a left join that found no action. */
type CardFactsRow = { [K in keyof Omit<ActionCardFacts, 'lastUpdate'>]: ActionCardFacts[K] | null } & {
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

function toCardFacts(row: CardFactsRow): ActionCardFacts {
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

/** What an action card shows besides the action row itself. */
export type CardContext = Pick<ActionCardFacts, 'ownerName' | 'ownerEntraObjectId' | 'objectiveTitle' | 'domainName' | 'lastUpdate' | 'refreshUserIds'>;

/**
 * The action, the caller's access rows in its trajectory and its card's context, in one
 * statement: what the action service reads before a change, plus what the card needs after it.
 */
export async function findActionForCard(db: Db, tenantId: string, id: string, userId: string): Promise<(FoundAction & { card: CardContext }) | undefined> {
  const { rows } = await sql<ActionRow & { accessRows: AccessRow[] } & Omit<CardFactsRow, keyof ActionRow>>`
    select a.*, ${accessRowsJson(tenantId, userId, sql`a.trajectory_id`)} as access_rows, ${cardContextColumns}
    from action a ${cardFactsJoins}
    where a.tenant_id = ${tenantId} and a.id = ${id}
    ${prepared}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  const { accessRows, ownerName, ownerEntraObjectId, objectiveTitle, domainName, lastUpdate, refreshUserIds, ...action } = row;
  return { action, accessRows, card: toCardContext({ ownerName, ownerEntraObjectId, objectiveTitle, domainName, lastUpdate, refreshUserIds }) };
}

/** What an action card shows, for several actions at once (one query). */
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

/** Any conversation of the tenant the bot is still installed in (for opening a 1:1 chat). */
async function anyInstalledReference(db: Db, tenantId: string): Promise<StoredReference | null> {
  const other = await db
    .selectFrom('botConversation')
    .select('reference')
    .where('tenantId', '=', tenantId)
    .where('installed', '=', true)
    .orderBy('updatedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return other?.reference ?? null;
}

/** What one proactive message needs: where its person is reached, and (for an action) the card's facts. */
export interface DeliveryFacts {
  target: DeliveryTarget | null;
  card: ActionCardFacts | null;
}

type DeliveryRow = CardFactsRow & {
  targetTeamsUserId: string | null;
  targetAadObjectId: string | null;
  targetReference: StoredReference | null;
};

/**
 * For several messages of one tenant at once, in one statement: each person's Teams user (the
 * most recently seen, should there be more) with their 1:1 chat, and each action's card facts.
 * Answers in the order of `items`.
 */
export async function loadDeliveryFacts(db: Db, tenantId: string, items: { personId: string; actionId: string | null }[]): Promise<DeliveryFacts[]> {
  if (!items.length) return [];
  const { rows } = await sql<DeliveryRow>`
    select t.teams_user_id as target_teams_user_id, t.aad_object_id as target_aad_object_id, t.reference as target_reference, f.*
    from jsonb_to_recordset(${JSON.stringify(items.map((i, n) => ({ n, person_id: i.personId, action_id: i.actionId })))}::jsonb) as i(n int, person_id uuid, action_id uuid)
    left join lateral (
      select bu.teams_user_id, bu.aad_object_id, c.reference
      from bot_user bu
      left join bot_conversation c on c.tenant_id = bu.tenant_id and c.conversation_id = bu.personal_conversation_id and c.installed
      where bu.tenant_id = ${tenantId} and bu.person_id = i.person_id
      order by bu.updated_at desc
      limit 1
    ) t on true
    -- limit 1 keeps it a lookup per item (Postgres could otherwise build every card of the tenant and join)
    left join lateral (select ${cardFactsColumns} from action a ${cardFactsJoins} where a.tenant_id = ${tenantId} and a.id = i.action_id limit 1) f on true
    order by i.n
    ${prepared}`.execute(db);
  let anyReference: StoredReference | null | undefined;
  const facts: DeliveryFacts[] = [];
  for (const row of rows) {
    let target: DeliveryTarget | null = null;
    if (row.targetTeamsUserId && row.targetAadObjectId) {
      if (!row.targetReference && anyReference === undefined) anyReference = await anyInstalledReference(db, tenantId);
      target = {
        teamsUserId: row.targetTeamsUserId,
        aadObjectId: row.targetAadObjectId,
        personal: row.targetReference ?? null,
        anyReference: row.targetReference ? null : (anyReference ?? null),
      };
    }
    facts.push({ target, card: row.id ? toCardFacts(row) : null });
  }
  return facts;
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

export async function findMeeting(db: Db, tenantId: string, meetingId: string) {
  return db.selectFrom('meeting').select(['id', 'title', 'startsAt', 'trajectoryId']).where('tenantId', '=', tenantId).where('id', '=', meetingId).executeTakeFirst();
}

export async function findPersonReminders(db: Db, tenantId: string, aadObjectId: string) {
  return db.selectFrom('person').select(['id', 'reminders']).where('tenantId', '=', tenantId).where('entraObjectId', '=', aadObjectId).executeTakeFirst();
}
