import { IntlMessageFormat, type Formats } from 'intl-messageformat';
import type { MessageKey, nl } from './messages/nl';

/*
 * The translator without its catalogues: the tabs load only their language's messages (built
 * into them by tabs/vite.config.mts), Node takes every message of both through ./translator.
 */
export type Lang = 'nl' | 'en';
export type Params = Record<string, string | number>;
export type { MessageKey };

export const TIME_ZONE = 'Europe/Brussels';
export const langs: readonly Lang[] = ['nl', 'en'];

type Catalogue = typeof nl;
/** A catalogue as a translator gets it: all keys (Node), or those one client needs (the tabs leave out the bot's and the documents' words). */
export type Messages = Partial<Record<MessageKey, string>>;
/** Legacy `.one` / `.other` pairs, still accepted from feature files; `tc` joins them into one ICU plural. */
type PairKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];
/** Keys whose Dutch message is one ICU plural over `count`. */
type IcuPluralKey = { [K in MessageKey]: Catalogue[K] extends `${string}{count, plural,${string}` ? K : never }[MessageKey];
/** Keys chosen by a count: `tc(key, count)`. */
export type PluralKey = PairKey | IcuPluralKey;

export type DateStyle = 'short' | 'long';

export interface Translator {
  lang: Lang;
  /** The BCP 47 locale the formats follow: nl-BE, or en-GB (day before month, as in Belgium). */
  locale: string;
  t: (key: MessageKey, params?: Params) => string;
  tc: (key: PluralKey, count: number, params?: Params) => string;
  /** Whether a key exists: for codes sent by the server (statuses, roles…). */
  has: (key: string) => key is MessageKey;
  /** A calendar date ('YYYY-MM-DD' or an ISO moment): "14 mrt 2026", or "14 maart 2026" when long. */
  date: (value: string | null | undefined, style?: DateStyle) => string;
  /** A moment in Brussels time: "za 14 mrt 14:00", or "zaterdag 14 maart om 14:00" when long. */
  dateTime: (value: string | Date, style?: DateStyle) => string;
  /** A number the Belgian way (1.500,5 in Dutch), at most two decimals. */
  number: (value: number) => string;
  list: (items: string[]) => string;
}

export function localeOf(lang: Lang): string {
  return lang === 'nl' ? 'nl-BE' : 'en-GB';
}

/** The language of a locale or language list ("nl-BE", "en-US"…); the first one we speak wins, Dutch by default. */
export function pickLang(candidates: readonly (string | null | undefined)[]): Lang {
  for (const c of candidates) {
    const lower = c?.toLowerCase();
    if (!lower) continue;
    if (lower.startsWith('en')) return 'en';
    if (lower.startsWith('nl')) return 'nl';
  }
  return 'nl';
}

/** Date and time formats inside ICU messages (`{at, date, long}`) also follow Brussels time. */
const icuFormats: Partial<Formats> = {
  date: {
    short: { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' },
    medium: { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' },
    long: { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' },
    full: { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  },
  time: {
    short: { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' },
    medium: { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' },
    long: { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' },
    full: { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' },
  },
};

/** The old `{name}` substitution: only the fallback when a message cannot be formatted as ICU. */
function fill(text: string, params?: Params): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
}

/** A `.one` / `.other` pair as one ICU plural message. */
export function pairToIcu(one: string, other: string): string {
  return `{count, plural, one {${one}} other {${other}}}`;
}

function dayOf(value: string): Date {
  // A date without time is noon in UTC, so that no time zone can move it to another day.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

/** A translator of a language over the messages given; its compiled messages are cached per key. */
export function makeTranslator(lang: Lang, messages: Messages): Translator {
  const locale = localeOf(lang);
  const compiled = new Map<string, IntlMessageFormat | null>();
  const compile = (cacheKey: string, source: string): IntlMessageFormat | null => {
    let format = compiled.get(cacheKey);
    if (format === undefined) {
      try {
        // Tags stay text: a message may say "<2 jaar" without meaning markup.
        format = new IntlMessageFormat(source, locale, icuFormats, { ignoreTag: true });
      } catch {
        format = null; // not valid ICU: the catalogue test names it; users still get the words
      }
      compiled.set(cacheKey, format);
    }
    return format;
  };
  const render = (cacheKey: string, source: string, params?: Params): string => {
    const format = compile(cacheKey, source);
    if (!format) return fill(source, params);
    try {
      const out = format.format(params);
      return typeof out === 'string' ? out : [out].flat().join('');
    } catch {
      // A missing parameter: show the message with the placeholder rather than break the view.
      return fill(source, params);
    }
  };
  const has = (key: string): key is MessageKey => key in messages;

  const dateFormats: Record<DateStyle, Intl.DateTimeFormat> = {
    short: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' }),
    long: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' }),
  };
  const momentFormats: Record<DateStyle, Intl.DateTimeFormat> = {
    short: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
    long: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }),
  };
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });

  const translator: Translator = {
    lang,
    locale,
    t: (key, params) => (has(key) ? render(key, messages[key]!, params) : key),
    tc: (key, count, params) => {
      const all = { ...params, count };
      if (has(key)) return render(key, messages[key]!, all);
      const one = messages[`${key}.one` as MessageKey];
      const other = messages[`${key}.other` as MessageKey];
      if (one === undefined || other === undefined) return key;
      return render(`${key}.one|other`, pairToIcu(one, other), all);
    },
    has,
    date: (value, style = 'short') => (value ? dateFormats[style].format(dayOf(value)) : ''),
    dateTime: (value, style = 'short') => momentFormats[style].format(typeof value === 'string' ? new Date(value) : value),
    number: (value) => numberFormat.format(value),
    list: (items) => listFormat.format(items),
  };
  return translator;
}
