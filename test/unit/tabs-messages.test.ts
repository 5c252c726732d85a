import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { catalogues } from '../../src/shared/i18n/translator';
import { notInTabs, tabsMessages } from '../../src/shared/i18n/tabs-messages';
import { assertTabsBuilt, TABS_DIR } from '../support/live-server';

/*
 * The tabs carry one language at a time and none of the bot's or the documents' words
 * (tabs/vite.config.mts): what that leaves out must be what no tab asks for, and the first
 * view's files must hold Dutch only, English coming in a file of its own.
 */

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });

const plainWords = /^[A-Za-z ]{25,}$/;

describe('the tabs’ messages', () => {
  test('leave out exactly the bot’s and the documents’ keys, and keep every other key in both languages', () => {
    for (const lang of ['nl', 'en'] as const) {
      const all = Object.keys(catalogues[lang]);
      const kept = tabsMessages(catalogues[lang]);
      const left = all.filter((key) => !(key in kept));
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((key) => notInTabs.some((prefix) => key.startsWith(prefix)))).toBe(true);
      for (const [key, message] of Object.entries(kept)) expect(message).toBe(catalogues[lang][key as keyof (typeof catalogues)['nl']]);
      expect(Object.keys(kept).length + left.length).toBe(all.length);
    }
  });

  test('no tab asks for a key the tabs leave out', () => {
    const sources = files(path.resolve(__dirname, '../../tabs/src')).filter((f) => /\.tsx?$/.test(f));
    const leftOut = new RegExp(`['"\`]((?:${notInTabs.map((prefix) => prefix.replace('.', '\\.')).join('|')})[A-Za-z.]*)`, 'g');
    const asked = sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(leftOut)].map((m) => `${path.basename(file)}: ${m[1]}`));
    expect(asked).toEqual([]);
  });

  test('the first view’s files carry the Dutch words and neither the English ones nor the bot’s; English has a file of its own', () => {
    assertTabsBuilt();
    const html = readFileSync(path.join(TABS_DIR, 'index.html'), 'utf8');
    const firstView = [...html.matchAll(/(?:src|href)="\/tabs\/(assets\/[^"]+\.js)"/g)].map((m) => readFileSync(path.join(TABS_DIR, m[1]!), 'utf8')).join('\n');
    const kept = tabsMessages(catalogues.en);
    const english = Object.entries(kept).find(([key, message]) => plainWords.test(message!) && !Object.values(catalogues.nl).includes(message!) && key in catalogues.nl)!;
    const dutch = Object.entries(tabsMessages(catalogues.nl)).find(([, message]) => plainWords.test(message!))!;
    const bot = Object.entries(catalogues.nl).find(([key, message]) => key.startsWith('bot.') && plainWords.test(message) && !Object.values(tabsMessages(catalogues.nl)).includes(message))!;
    expect(firstView).toContain(dutch[1]);
    expect(firstView).not.toContain(english[1]);
    expect(firstView).not.toContain(bot[1]);
    const assets = files(path.join(TABS_DIR, 'assets')).filter((f) => f.endsWith('.js'));
    const withEnglish = assets.filter((f) => readFileSync(f, 'utf8').includes(english[1]!));
    expect(withEnglish).toHaveLength(1);
    expect(html).not.toContain(path.basename(withEnglish[0]!));
  });
});
