import { agendaKinds } from '../../src/meetings/meeting-schemas';
import { meetingTexts } from '../i18n/meeting-texts';
import type { Lang } from '../i18n/texts';
import { card, choiceSet, container, execute, facts, fieldError, numberInput, text, type Card, type Element } from './elements';
import { agendaList, clip, meetingFacts, type AgendaLine, type MeetingHead } from './meeting-parts';

export interface DomainProgressLine {
  name: string;
  done: number;
  inProgress: number;
  overdue: number;
  indicatorsMoved: number;
}

export type AgendaField = 'itemTitle' | 'itemMinutes';

export interface AgendaCardView {
  lang: Lang;
  meeting: MeetingHead;
  items: AgendaLine[];
  /** A steering-group meeting: each active domain's progress since the last steering group. */
  progress: DomainProgressLine[] | null;
  /** Days until the meeting (Brussels calendar), for the intro. */
  daysLeft: number | null;
  /** propose: the form; readOnly: the viewer may not propose; closed: the agenda is fixed. */
  mode: 'propose' | 'readOnly' | 'closed';
  /** Teams ids of the body's members (at most 60, Teams' limit for user-specific views). */
  refreshUserIds: string[];
  banner?: { kind: 'saved' | 'invalid' | 'info'; text: string } | undefined;
  errors?: Partial<Record<AgendaField, string>> | undefined;
  typed?: { itemTitle?: string | undefined; itemKind?: string | undefined; itemMinutes?: number | undefined } | undefined;
}

const bannerStyle = { saved: 'good', invalid: 'attention', info: 'emphasis' } as const;

/** Teams shows a user-specific view to at most 60 users; everyone else sees the posted card. */
export const MAX_REFRESH_USERS = 60;

/**
 * Posted in the body's channel some days before the meeting: the draft agenda, for a steering
 * group each domain's progress, and a short form to propose an item. The refresh gives every
 * member their own view (the form only for who may propose), and the posted card is replaced
 * whenever a proposal comes in.
 */
export function agendaCard(view: AgendaCardView): Card {
  const t = meetingTexts[view.lang];
  const data = { meetingId: view.meeting.id, lang: view.lang };
  const intro = view.mode === 'closed' ? t.closed : view.daysLeft !== null && view.daysLeft > 0 ? t.agendaIntro(view.daysLeft) : t.agendaIntroSoon;
  const body: (Element | false)[] = [
    view.banner ? container([text(view.banner.text)], { style: bannerStyle[view.banner.kind], id: 'banner' }) : false,
    container([text(t.agendaTitle(clip(view.meeting.title, 150)), { size: 'medium', weight: 'bolder', id: 'title' }), text(intro, { spacing: 'small' })], { style: 'accent' }),
    meetingFacts(view.lang, view.meeting),
    text(t.draftAgenda, { weight: 'bolder', id: 'agenda' }),
    ...agendaList(view.lang, view.items, { showProposer: true }),
  ];
  if (view.progress?.length) {
    // One line per domain keeps ten domains readable on a phone.
    body.push(
      container([text(t.progressTitle, { weight: 'bolder' }), facts(view.progress.slice(0, 20).map((p) => [clip(p.name, 60), t.progress(p)]))], { separator: true, id: 'progress' }),
    );
  }
  const { fallback: _fallback, ...refreshAction } = execute('refreshAgenda', t.refresh, data);
  const refresh = { action: refreshAction as Element, userIds: view.refreshUserIds.slice(0, MAX_REFRESH_USERS) };
  if (view.mode !== 'propose') {
    if (view.mode === 'readOnly') body.push(text(t.readOnly, { isSubtle: true, size: 'small' }));
    return card(body, { refresh, actions: [execute('refreshAgenda', t.refresh, data, { associatedInputs: 'none' })] });
  }
  const errors = view.errors ?? {};
  const typed = view.typed ?? {};
  // The inputs sit in the card's body itself (not in a container), where every client finds them.
  body.push(
    container([text(t.proposeTitle, { weight: 'bolder' })], { separator: true, id: 'proposal' }),
    {
      type: 'Input.Text',
      id: 'itemTitle',
      label: t.itemTitle,
      placeholder: t.itemTitlePlaceholder,
      maxLength: 200,
      isRequired: true,
      errorMessage: t.itemTitleRequired,
      ...(typed.itemTitle ? { value: typed.itemTitle } : {}),
    },
    fieldError('itemTitle', errors.itemTitle),
    choiceSet({ id: 'itemKind', label: t.itemKind, value: typed.itemKind ?? 'discussion', choices: agendaKinds.map((k) => ({ title: t.kinds[k] ?? k, value: k })) }),
    numberInput({ id: 'itemMinutes', label: t.itemMinutes, value: typed.itemMinutes ?? 10, min: 1, max: 480 }),
    fieldError('itemMinutes', errors.itemMinutes),
  );
  return card(body, {
    refresh,
    actions: [execute('proposeAgendaItem', t.propose, data, { style: 'positive', associatedInputs: 'auto' }), execute('refreshAgenda', t.refresh, data, { associatedInputs: 'none' })],
  });
}
