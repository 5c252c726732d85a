import { en } from './messages/en';
import { nl, type MessageKey } from './messages/nl';
import { makeTranslator, type Lang, type Translator } from './translator-core';

/**
 * The one translator of Kansrijk, shared by the tabs (browser) and the bot (Node): ICU messages
 * (FormatJS intl-messageformat) over the catalogue in ./messages, Belgian formats for numbers and
 * dates, calendar and clock in Brussels. Pure: no DOM, no Node APIs. This module brings every
 * message of both languages; the tabs use ./translator-core with their own language only.
 */
export * from './translator-core';

/** Both languages' catalogues, all keys: the bot, the documents and the server speak through these. */
export const catalogues: Record<Lang, Record<MessageKey, string>> = { nl, en };

const translators = new Map<Lang, Translator>();

/** The translator of a language; made once per language, its compiled messages cached per key. */
export function createTranslator(lang: Lang): Translator {
  const made = translators.get(lang);
  if (made) return made;
  const translator = makeTranslator(lang, catalogues[lang]);
  translators.set(lang, translator);
  return translator;
}
