export type Command =
  | { kind: 'help' }
  | { kind: 'myActions' }
  | { kind: 'overview' }
  | { kind: 'search'; term: string }
  | { kind: 'reminders' }
  | { kind: 'agenda' }
  | { kind: 'report' }
  | { kind: 'bind'; name: string }
  | { kind: 'unknown'; text: string };

/**
 * Reads a chat message as a command, Dutch or English, in any case. The words only choose the
 * command: the answer speaks the user's Teams language (activity.locale), so "help" typed in a
 * Dutch Teams gets Dutch.
 */
export function parseCommand(raw: string): Command {
  const text = raw.replace(/\s+/g, ' ').trim();
  const plain = text.toLowerCase().replace(/[.!?]+$/, '').trim();
  if (plain === '' || plain === 'hulp' || plain === 'help' || plain === '?' || plain === 'menu') return { kind: 'help' };
  if (['mijn acties', 'mijn actie', 'acties', 'my actions', 'my action', 'actions'].includes(plain)) return { kind: 'myActions' };
  if (plain === 'overzicht' || plain === 'overview') return { kind: 'overview' };
  if (['herinneringen', 'herinnering', 'reminders', 'reminder'].includes(plain)) return { kind: 'reminders' };
  if (plain === 'agenda') return { kind: 'agenda' };
  if (['rapport', 'voortgangsrapport', 'report', 'progress report'].includes(plain)) return { kind: 'report' };
  const bind = /^(koppel|link)(?:\s+(.*))?$/i.exec(text.replace(/[.!?]+$/, ''));
  if (bind) return { kind: 'bind', name: (bind[2] ?? '').trim() };
  const search = /^(actie|action)(?:\s+(.*))?$/i.exec(text.replace(/[.!?]+$/, ''));
  if (search) return { kind: 'search', term: (search[2] ?? '').trim() };
  return { kind: 'unknown', text };
}
