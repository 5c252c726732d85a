import type { Messages } from './translator-core';

/** Words only the bot's cards and the generated documents use: the tabs never show them. */
export const notInTabs = ['bot.', 'doc.'] as const;

/**
 * The messages the tabs carry for one language, built into them at build time
 * (tabs/vite.config.mts): one language per file, without the bot's and the documents' words,
 * so a phone downloads and parses about a third of both catalogues.
 */
export function tabsMessages(messages: Messages): Messages {
  return Object.fromEntries(Object.entries(messages).filter(([key]) => !notInTabs.some((prefix) => key.startsWith(prefix)))) as Messages;
}
