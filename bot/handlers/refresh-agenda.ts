import { z } from 'zod';
import { cardResponse, errorResponse, type CardHandler } from './handler';
import { meetingRefusal } from './meeting-refusals';

const input = z.object({ meetingId: z.uuid() });

/** Universal Actions refresh (and the Refresh button): the agenda as this member should see it now. */
export const refreshAgenda: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'meetingId is missing or not a UUID');
  try {
    return cardResponse(await services.meetingViews.agendaCardFor(principal, parsed.data.meetingId, lang));
  } catch (error) {
    return meetingRefusal(error, lang);
  }
};
