import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { TIME_ZONE, createTranslator, pickLang, type Lang, type Params, type PluralKey, type Translator } from '../../../src/shared/i18n/translator';

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

/** The views' i18n for a language; an in-app language switch can call it with the chosen one. */
export function createI18n(lang: Lang): I18n {
  const tr = createTranslator(lang);
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

const I18nContext = createContext<I18n>(createI18n('nl'));

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => createI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** A translated label for a code the server sends, falling back to the code itself. */
export function label(i18n: I18n, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return i18n.has(key) ? i18n.t(key) : code;
}
