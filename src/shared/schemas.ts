import { z } from 'zod';
import { adjustments } from './enums';
import type { Row } from './resource-repository';

export const uuid = z.uuid({ message: 'must be a UUID' });

/*
 * Wide enough for any policy cycle, narrow enough that a typo (year 0000 or 20266, which
 * PostgreSQL refuses) is a 400 on the field, and that date arithmetic on it (reminders)
 * never leaves four-digit years.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;
const yearMessage = `the year must be between ${MIN_YEAR} and ${MAX_YEAR}`;

/** Zod runs refinements on text that already failed the format: only well-formed text is judged here. */
function yearInRange(text: string): boolean {
  if (!/^\d{4}-/.test(text)) return true;
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function instantInRange(text: string): boolean {
  const instant = new Date(text);
  // An offset can move a date-time across a year boundary; what is stored is the UTC instant.
  return yearInRange(text) && (Number.isNaN(instant.getTime()) || yearInRange(instant.toISOString()));
}

/** Real calendar dates only: the ISO pattern already refuses 2024-02-30. */
export const dateOnly = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).refine(yearInRange, yearMessage);
export const timestamp = z.iso.datetime({ offset: true, message: 'must be a date-time with offset (ISO 8601)' }).refine(instantInRange, yearMessage);

/** PostgreSQL `integer` columns: a larger number would fail in the database instead of on the field. */
export const INT4_MAX = 2_147_483_647;
/** A sort position: integer, 0 or more, fits an `integer` column. */
export const position = z.int().min(0, 'must not be negative').max(INT4_MAX, 'too large');
export const shortText = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
export const longText = (max = 5000) => z.string().max(max, `at most ${max} characters`);

/** A PATCH body: the create fields, all optional, at least one present. */
export function patchOf<T extends z.ZodRawShape>(shape: z.ZodObject<T>) {
  return shape
    .partial()
    .strict()
    .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
}

export const rowMeta = {
  id: uuid,
  createdAt: z.string(),
};

/** Rows as the API shows them: no tenant id (implied by the token), timestamps as ISO text. */
export function publicRow<T>(row: Row): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'tenantId') continue;
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out as T;
}

/**
 * The evaluation's verdict on an objective or action (kept, changed, stopped) and its reason.
 * Changing or stopping something needs a reason, given in the same request.
 */
export const adjustmentFields = {
  adjustment: z.enum(adjustments).nullable().optional().describe('kept, changed or stopped, as the evaluation decided; stopped ones are not carried into the next period'),
  adjustmentReason: z.string().max(2000, 'at most 2000 characters').optional().describe('why (needed for changed and stopped)'),
};
export const adjustmentOutputFields = {
  adjustment: z.enum(adjustments).nullable(),
  adjustmentReason: z.string(),
  originId: z.uuid().nullable().describe('the row this one continues in the previous policy period'),
};
export const reasonGiven = (v: { adjustment?: string | null | undefined; adjustmentReason?: string | undefined }) =>
  !(v.adjustment === 'changed' || v.adjustment === 'stopped') || Boolean(v.adjustmentReason?.trim());
export const reasonIssue = { message: 'give the reason for changing or stopping it', path: ['adjustmentReason'] };
