import { meetingTexts } from '../i18n/meeting-texts';
import type { Lang } from '../i18n/texts';
import { actionSet, card, container, execute, fieldError, text, textInput, type Card, type Element } from './elements';
import { clip, meetingFacts, withinBudget, type MeetingHead } from './meeting-parts';

export interface CheckInParent {
  personId: string;
  displayName: string;
  checkedIn: boolean;
  checkInNote: string;
}

export interface CheckInView {
  lang: Lang;
  meeting: MeetingHead;
  parents: CheckInParent[];
  banner?: string | undefined;
  /** By parent: an error shown under their note. */
  errors?: Record<string, string> | undefined;
}

export const checkInNoteId = (personId: string): string => `note_${personId.replace(/-/g, '')}`;

/** The day after the meeting, to the trusted person: one line per parent to record the check-in. */
export function checkInCard(view: CheckInView): Card {
  const t = meetingTexts[view.lang];
  const rows: Element[] = view.parents.map((p) => {
    const name = clip(p.displayName, 60);
    const items: (Element | false)[] = [text(name, { weight: 'bolder' })];
    if (p.checkedIn) {
      items.push(text(`✓ ${t.checkedIn}${p.checkInNote ? `: ${clip(p.checkInNote, 200)}` : ''}`, { color: 'good', spacing: 'none', id: `done_${p.personId.replace(/-/g, '')}` }));
    } else {
      const noteId = checkInNoteId(p.personId);
      items.push(
        textInput({ id: noteId, label: t.checkNote(name), maxLength: 1000, isMultiline: true }),
        fieldError(noteId, view.errors?.[p.personId]),
        actionSet([execute('checkInParent', t.checkIn(name), { meetingId: view.meeting.id, personId: p.personId, lang: view.lang }, { style: 'positive', associatedInputs: 'auto' })]),
      );
    }
    return container(items.filter((e): e is Element => Boolean(e)), { separator: true });
  });
  return card([
    view.banner ? container([text(view.banner)], { style: 'good', id: 'banner' }) : false,
    container([text(t.checkTitle(clip(view.meeting.title, 150)), { size: 'medium', weight: 'bolder', id: 'title' }), text(t.checkIntro, { spacing: 'small' })], { style: 'accent' }),
    meetingFacts(view.lang, view.meeting),
    ...withinBudget(rows, 20_000, t.moreParents),
  ]);
}
