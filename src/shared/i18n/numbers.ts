import type { Lang } from './translator';

/**
 * Reading numbers as people in Belgium type them. Pure, for the tabs, the bot's cards and the server.
 * Dutch: "1.500,50", "1500,5", "1 500,50", "€ 1.500"; and "1500.50" where the point cannot be a
 * thousands separator. English: "1,500.50", "1500.5", and a Belgian "1500,50" likewise.
 */
export type AmountError = 'empty' | 'notANumber' | 'grouping' | 'tooLarge';
export type ParsedAmount = { ok: true; value: number } | { ok: false; reason: AmountError };

/** The catalogue key that explains each reason to the user (messages `amount.error.*`). */
export const amountErrorKeys = {
  empty: 'amount.error.empty',
  notANumber: 'amount.error.notANumber',
  grouping: 'amount.error.grouping',
  tooLarge: 'amount.error.tooLarge',
} as const satisfies Record<AmountError, string>;

// Spaces people and Intl put between thousands: space, no-break space, narrow no-break space, thin space.
const SPACE = /[\u0020\u00a0\u202f\u2009]/;
const SPACES = /[\u0020\u00a0\u202f\u2009]/g;
// A first group never starts with 0: "0.500" is a half, not five hundred.
const GROUPED = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

/** Whether `digits` (no sign, no decimals) is a well-formed run of thousands groups with `sep`. */
function validGroups(digits: string, sep: '.' | ','): boolean {
  return GROUPED.test(digits) && !digits.includes(sep === '.' ? ',' : '.');
}

export function parseAmount(text: string, lang: Lang): ParsedAmount {
  let s = text.trim().replace(/^€|€$|^EUR\b|\bEUR$/gi, '').trim();
  if (s === '') return { ok: false, reason: text.trim() === '' ? 'empty' : 'notANumber' };
  let sign = 1;
  if (/^[-−+]/.test(s)) {
    if (s[0] !== '+') sign = -1;
    s = s.slice(1).trim();
  }
  // Spaces only between groups of three: "1 500,50", not "1 5 00".
  if (SPACE.test(s)) {
    const [whole, ...rest] = s.split(/[.,](?=\d*$)/);
    const groups = (whole ?? '').split(SPACES);
    if (rest.length > 1 || !/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
      return { ok: false, reason: /^[\d\s\u00a0\u202f\u2009.,]+$/.test(s) ? 'grouping' : 'notANumber' };
    }
    s = s.replace(SPACES, '');
  }
  if (!/^(?:\d+(?:[.,]\d+)*|[.,]\d+)$/.test(s)) return { ok: false, reason: /^[\d.,]+$/.test(s) ? 'grouping' : 'notANumber' };

  const thousands = lang === 'nl' ? '.' : ',';
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let whole: string;
  let fraction = '';
  if (lastDot >= 0 && lastComma >= 0) {
    // Both marks: the last one separates the decimals, the other groups thousands.
    const sep = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!validGroups(whole, sep === '.' ? ',' : '.')) return { ok: false, reason: 'grouping' };
  } else if (lastDot < 0 && lastComma < 0) {
    whole = s;
  } else {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = s.split(sep).length - 1;
    const tail = s.slice(s.lastIndexOf(sep) + 1);
    // A mark followed by groups of three is the language's call ("1.500" is fifteen hundred in
    // Dutch, one and a half in English); any other shape says which mark it is ("1500.50").
    const looksGrouped = validGroups(s, sep);
    if (count > 1 && !looksGrouped) return { ok: false, reason: 'grouping' };
    const asThousands = count > 1 || (looksGrouped && sep === thousands);
    if (asThousands) {
      whole = s;
    } else {
      whole = s.slice(0, s.lastIndexOf(sep));
      fraction = tail;
    }
  }
  const digits = whole.replace(/[.,]/g, '');
  const value = sign * Number(`${digits || '0'}.${fraction || '0'}`);
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return { ok: false, reason: 'tooLarge' };
  return { ok: true, value: value === 0 ? 0 : value };
}

/**
 * An amount typed in a form, for an API that takes numbers: the number when it reads as one,
 * null when empty, and otherwise the text as typed so that the server's 400 names the field.
 */
export function amountForApi(text: string, lang: Lang): number | string | null {
  if (text.trim() === '') return null;
  const parsed = parseAmount(text, lang);
  return parsed.ok ? parsed.value : text;
}
