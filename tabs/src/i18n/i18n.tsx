import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import nlMessages from 'virtual:kansrijk-messages/nl';
import { TIME_ZONE, makeTranslator, pickLang, type Lang, type Messages, type Params, type PluralKey, type Translator } from '../../../src/shared/i18n/translator-core';

export type { Lang, Params, PluralKey };
export { pickLang };

const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Brussels as YYYY-MM-DD, the calendar due dates are compared with. */
export function brusselsToday(): string {
  return isoDate.format(new Date());
}

/** What the views use: the shared translator (src/shared/i18n/translator.ts), the same one the bot speaks with. */
export interface I18n {
  lang: Lang;
  locale: string;
  t: Translator['t'];
  tc: Translator['tc'];
  /** Whether a key exists: for codes sent by the server (statuses, roles…). */
  has: Translator['has'];
  date(value: string | null | undefined): string;
  dateTime(value: string): string;
  number(value: number): string;
  list(items: string[]): string;
}

function i18nOf(lang: Lang, messages: Messages): I18n {
  const tr = makeTranslator(lang, messages);
  return {
    lang,
    locale: tr.locale,
    t: tr.t,
    tc: tr.tc,
    has: tr.has,
    date: (value) => tr.date(value),
    dateTime: (value) => tr.dateTime(value),
    number: tr.number,
    list: tr.list,
  };
}

// Dutch is in the first view's files; English is fetched the first time someone speaks it.
const loaded = new Map<Lang, I18n>([['nl', i18nOf('nl', nlMessages)]]);
const loaders: Record<Lang, () => Promise<Messages>> = {
  nl: async () => nlMessages,
  en: () => import('virtual:kansrijk-messages/en').then((m) => m.default),
};

/** The views' i18n for a language, fetching its messages the first time. */
async function loadI18n(lang: Lang): Promise<I18n> {
  const made = loaded.get(lang);
  if (made) return made;
  const i18n = i18nOf(lang, await loaders[lang]());
  loaded.set(lang, i18n);
  return i18n;
}

const dutch = loaded.get('nl')!;
const I18nContext = createContext<I18n>(dutch);

/**
 * Renders in `lang` once its messages are there: nothing before the first language arrives (no
 * Dutch flash for an English reader), the previous language while a switch loads. Should the
 * messages not come (offline), Dutch.
 */
export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  // Which language was asked for and what is shown for it (Dutch when its messages did not come).
  const [shown, setShown] = useState<{ asked: Lang; i18n: I18n } | undefined>(() => {
    const ready = loaded.get(lang);
    return ready && { asked: lang, i18n: ready };
  });
  useEffect(() => {
    if (shown?.asked === lang) return undefined;
    let current = true;
    loadI18n(lang).then(
      (i18n) => current && setShown({ asked: lang, i18n }),
      () => current && setShown({ asked: lang, i18n: dutch }),
    );
    return () => {
      current = false;
    };
  }, [lang, shown]);
  if (!shown) return null;
  return <I18nContext.Provider value={shown.i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** A translated label for a code the server sends, falling back to the code itself. */
export function label(i18n: I18n, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return i18n.has(key) ? i18n.t(key) : code;
}
