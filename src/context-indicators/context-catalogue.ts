/*
 * The context indicators of the roadmap's environment analysis. The catalogue lives in code, not
 * in a table: every municipality compares the same figures, and the tabs name them from their
 * own messages (context.indicator.<code>), so the server only sends codes.
 */

export const contextUnits = ['count', 'percent', 'index'] as const;
export type ContextUnit = (typeof contextUnits)[number];

export const contextLevels = ['municipality', 'arrondissement', 'province', 'region'] as const;
export type ContextLevel = (typeof contextLevels)[number];

export const contextGroups = ['demography', 'vulnerable_families'] as const;

export interface ContextIndicator {
  code: string;
  /** The Dutch name in exports; the tabs name it from their own messages. */
  nameNl: string;
  group: (typeof contextGroups)[number];
  unit: ContextUnit;
  /** Whether a higher value points at more pressure (and so a municipality above the region is flagged). */
  higherMeansPressure: boolean;
  /** Dutch names and spellings a published file may use for it, lower case and without accents. */
  aliases: readonly string[];
}

export const contextCatalogue = [
  { code: 'population', nameNl: 'Bevolking', group: 'demography', unit: 'count', higherMeansPressure: false, aliases: ['bevolking', 'inwoners', 'aantal inwoners'] },
  { code: 'youth_0_2', nameNl: 'Kinderen van 0 tot 2 jaar (% van de bevolking)', group: 'demography', unit: 'percent', higherMeansPressure: false, aliases: ['jongeren 0-2', 'kinderen 0-2 jaar', '0-2 jaar'] },
  { code: 'youth_3_5', nameNl: 'Kinderen van 3 tot 5 jaar (% van de bevolking)', group: 'demography', unit: 'percent', higherMeansPressure: false, aliases: ['jongeren 3-5', 'kinderen 3-5 jaar', '3-5 jaar'] },
  { code: 'youth_6_11', nameNl: 'Kinderen van 6 tot 11 jaar (% van de bevolking)', group: 'demography', unit: 'percent', higherMeansPressure: false, aliases: ['jongeren 6-11', 'kinderen 6-11 jaar', '6-11 jaar'] },
  { code: 'youth_12_17', nameNl: 'Jongeren van 12 tot 17 jaar (% van de bevolking)', group: 'demography', unit: 'percent', higherMeansPressure: false, aliases: ['jongeren 12-17', 'jongeren 12-17 jaar', '12-17 jaar'] },
  { code: 'green_pressure', nameNl: 'Groene druk', group: 'demography', unit: 'index', higherMeansPressure: true, aliases: ['groene druk'] },
  { code: 'families_with_children', nameNl: 'Gezinnen met kinderen (% van de huishoudens)', group: 'demography', unit: 'percent', higherMeansPressure: false, aliases: ['gezinnen met kinderen', 'huishoudens met kinderen'] },
  { code: 'single_parent_families', nameNl: 'Eenoudergezinnen (% van de gezinnen met kinderen)', group: 'vulnerable_families', unit: 'percent', higherMeansPressure: true, aliases: ['eenoudergezinnen', 'alleenstaande ouders'] },
  { code: 'increased_reimbursement', nameNl: 'Verhoogde tegemoetkoming (% van de bevolking)', group: 'vulnerable_families', unit: 'percent', higherMeansPressure: true, aliases: ['verhoogde tegemoetkoming', 'verhoogde terugbetaling', 'rechthebbenden verhoogde tegemoetkoming'] },
  { code: 'social_assistance_dependants', nameNl: 'Leefloon met gezinslast (% van de bevolking)', group: 'vulnerable_families', unit: 'percent', higherMeansPressure: true, aliases: ['leefloon met gezinslast', 'leefloongerechtigden met gezinslast', 'leefloners met gezinslast'] },
  { code: 'births_deprived_families', nameNl: 'Geboorten in kwetsbare gezinnen (Kind en Gezin)', group: 'vulnerable_families', unit: 'count', higherMeansPressure: true, aliases: ['geboorten in kansarme gezinnen', 'geboortes in kansarme gezinnen'] },
  { code: 'young_unemployed', nameNl: 'Werkzoekende jongeren (% van de jongeren)', group: 'vulnerable_families', unit: 'percent', higherMeansPressure: true, aliases: ['jonge werklozen', 'werkzoekende jongeren', 'jongerenwerkloosheid'] },
  { code: 'young_social_assistance', nameNl: 'Jongeren met een leefloon (% van de jongeren)', group: 'vulnerable_families', unit: 'percent', higherMeansPressure: true, aliases: ['jonge leefloners', 'jongeren met leefloon', 'jonge leefloongerechtigden'] },
  { code: 'deprivation_index', nameNl: 'Kansarmoede-index van Kind en Gezin (%)', group: 'vulnerable_families', unit: 'percent', higherMeansPressure: true, aliases: ['kansarmoede-index', 'kansarmoedeindex', 'kansarmoede-index kind en gezin', 'kansarmoedeindex kind en gezin'] },
] as const satisfies readonly ContextIndicator[];

export type ContextIndicatorCode = (typeof contextCatalogue)[number]['code'];
export const contextIndicatorCodes = contextCatalogue.map((i) => i.code) as [ContextIndicatorCode, ...ContextIndicatorCode[]];

const byCode = new Map<string, ContextIndicator>(contextCatalogue.map((i) => [i.code, i]));

export function contextIndicator(code: string): ContextIndicator | undefined {
  return byCode.get(code);
}

/** Lower case, accents and surrounding/double spaces gone, en dashes as hyphens: how file headers and names are compared. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const byName = new Map<string, ContextIndicator>();
for (const indicator of contextCatalogue) {
  byName.set(indicator.code, indicator);
  for (const alias of indicator.aliases) byName.set(normaliseLabel(alias), indicator);
}

/** The indicator a file names by its code or one of its Dutch names. */
export function findContextIndicator(name: string): ContextIndicator | undefined {
  const key = normaliseLabel(name);
  return byName.get(key) ?? byName.get(key.replace(/ /g, '_'));
}

const levelNames: Record<string, ContextLevel> = {
  municipality: 'municipality',
  gemeente: 'municipality',
  arrondissement: 'arrondissement',
  arr: 'arrondissement',
  province: 'province',
  provincie: 'province',
  region: 'region',
  gewest: 'region',
  'vlaams gewest': 'region',
  vlaanderen: 'region',
  'vlaamse gewest': 'region',
};

export function findContextLevel(name: string): ContextLevel | undefined {
  return levelNames[normaliseLabel(name)];
}

/*
 * The deviation rule, in one place: a municipality is flagged when, in the latest year for which
 * both it and the Flemish region have a value, it is more than DEVIATION_THRESHOLD worse than the
 * region (relative to the region's value). Only rates and indices are compared: a count depends on
 * the size of the area. "Worse" follows the indicator's direction; neutral indicators are shown
 * but never flagged.
 */
export const DEVIATION_THRESHOLD = 0.1;

export interface DeviationInput {
  indicator: string;
  year: number;
  level: ContextLevel;
  value: number;
}

export interface Deviation {
  indicator: string;
  year: number;
  municipality: number;
  region: number;
  /** (municipality − region) / |region|, rounded to 4 decimals. */
  relativeDifference: number;
  flagged: boolean;
}

export function assessDeviations(values: readonly DeviationInput[]): Deviation[] {
  const out: Deviation[] = [];
  for (const indicator of contextCatalogue) {
    if (indicator.unit === 'count') continue;
    const mine = new Map<number, number>();
    const region = new Map<number, number>();
    for (const v of values) {
      if (v.indicator !== indicator.code) continue;
      if (v.level === 'municipality') mine.set(v.year, v.value);
      if (v.level === 'region') region.set(v.year, v.value);
    }
    const years = [...mine.keys()].filter((y) => region.has(y)).sort((a, b) => b - a);
    const year = years[0];
    if (year === undefined) continue;
    const m = mine.get(year)!;
    const r = region.get(year)!;
    if (r === 0) continue;
    const relative = Math.round(((m - r) / Math.abs(r)) * 10_000) / 10_000;
    out.push({ indicator: indicator.code, year, municipality: m, region: r, relativeDifference: relative, flagged: indicator.higherMeansPressure && relative > DEVIATION_THRESHOLD });
  }
  return out;
}
