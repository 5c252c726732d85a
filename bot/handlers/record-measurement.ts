import { z } from 'zod';
import { AppError } from '../../src/http/problems';
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

/** "3,5" as Flemish users type it, as well as 3.5. */
function parseValue(raw: string | number | undefined): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const text = (raw ?? '').trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? value : undefined;
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
  const value = parseValue(d.value);
  if (value === undefined) errors.value = t.valueRequired;
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
