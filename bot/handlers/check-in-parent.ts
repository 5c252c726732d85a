import { z } from 'zod';
import { checkInNoteId } from '../cards/check-in-card';
import { meetingTexts } from '../i18n/meeting-texts';
import { cardResponse, errorResponse, messageResponse, type CardHandler } from './handler';
import { isConflict, meetingRefusal } from './meeting-refusals';

const input = z.object({ meetingId: z.uuid(), personId: z.uuid() });

/** The trusted person records that they were in touch with a parent after the meeting (meetings.checkIn). */
export const checkInParent: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = input.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'meetingId or personId is missing or not a UUID');
  const t = meetingTexts[lang];
  const { meetingId, personId } = parsed.data;
  const raw = data[checkInNoteId(personId)];
  const note = typeof raw === 'string' ? raw.trim() : '';
  try {
    if (note.length > 1000) {
      const card = await services.meetingViews.checkInCard(principal, meetingId, lang, { errors: { [personId]: t.noteTooLong } });
      return card ? cardResponse(card) : messageResponse(t.forbidden);
    }
    let saved;
    try {
      saved = await services.meetings.checkIn(principal, meetingId, personId, note || undefined);
    } catch (error) {
      if (isConflict(error)) return messageResponse(t.notYet);
      throw error;
    }
    const name = saved.parents.find((p) => p.personId === personId)?.displayName ?? '';
    const card = await services.meetingViews.checkInCard(principal, meetingId, lang, { banner: t.checkSaved(name) });
    return card ? cardResponse(card) : messageResponse(t.checkSaved(name));
  } catch (error) {
    return meetingRefusal(error, lang);
  }
};
