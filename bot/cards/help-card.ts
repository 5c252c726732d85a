import { texts, type Lang } from '../i18n/texts';
import { card, facts, text, type Card } from './elements';

/** What the bot understands, in the user's language. */
export function helpCard(lang: Lang, lead?: string): Card {
  const t = texts[lang];
  return card([
    lead ? text(lead, { color: 'warning' }) : false,
    text(t.helpTitle, { size: 'medium', weight: 'bolder' }),
    text(t.helpIntro),
    facts(t.helpCommands.map(([command, what]) => [command, what])),
    text(t.helpFooter, { isSubtle: true, size: 'small' }),
  ]);
}
