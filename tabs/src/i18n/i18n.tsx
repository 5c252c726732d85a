import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en } from '../../../src/shared/i18n/messages/en';
import { nl, type MessageKey } from '../../../src/shared/i18n/messages/nl';

export type Lang = 'nl' | 'en';
export type Params = Record<string, string | number>;

/** Keys that come as a `.one` / `.other` pair, chosen by a count. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

const catalogues: Record<Lang, Record<MessageKey, string>> = { nl, en };
const TIME_ZONE = 'Europe/Brussels';
const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Brussels as YYYY-MM-DD, the calendar due dates are compared with. */
export function brusselsToday(): string {
  return isoDate.format(new Date());
}

export interface I18n {
  lang: Lang;
  locale: string;
  t(key: MessageKey, params?: Params): string;
  tc(key: PluralKey, count: number, params?: Params): string;
  /** Whether a key exists: for codes sent by the server (statuses, roles…). */
  has(key: string): key is MessageKey;
  date(value: string | null | undefined): string;
  dateTime(value: string): string;
  number(value: number): string;
  list(items: string[]): string;
}

export function pickLang(candidates: readonly (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    const lower = c?.toLowerCase();
    if (!lower) continue;
    if (lower.startsWith('en')) return 'en';
    if (lower.startsWith('nl')) return 'nl';
  }
  return 'nl';
}

export function createI18n(lang: Lang): I18n {
  const messages = catalogues[lang];
  const locale = lang === 'nl' ? 'nl-BE' : 'en-GB';
  const fill = (text: string, params?: Params) => (params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text);
  const plural = new Intl.PluralRules(locale);
  const dateFormat = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    lang,
    locale,
    t: (key, params) => fill(messages[key], params),
    tc: (key, count, params) => {
      const form = plural.select(count) === 'one' ? 'one' : 'other';
      return fill(messages[`${key}.${form}` as MessageKey], { count, ...params });
    },
    has: (key): key is MessageKey => key in messages,
    // A date without time is noon in Brussels, so that no time zone can move it to another day.
    date: (value) => (value ? dateFormat.format(new Date(`${value.slice(0, 10)}T12:00:00Z`)) : ''),
    dateTime: (value) => dateTimeFormat.format(new Date(value)),
    number: (value) => numberFormat.format(value),
    list: (items) => listFormat.format(items),
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
