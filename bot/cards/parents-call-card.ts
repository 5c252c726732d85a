import { meetingTexts } from '../i18n/meeting-texts';
import type { Lang } from '../i18n/texts';
import { card, container, facts, text, type Card, type Element } from './elements';
import { clip, meetingFacts, withinBudget, type MeetingHead } from './meeting-parts';

export interface ParentToCall {
  personId: string;
  displayName: string;
  phone: string | null;
  contactPreference: string;
  response: string;
}

export interface ParentsCallView {
  lang: Lang;
  meeting: MeetingHead;
  parents: ParentToCall[];
}

/** A number as a tel: link, which Teams mobile opens in the phone's dialler. */
function phoneText(phone: string): string {
  const dial = phone.replace(/[^\d+]/g, '');
  return dial.length >= 6 ? `[${phone}](tel:${dial})` : phone;
}

/**
 * The day before the meeting, to the trusted person only (their personal chat, never a channel):
 * the parents they accompany, with how to reach them.
 */
export function parentsCallCard(view: ParentsCallView): Card {
  const t = meetingTexts[view.lang];
  const rows: Element[] = view.parents.map((p) =>
    container(
      [
        text(clip(p.displayName, 120), { weight: 'bolder' }),
        facts([
          [t.phone, p.phone ? phoneText(p.phone) : t.noPhone],
          [t.prefers, t.preferences[p.contactPreference] ?? p.contactPreference],
          [t.response, t.responses[p.response] ?? p.response],
        ]),
      ],
      { separator: true },
    ),
  );
  return card([
    container([text(t.callTitle(clip(view.meeting.title, 150)), { size: 'medium', weight: 'bolder', id: 'title' }), text(t.callIntro, { spacing: 'small' })], { style: 'accent' }),
    meetingFacts(view.lang, view.meeting),
    ...withinBudget(rows, 20_000, t.moreParents),
    text(t.privateNote, { isSubtle: true, size: 'small' }),
  ]);
}
