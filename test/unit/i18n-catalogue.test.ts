import { IntlMessageFormat } from 'intl-messageformat';
import { catalogues, createTranslator, localeOf, type Lang } from '../../src/shared/i18n/translator';

/*
 * The one message catalogue (src/shared/i18n/messages), read by the tabs and the bot: every
 * message is valid ICU, Dutch and English have the same keys and the same arguments, and the
 * Dutch uses one word for one thing.
 */

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }>; children?: Element[] };
// intl-messageformat's element types: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural.
const NAMED = new Set([1, 2, 3, 4, 5, 6]);

function astOf(message: string, lang: Lang): Element[] {
  return new IntlMessageFormat(message, localeOf(lang), undefined, { ignoreTag: true }).getAst() as unknown as Element[];
}

/** Every argument a message takes, with its kind ("count:plural", "name:argument"). */
function argumentsOf(elements: Element[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (NAMED.has(e.type)) into.add(`${String(e.value)}:${['', 'argument', 'number', 'date', 'time', 'select', 'plural'][e.type]}`);
    for (const option of Object.values(e.options ?? {})) argumentsOf(option.value, into);
    if (e.children) argumentsOf(e.children, into);
  }
  return into;
}

const keys = (lang: Lang) => Object.keys(catalogues[lang]).sort();

test('Dutch and English have exactly the same keys', () => {
  const nl = keys('nl');
  const en = keys('en');
  expect(nl.filter((k) => !en.includes(k))).toEqual([]);
  expect(en.filter((k) => !nl.includes(k))).toEqual([]);
  expect(nl.length).toBeGreaterThan(1000);
});

test('every message parses as ICU, in both languages', () => {
  const broken: string[] = [];
  for (const lang of ['nl', 'en'] as const) {
    for (const [key, message] of Object.entries(catalogues[lang])) {
      try {
        astOf(message, lang);
      } catch (error) {
        broken.push(`${lang} ${key}: ${(error as Error).message}`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test('each key takes the same ICU arguments in Dutch and English', () => {
  const differ: string[] = [];
  for (const [key, nlMessage] of Object.entries(catalogues.nl)) {
    const enMessage = catalogues.en[key as keyof typeof catalogues.en];
    const a = [...argumentsOf(astOf(nlMessage, 'nl'))].sort().join(', ');
    const b = [...argumentsOf(astOf(enMessage, 'en'))].sort().join(', ');
    if (a !== b) differ.push(`${key}: nl {${a}} en {${b}}`);
  }
  expect(differ).toEqual([]);
});

test('plain messages render exactly as written, apostrophes included (ICU quoting never eats one)', () => {
  const changed: string[] = [];
  for (const lang of ['nl', 'en'] as const) {
    const tr = createTranslator(lang);
    for (const [key, message] of Object.entries(catalogues[lang])) {
      if (/\{\w+,/.test(message)) continue; // plurals and selects are checked by the translator tests
      const params: Record<string, string> = {};
      for (const m of message.matchAll(/\{(\w+)\}/g)) params[m[1]!] = `«${m[1]}»`;
      const expected = message.replace(/\{(\w+)\}/g, (_m, k: string) => params[k]!);
      const got = tr.t(key as never, params);
      if (got !== expected) changed.push(`${lang} ${key}: ${JSON.stringify(got)}`);
    }
  }
  expect(changed).toEqual([]);
  // The apostrophes people read: the possessive 's in English, and the Dutch plural of a word in -a.
  const en = createTranslator('en');
  expect(en.t('phases.intro')).toContain("The roadmap's ten steps.");
  expect(en.t('bot.meeting.readOnly')).toContain("the body's members");
  expect(en.t('reports.chairRemark', { remark: 'OK' })).toBe("The chair's remark: OK");
  expect(en.tc('focus.themeCount', 2)).toBe('2 themes');
  expect(createTranslator('nl').tc('focus.themeCount', 3)).toBe('3 thema’s');
});

/**
 * One word for one thing, as ../shared/DOMAIN.md names them: "einddatum" (never deadline or
 * vervaldatum), the action's "eigenaar" (never trekker or actiehouder), "verslag" (not notulen),
 * "nulmeting" and "streefwaarde" (not beginwaarde, doelwaarde), "stuurgroep" (not stuurcomité); and
 * no words that label families as poor.
 */
const banned: [RegExp, string][] = [
  [/\bdeadlines?\b/i, 'einddatum'],
  [/\bvervaldatum/i, 'einddatum'],
  [/\btrekkers?\b/i, 'eigenaar'],
  [/\bactiehouders?\b/i, 'eigenaar'],
  [/\bactieverantwoordelijke/i, 'eigenaar'],
  [/\bnotulen\b/i, 'verslag'],
  [/\bbeginwaarde/i, 'nulmeting'],
  [/\bdoelwaarde/i, 'streefwaarde'],
  [/\bstuurcomit[ée]/i, 'stuurgroep'],
  [/\bwerkgroepsbord/i, 'werkgroepbord'],
  [/\bkansarme\b/i, 'gezinnen met een beperkt inkomen'],
  [/\barme (gezinnen|ouders|kinderen|mensen)\b/i, 'gezinnen met een beperkt inkomen'],
];

test('the Dutch catalogue uses one word for one thing', () => {
  const found: string[] = [];
  for (const [key, message] of Object.entries(catalogues.nl)) {
    for (const [word, instead] of banned) {
      if (word.test(message)) found.push(`${key}: "${message.match(word)?.[0]}" — say "${instead}"`);
    }
  }
  expect(found).toEqual([]);
});

test('the banned list itself catches what it should', () => {
  const hits = (text: string) => banned.some(([word]) => word.test(text));
  expect(hits('Nieuwe deadline')).toBe(true);
  expect(hits('De trekker van de actie')).toBe(true);
  expect(hits('Kansarmoede-index van Kind en Gezin')).toBe(false); // the official name of an indicator
  expect(hits('Nieuwe einddatum')).toBe(false);
});
