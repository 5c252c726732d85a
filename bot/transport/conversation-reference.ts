/**
 * A conversation reference in our own shape, as stored in bot_conversation.reference. It holds
 * what the Bot Framework needs to speak in a conversation later, and nothing SDK-specific, so
 * the stored rows survive a move to another Teams SDK.
 */
export interface StoredReference {
  serviceUrl: string;
  channelId: string;
  conversation: { id: string; conversationType: string; tenantId: string; isGroup?: boolean | undefined; name?: string | undefined };
  bot: { id: string; name: string };
  user?: { id: string; name?: string | undefined; aadObjectId?: string | undefined } | undefined;
  locale?: string | undefined;
}

/** A Teams user as seen in an activity (`from`, or a member added to a conversation). */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string | undefined;
}

/** The parts of an incoming activity the bot's logic reads; filled by the transport. */
export interface IncomingActivity {
  type: string;
  name: string | undefined;
  /** The text with the bot's @mention removed. */
  text: string;
  value: unknown;
  locale: string | undefined;
  from: TeamsUser;
  tenantId: string | undefined;
  conversation: { id: string; conversationType: string; name: string | undefined };
  teamId: string | undefined;
  /** In a team: the channel the activity came from (its id has no ";messageid=" of a reply thread). */
  channel: { id: string; name: string | undefined } | undefined;
  /** conversationUpdate / installationUpdate: who joined or left, and what happened. */
  membersAdded: TeamsUser[];
  membersRemoved: TeamsUser[];
  action: string | undefined;
  recipientId: string;
}

/** Something the bot says: text and/or Adaptive Cards. */
export interface OutgoingMessage {
  text?: string | undefined;
  cards?: Record<string, unknown>[] | undefined;
  /** Several cards side by side rather than stacked. */
  carousel?: boolean | undefined;
  /** Teams: show a proactive message in the activity feed too. */
  alert?: boolean | undefined;
}

/** The reply to an adaptiveCard/action invoke (the body Teams reads). */
export interface CardActionResponse {
  statusCode: number;
  type: string;
  value: unknown;
}

/** One turn as the bot's logic sees it. */
export interface IncomingTurn {
  activity: IncomingActivity;
  reference: StoredReference;
  send(message: OutgoingMessage): Promise<void>;
}

export interface BotLogic {
  /** Whether to handle this turn at all; a refusal answers with its own message. */
  admit(turn: IncomingTurn): Promise<{ ok: true } | { ok: false; message: string }>;
  message(turn: IncomingTurn): Promise<void>;
  membersChanged(turn: IncomingTurn): Promise<void>;
  cardAction(turn: IncomingTurn, action: { verb: string; data: Record<string, unknown>; trigger: string | undefined }): Promise<CardActionResponse>;
}
