import { qualityCriteria } from './enums';

export type QualityCriterion = (typeof qualityCriteria)[number];

/**
 * How a vision may name a quality criterion: the word itself or a form of it (stems, Dutch
 * first; the English ones for a vision written in English). A stem must start a word, so
 * "proactief" and "proactieve" count, "onzichtbaar" does not.
 */
export const criterionStems: Readonly<Record<QualityCriterion, readonly string[]>> = {
  zichtbaar: ['zichtba', 'visib'],
  gedragen: ['gedragen', 'draagvlak', 'supported'],
  krachtengericht: ['kracht', 'strength'],
  proactief: ['proactie', 'pro-actie', 'proactiv'],
  radicaal: ['radica'],
  toegankelijk: ['toegankelijk', 'accessib'],
  offensief: ['offensie', 'offensiv'],
  integraal: ['integra'],
  participatief: ['participa', 'inspraak'],
  democratisch: ['democrat'],
  effectief: ['effectie', 'doeltreffend', 'effectiv'],
};

/** "At least some": this many of the chosen criteria (or all of them, when fewer are chosen). */
export const VISION_CRITERIA_REQUIRED = 3;

export interface VisionCheck {
  chosen: QualityCriterion[];
  /** Chosen criteria the vision names. */
  named: QualityCriterion[];
  /** Chosen criteria the vision does not name (yet). */
  missing: QualityCriterion[];
  /** How many must be named for the check to pass. */
  required: number;
  ok: boolean;
}

function normalise(text: string): string {
  // "geïntegreerd", "participatíef": accents do not make another word.
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Stems are plain lowercase letters (and '-'), nothing a pattern would read as syntax.
const patterns = Object.fromEntries(
  qualityCriteria.map((c) => [c, criterionStems[c].map((stem) => new RegExp(`(^|[^\\p{L}])${stem}`, 'u'))]),
) as Record<QualityCriterion, RegExp[]>;

export function namesCriterion(vision: string, criterion: QualityCriterion): boolean {
  const text = normalise(vision);
  return patterns[criterion].some((pattern) => pattern.test(text));
}

/** Pure, shared by the API (the sessions answer) and the tab (while typing). */
export function checkVision(vision: string, chosen: readonly string[]): VisionCheck {
  const known = qualityCriteria.filter((c) => chosen.includes(c));
  const named = known.filter((c) => namesCriterion(vision, c));
  const missing = known.filter((c) => !named.includes(c));
  const required = Math.min(VISION_CRITERIA_REQUIRED, known.length);
  return { chosen: known, named, missing, required, ok: known.length > 0 && named.length >= required };
}
