import { reportTexts } from '../i18n/report-texts';
import { formatDate, type Lang } from '../i18n/texts';
import { card, container, execute, facts, fieldError, text, type Card, type Element } from './elements';
import { clip, withinBudget } from './meeting-parts';

/** What the chair's card shows: the key figures only; the full report is in the tab and the documents. */
export interface ReportCardFacts {
  id: string;
  municipality: string;
  periodStart: string;
  periodEnd: string;
  collegeDate: string | null;
  submittedByName: string | null;
  totals: { actions: number; overdue: number; indicators: number; byStatus: Record<string, number> };
  overdue: { title: string; daysOverdue: number; ownerName: string | null }[];
  decisionsRequested: string;
  budgetRequests: string;
  remark: string;
  /** Where the tab shows this report (Action.OpenUrl). */
  url: string;
}

export interface ReportChairView {
  lang: Lang;
  report: ReportCardFacts;
  /** waiting: the buttons; approved / sentBack: the outcome just recorded; notWaiting: nothing to decide. */
  outcome: 'waiting' | 'approved' | 'sentBack' | 'notWaiting';
  /** The scheduled post before the college meets says so. */
  reminder?: boolean | undefined;
  error?: string | undefined;
  typedRemark?: string | undefined;
}

const outcomeStyle = { approved: 'good', sentBack: 'warning', notWaiting: 'emphasis' } as const;
const MAX_OVERDUE = 10;

export function periodText(lang: Lang, r: Pick<ReportCardFacts, 'periodStart' | 'periodEnd'>): string {
  return `${formatDate(lang, r.periodStart)} – ${formatDate(lang, r.periodEnd)}`;
}

/** Sent to the steering group's chair in their personal chat when the report is submitted, and before the college meets. */
export function reportChairCard(view: ReportChairView): Card {
  const t = reportTexts[view.lang];
  const r = view.report;
  const data = { reportId: r.id, lang: view.lang };
  const by = r.totals.byStatus;
  const banner = view.outcome === 'waiting' ? undefined : { approved: t.approved, sentBack: t.sentBackDone, notWaiting: t.notWaiting }[view.outcome];
  const intro = view.reminder && r.collegeDate ? t.chairReminder(formatDate(view.lang, r.collegeDate)) : t.chairIntro;
  const overdue = r.overdue.slice(0, MAX_OVERDUE).map((o) => text(t.overdueLine(clip(o.title, 160), o.daysOverdue, o.ownerName), { spacing: 'none', size: 'small' }));
  if (r.overdue.length > MAX_OVERDUE) overdue.push(text(t.moreOverdue(r.overdue.length - MAX_OVERDUE), { isSubtle: true, size: 'small' }));
  const body: (Element | false)[] = [
    banner ? container([text(banner)], { style: outcomeStyle[view.outcome as keyof typeof outcomeStyle], id: 'banner' }) : false,
    container([text(t.chairTitle(clip(r.municipality, 120)), { size: 'medium', weight: 'bolder', id: 'title' }), ...(view.outcome === 'waiting' ? [text(intro, { spacing: 'small' })] : [])], { style: 'accent' }),
    facts([
      [t.period, periodText(view.lang, r)],
      [t.collegeDate, r.collegeDate ? formatDate(view.lang, r.collegeDate) : '—'],
      [t.submittedBy, r.submittedByName ?? '—'],
      [t.actions, t.actionsLine(r.totals.actions, by.done ?? 0, by.in_progress ?? 0, by.planned ?? 0)],
      [t.overdueCount, String(r.totals.overdue)],
      [t.indicators, String(r.totals.indicators)],
    ]),
    text(t.overdueTitle, { weight: 'bolder' }),
    ...(overdue.length ? withinBudget(overdue, 6000, t.moreOverdue) : [text(t.noOverdue, { isSubtle: true, spacing: 'none' })]),
    text(t.decisionsTitle, { weight: 'bolder' }),
    text(r.decisionsRequested.trim() ? clip(r.decisionsRequested.trim(), 2000) : t.nothingWritten, { spacing: 'none', id: 'decisions' }),
    ...(r.budgetRequests.trim() ? [text(t.budgetTitle, { weight: 'bolder' }), text(clip(r.budgetRequests.trim(), 1200), { spacing: 'none' })] : []),
  ];
  const open: Element = { type: 'Action.OpenUrl', title: t.open, url: r.url };
  const fallbackText = t.fallback(r.municipality, periodText(view.lang, r));
  if (view.outcome !== 'waiting') return { ...card(body, { actions: [open] }), fallbackText };
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
  return {
    ...card(body, {
      actions: [
        open,
        // Approving needs no remark: the client must not insist on the required field for it.
        execute('approveReport', t.approve, data, { style: 'positive', associatedInputs: 'none' }),
        execute('sendBackReport', t.sendBack, data, { associatedInputs: 'auto' }),
      ],
    }),
    fallbackText,
  };
}
