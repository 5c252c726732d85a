import { z } from 'zod';
import { AppError } from '../../src/shared/errors';
import { amountErrorKeys, parseAmount, type AmountError } from '../../src/shared/i18n/numbers';
import { createTranslator, type Lang } from '../../src/shared/i18n/translator';
import { dateOnly } from '../../src/shared/schemas';
import type { MeasurementField } from '../cards/measurement-card';
import { measurementTexts } from '../i18n/measurement-texts';
import { cardResponse, errorResponse, refusal, type CardHandler } from './handler';

const envelope = z.object({
  planId: z.uuid(),
  followUpId: z.string().max(100).optional(),
  // Inputs arrive as the client sends them (Input.Number may come as text): checked one by one below.
  value: z.union([z.string(), z.number()]).optional(),
  measuredOn: z.string().optional(),
  note: z.string().optional(),
});

/** The value as typed on the card, the Belgian way ("1.500,50", "3,5") or plainly; a number from a client that sends one. */
function parseValue(raw: string | number | undefined, lang: Lang): { value: number } | { error: AmountError } {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw } : { error: 'notANumber' };
  const parsed = parseAmount(raw ?? '', lang);
  if (!parsed.ok) return { error: parsed.reason };
  return Math.abs(parsed.value) < 1e15 ? { value: parsed.value } : { error: 'tooLarge' };
}

/**
 * Records the value a measurer typed on a measurement card, through the measurements' create
 * (permission, audit), and answers the card in its saved state, or with the errors by the fields.
 */
export const recordMeasurement: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = envelope.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'The card data is incomplete: planId is required');
  const t = measurementTexts[lang];
  const d = parsed.data;
  const typed = { value: d.value === undefined ? undefined : String(d.value), measuredOn: d.measuredOn, note: d.note };
  const errors: Partial<Record<MeasurementField, string>> = {};
  const read = parseValue(d.value, lang);
  const value = 'value' in read ? read.value : undefined;
  if ('error' in read) errors.value = read.error === 'empty' || read.error === 'notANumber' ? t.valueRequired : createTranslator(lang).t(amountErrorKeys[read.error]);
  const measuredOn = dateOnly.safeParse(d.measuredOn ?? '');
  if (!measuredOn.success) errors.measuredOn = t.dateRequired;
  const note = d.note?.trim() ?? '';
  if (note.length > 1000) errors.note = t.tooLong;
  try {
    if (Object.keys(errors).length || value === undefined || !measuredOn.success) {
      return cardResponse(await services.measurements.card(principal, d.planId, lang, { errors, typed, followUpId: d.followUpId }));
    }
    return cardResponse(await services.measurements.record(principal, d.planId, { value, measuredOn: measuredOn.data, note }, lang, d.followUpId));
  } catch (error) {
    // A 400 from the service (a field it checks that the card did not) shows by the value.
    if (error instanceof AppError && error.status === 400) {
      return cardResponse(await services.measurements.card(principal, d.planId, lang, { errors: { value: t.valueRequired }, typed, followUpId: d.followUpId }));
    }
    return refusal(error, { forbidden: t.forbidden, notFound: t.notFound });
  }
};
