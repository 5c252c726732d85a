import { sql } from 'kysely';
import { actionCardFactsLateral, toCardFacts, type ActionCardFacts, type CardFactsRow } from '../../src/actions/action-card-repository';
import { prepared, type Db } from '../../src/db/database';
import type { StoredReference } from '../transport/conversation-reference';
import type { ConversationKind } from './bot-tables';

// The action reads live in src/actions/; the reminders' code takes them from here as before.
export { openActionsOfPerson } from '../../src/actions/action-card-repository';

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
    left join lateral ${actionCardFactsLateral(tenantId, sql`i.action_id`)} f on true
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

export async function findMeeting(db: Db, tenantId: string, meetingId: string) {
  return db.selectFrom('meeting').select(['id', 'title', 'startsAt', 'trajectoryId']).where('tenantId', '=', tenantId).where('id', '=', meetingId).executeTakeFirst();
}

export async function findPersonReminders(db: Db, tenantId: string, aadObjectId: string) {
  return db.selectFrom('person').select(['id', 'reminders']).where('tenantId', '=', tenantId).where('entraObjectId', '=', aadObjectId).executeTakeFirst();
}
