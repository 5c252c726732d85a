import { randomUUID } from 'node:crypto';

/** Activities as Teams sends them to /api/messages, enough of them for the bot's logic. */
export interface TeamsParty {
  tenantId: string;
  serviceUrl: string;
  user: { id: string; name: string; aadObjectId?: string };
  conversation?: { id: string; conversationType: 'personal' | 'channel' | 'groupChat' };
  teamId?: string;
  /** In a team: the channel, as Teams puts it in channelData (the conversation id may add ";messageid=…"). */
  channel?: { id: string; name?: string };
  locale?: string;
}

export const BOT = { id: '28:kansrijk-bot', name: 'Kansrijk' };

function base(party: TeamsParty) {
  const conversation = party.conversation ?? { id: `a:personal-${party.user.id}`, conversationType: 'personal' as const };
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: party.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: party.locale ?? 'nl-BE',
    from: party.user,
    recipient: BOT,
    conversation: { ...conversation, tenantId: party.tenantId, isGroup: conversation.conversationType !== 'personal' },
    channelData: { tenant: { id: party.tenantId }, ...(party.teamId ? { team: { id: party.teamId } } : {}), ...(party.channel ? { channel: party.channel } : {}) },
  };
}

export function messageActivity(party: TeamsParty, text: string, mention = false) {
  return {
    ...base(party),
    type: 'message',
    text: mention ? `<at>${BOT.name}</at> ${text}` : text,
    ...(mention ? { entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] } : {}),
  };
}

export function invokeActivity(party: TeamsParty, verb: string, data: Record<string, unknown>, trigger: 'manual' | 'automatic' = 'manual') {
  return { ...base(party), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger } };
}

export function installActivity(party: TeamsParty, members: { id: string; name: string; aadObjectId?: string }[] = []) {
  return { ...base(party), type: 'conversationUpdate', membersAdded: [BOT, ...members] };
}

export function installationUpdate(party: TeamsParty, action: 'add' | 'remove') {
  return { ...base(party), type: 'installationUpdate', action };
}
