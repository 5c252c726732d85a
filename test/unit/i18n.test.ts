import fc from 'fast-check';
import { IntlMessageFormat } from 'intl-messageformat';
import { formatDate, formatMoment, langOf, texts } from '../../bot/i18n/texts';
import { amountForApi, parseAmount } from '../../src/shared/i18n/numbers';
import { createTranslator, pairToIcu, pickLang } from '../../src/shared/i18n/translator';

/* The shared translator (ICU on intl-messageformat) and the Belgian reading of numbers. */
const nl = createTranslator('nl');
const en = createTranslator('en');

describe('ICU plurals', () => {
  test.each([
    [0, '0 acties', '0 actions'],
    [1, '1 actie', '1 action'],
    [2, '2 acties', '2 actions'],
    [1500, '1.500 acties', '1,500 actions'],
  ])('%i: "%s" / "%s"', (count, dutch, english) => {
    expect(nl.tc('plan.actionsCount', count)).toBe(dutch);
    expect(en.tc('plan.actionsCount', count)).toBe(english);
    // tc is t with a count: the same message either way.
    expect(nl.t('plan.actionsCount', { count })).toBe(dutch);
  });

  test('a plural beside other arguments, and an exact =0 case', () => {
    expect(nl.t('bot.matches', { count: 1, term: 'sport' })).toBe('1 actie gevonden voor "sport":');
    expect(en.t('bot.matches', { count: 2, term: 'sport' })).toBe('2 actions found for "sport":');
    expect(nl.t('bot.overviewOverdue', { count: 0 })).toBe('Niets over tijd.');
    expect(nl.t('bot.overviewOverdue', { count: 1 })).toBe('1 actie is over tijd.');
    expect(en.t('bot.overviewOverdue', { count: 3 })).toBe('3 actions are overdue.');
    expect(nl.t('bot.followUpBeforeDue', { days: 1, date: '14 maart 2026' })).toBe('Over 1 dag (14 maart 2026) is de einddatum van deze actie. Hoe staat ze ervoor?');
    expect(en.t('bot.followUpOverdue', { weeks: 2 })).toMatch(/^This action is 2 weeks overdue\./);
  });

  test('a .one/.other pair (as feature files may still write them) reads as one ICU plural', () => {
    const icu = pairToIcu('1 punt', '{count} punten');
    const format = (n: number) => new IntlMessageFormat(icu, 'nl-BE').format({ count: n });
    expect([0, 1, 2].map(format)).toEqual(['0 punten', '1 punt', '2 punten']);
  });

  test('the bot speaks through the same catalogue', () => {
    expect(texts.nl.yourOpenActions(1)).toBe('Je hebt 1 open actie:');
    expect(texts.nl.yourOpenActions(4)).toBe('Je hebt 4 open acties:');
    expect(texts.en.moreActions(1)).toBe('There is 1 more. Find it with "action [search]".');
    expect(texts.nl.moreActions(2)).toBe('Er zijn nog 2 acties. Zoek ze met "actie [zoekterm]".');
    expect(texts.nl.unknownCommand('')).toBe('Dat begrijp ik niet. Typ "hulp" voor wat ik kan.');
    expect(texts.nl.unknownCommand('weer')).toBe('Dat begrijp ik niet ("weer"). Typ "hulp" voor wat ik kan.');
    expect(texts.nl.dueDate).toBe(nl.t('bot.dueDate'));
  });

  test('a missing parameter shows the placeholder instead of breaking the view', () => {
    expect(nl.t('bot.noMatches')).toBe('Geen acties gevonden voor "{term}".');
    expect(nl.has('plan.actionsCount')).toBe(true);
    expect(nl.has('no.such.key')).toBe(false);
  });
});

describe('Belgian dates and numbers, Brussels time', () => {
  test('dates', () => {
    expect(nl.date('2026-03-14')).toBe('14 mrt 2026');
    expect(nl.date('2026-03-14', 'long')).toBe('14 maart 2026');
    expect(en.date('2026-03-14', 'long')).toBe('14 March 2026');
    expect(nl.date(null)).toBe('');
    // Half past midnight in Brussels is still the evening before in UTC: the calendar day is Brussels'.
    expect(nl.date('2026-03-14T23:30:00Z')).toBe('15 mrt 2026');
    expect(formatDate('nl', '2026-12-01')).toBe('1 december 2026');
    expect(formatDate('nl', null)).toBe('geen');
    expect(formatDate('en', null)).toBe('none');
  });

  test('moments in Brussels time, winter and summer', () => {
    expect(nl.dateTime('2026-03-14T13:00:00Z')).toMatch(/za 14 mrt.*14:00/);
    expect(nl.dateTime('2026-07-01T12:00:00Z', 'long')).toMatch(/woensdag 1 juli.*14:00/);
    expect(formatMoment('en', new Date('2026-07-01T12:00:00Z'))).toMatch(/Wednesday 1 July.*14:00/);
  });

  test('numbers', () => {
    expect(nl.number(1500.5)).toBe('1.500,5');
    expect(nl.number(1234567.891)).toBe('1.234.567,89');
    expect(en.number(1500.5)).toBe('1,500.5');
    expect(nl.list(['a', 'b', 'c'])).toBe('a, b en c');
  });

  test('the language of a Teams locale', () => {
    expect(langOf('nl-BE')).toBe('nl');
    expect(langOf('en-US')).toBe('en');
    expect(langOf('fr-BE')).toBe('nl');
    expect(langOf(undefined)).toBe('nl');
    expect(pickLang([null, 'EN-gb'])).toBe('en');
  });
});

describe('parseAmount', () => {
  test.each([
    ['1.500,50', 1500.5],
    ['1500,5', 1500.5],
    ['1 500,50', 1500.5],
    ['1\u202f500,50', 1500.5],
    ['1500.50', 1500.5],
    ['1.500', 1500],
    ['1.500.000', 1_500_000],
    ['0,8', 0.8],
    [',5', 0.5],
    ['0.500', 0.5],
    ['1,500.50', 1500.5],
    ['€ 1.500,50', 1500.5],
    ['-12,5', -12.5],
    ['  42 ', 42],
  ])('Dutch: %s is %d', (text, value) => {
    expect(parseAmount(text, 'nl')).toEqual({ ok: true, value });
  });

  test.each([
    ['1,500.50', 1500.5],
    ['1,500', 1500],
    ['1.5', 1.5],
    ['1500,50', 1500.5],
    ['1.500,50', 1500.5],
  ])('English: %s is %d', (text, value) => {
    expect(parseAmount(text, 'en')).toEqual({ ok: true, value });
  });

  test('"1.500" follows the language: fifteen hundred in Dutch, one and a half in English', () => {
    expect(parseAmount('1.500', 'nl')).toEqual({ ok: true, value: 1500 });
    expect(parseAmount('1.500', 'en')).toEqual({ ok: true, value: 1.5 });
  });

  test.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['veel', 'notANumber'],
    ['12abc', 'notANumber'],
    ['1e5', 'notANumber'],
    ['€', 'notANumber'],
    ['1.50.0', 'grouping'],
    ['1,2,3', 'grouping'],
    ['1 5 00', 'grouping'],
    ['1.500.50,5', 'grouping'],
    ['12 345 67', 'grouping'],
    ['9'.repeat(30), 'tooLarge'],
  ])('rejects %j: %s', (text, reason) => {
    expect(parseAmount(text, 'nl')).toEqual({ ok: false, reason });
  });

  test('for an API: a number, null when empty, the text itself otherwise', () => {
    expect(amountForApi('1.500,50', 'nl')).toBe(1500.5);
    expect(amountForApi('  ', 'nl')).toBeNull();
    expect(amountForApi('veel', 'nl')).toBe('veel');
  });

  const cents = fc.integer({ min: -1e13, max: 1e13 }).map((c) => c / 100);

  test('reads back whatever the translator writes, in both languages', () => {
    fc.assert(
      fc.property(cents, fc.constantFrom('nl' as const, 'en' as const), (n, lang) => {
        expect(parseAmount(createTranslator(lang).number(n), lang)).toEqual({ ok: true, value: n });
      }),
      { numRuns: 2000 },
    );
  });

  test('reads back the plain form (1500.5) and the Belgian form with spaces (1 500,5)', () => {
    fc.assert(
      fc.property(cents, (n) => {
        expect(parseAmount(String(n), 'nl')).toEqual({ ok: true, value: n });
        expect(parseAmount(nl.number(n).replace(/\./g, ' '), 'nl')).toEqual({ ok: true, value: n });
      }),
      { numRuns: 1000 },
    );
  });

  test('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('nl' as const, 'en' as const), (text, lang) => {
        const parsed = parseAmount(text, lang);
        if (parsed.ok) expect(Number.isFinite(parsed.value)).toBe(true);
        else expect(['empty', 'notANumber', 'grouping', 'tooLarge']).toContain(parsed.reason);
      }),
      { numRuns: 2000 },
    );
  });
});
