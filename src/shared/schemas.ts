import { z } from 'zod';
import type { Row } from './resource-repository';

export const uuid = z.uuid({ message: 'must be a UUID' });
export const dateOnly = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
export const timestamp = z.iso.datetime({ offset: true, message: 'must be a date-time with offset (ISO 8601)' });
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
