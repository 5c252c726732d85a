import { z } from 'zod';
import { meetingTexts } from '../i18n/meeting-texts';
import { cardResponse, errorResponse, messageResponse, type CardHandler } from './handler';
import { isConflict, meetingRefusal } from './meeting-refusals';

const input = z.object({ meetingId: z.uuid(), remark: z.string().optional() });

/** The chair sends the minutes back with a remark (required: whoever wrote them needs to know why). */
export const sendBackMinutes: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'meetingId is missing or not a UUID');
  const t = meetingTexts[lang];
  const { meetingId } = parsed.data;
  const remark = (parsed.data.remark ?? '').trim();
  try {
    if (!remark || remark.length > 2000) {
      // Seen only by whoever may decide: the service is asked first.
      await services.meetings.get(principal, meetingId);
      const card = await services.meetingViews.approvalCard(principal.tenantId, meetingId, lang, 'waiting', { error: t.remarkRequired, typedRemark: parsed.data.remark?.slice(0, 2000) });
      return card ? cardResponse(card) : messageResponse(t.notFound);
    }
    try {
      await services.meetings.sendBackMinutes(principal, meetingId, remark);
    } catch (error) {
      if (!isConflict(error)) throw error;
      const card = await services.meetingViews.approvalCard(principal.tenantId, meetingId, lang, 'notWaiting');
      return card ? cardResponse(card) : messageResponse(t.notFound);
    }
    const card = await services.meetingViews.approvalCard(principal.tenantId, meetingId, lang, 'sentBack');
    return card ? cardResponse(card) : messageResponse(t.sentBack);
  } catch (error) {
    return meetingRefusal(error, lang);
  }
};
