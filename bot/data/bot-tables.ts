import type { ColumnType } from 'kysely';
import type { CreatedAt, UpdatedAt } from '../../src/db/columns';
import type { StoredReference } from '../transport/conversation-reference';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** Where the bot may speak: one row per Teams conversation it was installed in or spoken to in. */
export interface BotConversationTable {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  serviceUrl: string;
  channelId: string;
  botId: string;
  botName: string | null;
  teamId: string | null;
  userAadObjectId: string | null;
  reference: ColumnType<StoredReference, string, string>;
  installed: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** A Teams user as the bot met them, linked to the Kansrijk person with the same Entra object id. */
export interface BotUserTable {
  tenantId: string;
  aadObjectId: string;
  teamsUserId: string;
  name: ColumnType<string, string | undefined, string>;
  personId: string | null;
  personalConversationId: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}
