import { z } from 'zod';
import { cardResponse, errorResponse, messageResponse, type CardHandler } from './handler';
import { isConflict, meetingRefusal } from './meeting-refusals';
import { meetingTexts } from '../i18n/meeting-texts';

const input = z.object({ meetingId: z.uuid() });

/** The chair approves the minutes from their card (the meeting service checks `minutes.approve`). */
export const approveMinutes: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'meetingId is missing or not a UUID');
  const { meetingId } = parsed.data;
  try {
    try {
      await services.meetings.approveMinutes(principal, meetingId);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const card = await services.meetingViews.approvalCard(principal.tenantId, meetingId, lang, 'notWaiting');
      return card ? cardResponse(card) : messageResponse(meetingTexts[lang].notFound);
    }
    const card = await services.meetingViews.approvalCard(principal.tenantId, meetingId, lang, 'approved');
    return card ? cardResponse(card) : messageResponse(meetingTexts[lang].approved);
  } catch (error) {
    return meetingRefusal(error, lang);
  }
};
