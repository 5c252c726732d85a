import { AppError } from '../../src/shared/errors';
import { meetingTexts } from '../i18n/meeting-texts';
import type { Lang } from '../i18n/texts';
import { refusal } from './handler';
import type { CardActionResponse } from '../transport/conversation-reference';

/** A meeting card's 403 / 404 as the user reads it; anything else is rethrown. */
export function meetingRefusal(error: unknown, lang: Lang): CardActionResponse {
  const t = meetingTexts[lang];
  return refusal(error, { forbidden: t.forbidden, notFound: t.notFound });
}

export const isConflict = (error: unknown): boolean => error instanceof AppError && error.status === 409;
export const isInvalid = (error: unknown): error is AppError => error instanceof AppError && error.status === 400;
