import type { Lang } from './i18n/texts';

export type Command =
  | { kind: 'help'; lang: Lang | undefined }
  | { kind: 'myActions'; lang: Lang }
  | { kind: 'overview'; lang: Lang }
  | { kind: 'search'; lang: Lang; term: string }
  | { kind: 'reminders'; lang: Lang }
  | { kind: 'agenda'; lang: Lang | undefined }
  | { kind: 'report'; lang: Lang }
  | { kind: 'bind'; lang: Lang; name: string }
  | { kind: 'unknown'; text: string };

/**
 * Reads a chat message as a command, Dutch or English, in any case. The language of the command
 * decides the language of the answer, so "my actions" gets English even in a Dutch Teams.
 */
export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  const plain = text.toLowerCase().replace(/[.!?]+$/, '').trim();
  if (plain === '' || plain === 'hulp' || plain === 'help' || plain === '?' || plain === 'menu') {
    return { kind: 'help', lang: plain === 'hulp' ? 'nl' : plain === 'help' ? 'en' : undefined };
  }
  if (plain === 'mijn acties' || plain === 'mijn actie' || plain === 'acties') return { kind: 'myActions', lang: 'nl' };
  if (plain === 'my actions' || plain === 'my action' || plain === 'actions') return { kind: 'myActions', lang: 'en' };
  if (plain === 'overzicht') return { kind: 'overview', lang: 'nl' };
  if (plain === 'overview') return { kind: 'overview', lang: 'en' };
  if (plain === 'herinneringen' || plain === 'herinnering') return { kind: 'reminders', lang: 'nl' };
  if (plain === 'reminders' || plain === 'reminder') return { kind: 'reminders', lang: 'en' };
  if (plain === 'agenda') return { kind: 'agenda', lang: undefined };
  if (plain === 'rapport' || plain === 'voortgangsrapport') return { kind: 'report', lang: 'nl' };
  if (plain === 'report' || plain === 'progress report') return { kind: 'report', lang: 'en' };
  const bind = /^(koppel|link)(?:\s+(.*))?$/i.exec(text.replace(/[.!?]+$/, ''));
  if (bind) return { kind: 'bind', lang: bind[1]!.toLowerCase() === 'koppel' ? 'nl' : 'en', name: (bind[2] ?? '').trim() };
  const search = /^(actie|action)(?:\s+(.*))?$/i.exec(text.replace(/[.!?]+$/, ''));
  if (search) return { kind: 'search', lang: search[1]!.toLowerCase() === 'actie' ? 'nl' : 'en', term: (search[2] ?? '').trim() };
  return { kind: 'unknown', text };
}
