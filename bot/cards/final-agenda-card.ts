import { meetingTexts } from '../i18n/meeting-texts';
import type { Lang } from '../i18n/texts';
import { card, container, text, type Card, type Element } from './elements';
import { agendaList, clip, meetingFacts, type AgendaLine, type MeetingHead } from './meeting-parts';

export interface FinalAgendaView {
  lang: Lang;
  meeting: MeetingHead;
  items: AgendaLine[];
}

/** Posted in the body's channel once the organiser fixes the agenda: what, when, where, and the join link. */
export function finalAgendaCard(view: FinalAgendaView): Card {
  const t = meetingTexts[view.lang];
  const join = /^https:\/\//.test(view.meeting.onlineJoinUrl) ? view.meeting.onlineJoinUrl : '';
  const actions: Element[] = join ? [{ type: 'Action.OpenUrl', title: t.join, url: join }] : [];
  return card(
    [
      container([text(t.finalTitle(clip(view.meeting.title, 150)), { size: 'medium', weight: 'bolder', id: 'title' }), text(t.finalIntro, { spacing: 'small' })], { style: 'good' }),
      meetingFacts(view.lang, view.meeting),
      ...agendaList(view.lang, view.items),
    ],
    { actions },
  );
}
