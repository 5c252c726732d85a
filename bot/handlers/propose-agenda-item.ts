import { z } from 'zod';
import { agendaKinds } from '../../src/meetings/meeting-schemas';
import type { AgendaField } from '../cards/agenda-card';
import { meetingTexts } from '../i18n/meeting-texts';
import { cardResponse, errorResponse, type CardHandler } from './handler';
import { isConflict, isInvalid, meetingRefusal } from './meeting-refusals';

const envelope = z.object({
  meetingId: z.uuid(),
  // Inputs as the client sends them (Input.Number may come as text): checked one by one below.
  itemTitle: z.string().optional(),
  itemKind: z.string().optional(),
  itemMinutes: z.union([z.string(), z.number()]).optional(),
});

function minutesOf(raw: string | number | undefined): number | undefined {
  if (raw === undefined || raw === '') return 10;
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
  return Number.isInteger(value) && value >= 1 && value <= 480 ? value : undefined;
}

/**
 * A member proposes an agenda item from the card: through the meeting service's addItem
 * (permission, audit, the agenda_proposed event that replaces the posted card for everyone).
 */
export const proposeAgendaItem: CardHandler = async ({ principal, lang, services }, data) => {
  const parsed = envelope.safeParse(data);
  if (!parsed.success) return errorResponse(400, 'The card data is incomplete: meetingId is required');
  const t = meetingTexts[lang];
  const d = parsed.data;
  const title = (d.itemTitle ?? '').trim();
  const kind = z.enum(agendaKinds).safeParse(d.itemKind ?? 'discussion');
  const minutes = minutesOf(d.itemMinutes);
  const typed = { itemTitle: d.itemTitle, itemKind: kind.success ? kind.data : undefined, itemMinutes: typeof d.itemMinutes === 'number' ? d.itemMinutes : undefined };
  const errors: Partial<Record<AgendaField, string>> = {};
  if (!title || title.length > 200) errors.itemTitle = t.itemTitleRequired;
  if (minutes === undefined) errors.itemMinutes = t.itemMinutesInvalid;
  try {
    if (Object.keys(errors).length || minutes === undefined) {
      return cardResponse(await services.meetingViews.agendaCardFor(principal, d.meetingId, lang, { errors, typed, banner: { kind: 'invalid', text: errors.itemTitle ?? errors.itemMinutes ?? '' } }));
    }
    try {
      const before = await services.meetings.get(principal, d.meetingId);
      await services.meetings.addItem(principal, d.meetingId, { title, kind: kind.success ? kind.data : 'discussion', durationMinutes: minutes });
      // An organiser's own item is no proposal (no event): the posted card is replaced from here.
      if (before.can.editAgenda && services.agendaChanged) await services.agendaChanged(principal.tenantId, d.meetingId).catch(() => undefined);
      const banner = { kind: 'saved' as const, text: before.can.editAgenda ? t.added(title) : t.proposed(title) };
      return cardResponse(await services.meetingViews.agendaCardFor(principal, d.meetingId, lang, { banner }));
    } catch (error) {
      if (isConflict(error)) return cardResponse(await services.meetingViews.agendaCardFor(principal, d.meetingId, lang, { banner: { kind: 'info', text: t.closed } }));
      if (isInvalid(error)) return cardResponse(await services.meetingViews.agendaCardFor(principal, d.meetingId, lang, { errors: { itemTitle: t.itemTitleRequired }, typed }));
      throw error;
    }
  } catch (error) {
    return meetingRefusal(error, lang);
  }
};
