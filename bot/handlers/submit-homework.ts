import { z } from 'zod';
import { homeworkCard, homeworkRefusals } from '../cards/homework-card';
import { cardResponse, errorResponse, refusal, type CardHandler } from './handler';

const MAX = 4000;
const input = z.object({
  trajectoryId: z.uuid(),
  caseText: z.string().max(MAX).optional(),
  dreamText: z.string().max(MAX).optional(),
});

/** Saves a steering-group member's homework (a case and a dream) through the steering service. */
export const submitHomework: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, `trajectoryId is missing, or an answer is longer than ${MAX} characters`);
  const { trajectoryId } = parsed.data;
  const caseText = parsed.data.caseText?.trim() ?? '';
  const dreamText = parsed.data.dreamText?.trim() ?? '';
  try {
    if (!caseText && !dreamText) {
      const own = await services.steering.ownHomework(principal, trajectoryId);
      return cardResponse(homeworkCard({ lang, trajectoryId, trajectoryName: own.trajectoryName, caseText: own.caseText, dreamText: own.dreamText, error: 'empty' }));
    }
    const saved = await services.steering.submitHomework(principal, trajectoryId, { caseText, dreamText });
    return cardResponse(homeworkCard({ lang, trajectoryId, ...saved, saved: true }));
  } catch (error) {
    return refusal(error, homeworkRefusals(lang));
  }
};
