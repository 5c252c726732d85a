import { z } from 'zod';
import { texts } from '../i18n/texts';
import { cardResponse, errorResponse, refusal, type CardHandler } from './handler';

const input = z.object({ actionId: z.uuid(), followUpId: z.string().max(100).optional() });

/** From a list (the steering-group request): replace the card by this action's update card. */
export const openAction: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'actionId is missing or not a UUID');
  try {
    return cardResponse(await services.views.card(principal, parsed.data.actionId, lang, { followUpId: parsed.data.followUpId }));
  } catch (error) {
    return refusal(error, { forbidden: texts[lang].forbidden, notFound: texts[lang].notFound });
  }
};
