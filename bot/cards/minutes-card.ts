import { meetingTexts } from '../i18n/meeting-texts';
import type { Lang } from '../i18n/texts';
import { card, container, text, type Card } from './elements';
import { clip, meetingFacts, minutesSummary, type MeetingHead, type MinutesSummary } from './meeting-parts';

export interface MinutesView {
  lang: Lang;
  meeting: MeetingHead;
  minutes: MinutesSummary;
  approvedBy: string;
}

/** Posted in the body's channel once the chair approved the minutes. */
export function minutesCard(view: MinutesView): Card {
  const t = meetingTexts[view.lang];
  return card([
    container([text(t.minutesTitle(clip(view.meeting.title, 150)), { size: 'medium', weight: 'bolder', id: 'title' }), text(t.minutesIntro(view.approvedBy), { spacing: 'small' })], { style: 'good' }),
    meetingFacts(view.lang, view.meeting),
    ...minutesSummary(view.lang, view.minutes),
  ]);
}
