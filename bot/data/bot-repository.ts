import { sql } from 'kysely';
import type { Db } from '../../src/db/database';
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

export async function findDeliveryTarget(db: Db, tenantId: string, personId: string): Promise<DeliveryTarget | null> {
  const user = await db
    .selectFrom('botUser')
    .leftJoin('botConversation as c', (j) =>
      j.onRef('c.tenantId', '=', 'botUser.tenantId').onRef('c.conversationId', '=', 'botUser.personalConversationId').on('c.installed', '=', true),
    )
    .select(['botUser.teamsUserId', 'botUser.aadObjectId', 'c.reference'])
    .where('botUser.tenantId', '=', tenantId)
    .where('botUser.personId', '=', personId)
    .orderBy('botUser.updatedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!user) return null;
  let anyReference: StoredReference | null = null;
  if (!user.reference) {
    const other = await db
      .selectFrom('botConversation')
      .select('reference')
      .where('tenantId', '=', tenantId)
      .where('installed', '=', true)
      .orderBy('updatedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    anyReference = other?.reference ?? null;
  }
  return { teamsUserId: user.teamsUserId, aadObjectId: user.aadObjectId, personal: user.reference ?? null, anyReference };
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
  ownerId: string | null;
  ownerName: string | null;
  ownerEntraObjectId: string | null;
  objectiveTitle: string;
  domainName: string;
  lastUpdate: { at: Date; authorName: string; note: string; statusTo: string | null } | null;
  /** Teams ids of the owner and of the trajectory's coordinators, for the card's refresh. */
  refreshUserIds: string[];
}

/** What an action card shows, for several actions at once (one query). */
export async function loadActionCardFacts(db: Db, tenantId: string, actionIds: string[]): Promise<ActionCardFacts[]> {
  if (!actionIds.length) return [];
  const rows = await db
    .selectFrom('action')
    .innerJoin('operationalObjective as oo', (j) => j.onRef('oo.tenantId', '=', 'action.tenantId').onRef('oo.id', '=', 'action.operationalObjectiveId'))
    .innerJoin('domain', (j) => j.onRef('domain.tenantId', '=', 'action.tenantId').onRef('domain.id', '=', 'action.domainId'))
    .leftJoin('person as owner', (j) => j.onRef('owner.tenantId', '=', 'action.tenantId').onRef('owner.id', '=', 'action.ownerId'))
    .select([
      'action.id',
      'action.trajectoryId',
      'action.title',
      'action.status',
      'action.dueDate',
      'action.version',
      'action.ownerId',
      'owner.displayName as ownerName',
      'owner.entraObjectId as ownerEntraObjectId',
      'oo.title as objectiveTitle',
      'domain.name as domainName',
    ])
    .select([
      sql<{ at: string; authorName: string; note: string; statusTo: string | null } | null>`(
        select json_build_object('at', u.created_at, 'authorName', u.author_name, 'note', u.note, 'statusTo', u.status_to)
        from action_update u where u.tenant_id = action.tenant_id and u.action_id = action.id
        order by u.created_at desc, u.id limit 1)`.as('lastUpdate'),
      sql<string[]>`array(
        select distinct bu.teams_user_id from bot_user bu
        where bu.tenant_id = action.tenant_id and bu.person_id is not null and (
          bu.person_id = action.owner_id or bu.person_id in (
            select m.person_id from membership m join body b on b.tenant_id = m.tenant_id and b.id = m.body_id
            where m.tenant_id = action.tenant_id and b.trajectory_id = action.trajectory_id and m.role = 'coordinator')))`.as('refreshUserIds'),
    ])
    .where('action.tenantId', '=', tenantId)
    .where('action.id', 'in', actionIds)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return actionIds
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => Boolean(r))
    .map((r) => ({
      ...r,
      lastUpdate: r.lastUpdate ? { ...r.lastUpdate, at: new Date(r.lastUpdate.at) } : null,
      refreshUserIds: r.refreshUserIds.slice(0, 60),
    }));
}

/** The person's open actions in one trajectory, soonest due first (the steering-group request). */
export async function openActionsOfPerson(db: Db, tenantId: string, trajectoryId: string, personId: string) {
  return db
    .selectFrom('action')
    .select(['id', 'title', 'status', 'dueDate'])
    .where('tenantId', '=', tenantId)
    .where('trajectoryId', '=', trajectoryId)
    .where('ownerId', '=', personId)
    .where('status', 'in', ['planned', 'in_progress', 'postponed'])
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
