import { meetingTexts } from '../i18n/meeting-texts';
import type { Lang } from '../i18n/texts';
import { card, container, execute, fieldError, text, type Card, type Element } from './elements';
import { clip, meetingFacts, minutesSummary, type MeetingHead, type MinutesSummary } from './meeting-parts';

export interface MinutesApprovalView {
  lang: Lang;
  meeting: MeetingHead;
  minutes: MinutesSummary;
  /** waiting: the buttons; approved / sentBack: the outcome just recorded; notWaiting: nothing to decide. */
  outcome: 'waiting' | 'approved' | 'sentBack' | 'notWaiting';
  error?: string | undefined;
  typedRemark?: string | undefined;
}

const outcomeStyle = { approved: 'good', sentBack: 'warning', notWaiting: 'emphasis' } as const;

/** Sent to the body's chair in their personal chat when the minutes are submitted. */
export function minutesApprovalCard(view: MinutesApprovalView): Card {
  const t = meetingTexts[view.lang];
  const data = { meetingId: view.meeting.id, lang: view.lang };
  const banner = view.outcome === 'waiting' ? undefined : { approved: t.approved, sentBack: t.sentBack, notWaiting: t.notWaiting }[view.outcome];
  const body: (Element | false)[] = [
    banner ? container([text(banner)], { style: outcomeStyle[view.outcome as keyof typeof outcomeStyle], id: 'banner' }) : false,
    container([text(t.approvalTitle(clip(view.meeting.title, 150)), { size: 'medium', weight: 'bolder', id: 'title' }), view.outcome === 'waiting' ? text(t.approvalIntro, { spacing: 'small' }) : false].filter((e): e is Element => Boolean(e)), {
      style: 'accent',
    }),
    meetingFacts(view.lang, view.meeting),
    ...minutesSummary(view.lang, view.minutes),
  ];
  if (view.outcome !== 'waiting') return card(body);
  body.push(
    {
      type: 'Input.Text',
      id: 'remark',
      label: t.remark,
      isMultiline: true,
      maxLength: 2000,
      isRequired: true,
      errorMessage: t.remarkRequired,
      ...(view.typedRemark ? { value: view.typedRemark } : {}),
    },
    fieldError('remark', view.error),
  );
  return card(body, {
    actions: [
      // Approving needs no remark: the client must not insist on the required field for it.
      execute('approveMinutes', t.approve, data, { style: 'positive', associatedInputs: 'none' }),
      execute('sendBackMinutes', t.sendBack, data, { associatedInputs: 'auto' }),
    ],
  });
}
