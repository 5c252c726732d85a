import { en } from './messages/en';
import { nl, type MessageKey } from './messages/nl';
import { makeTranslator, type Lang, type Translator } from './translator-core';

/**
 * Kansrijk's translator (./translator-core: ICU messages through FormatJS intl-messageformat,
 * Belgian formats for numbers and dates, calendar and clock in Brussels) over every message of
 * both languages in ./messages, for the bot, the documents and the server. The tabs use
 * ./translator-core with their own language's messages only.
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
