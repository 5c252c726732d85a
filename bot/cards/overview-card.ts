import { formatMoment, texts, type Lang } from '../i18n/texts';
import { card, container, facts, text, type Card } from './elements';

export interface OverviewCardView {
  lang: Lang;
  trajectoryName: string;
  domains: { name: string; open: number; done: number; total: number }[];
  overdueCount: number;
  overdueTitles: string[];
  nextMeeting: { title: string; startsAt: Date; bodyName: string } | null;
}

/** The trajectory at a glance: progress per domain, what is late, when the next meeting is. */
export function overviewCard(view: OverviewCardView): Card {
  const t = texts[view.lang];
  return card([
    text(t.overviewTitle(view.trajectoryName), { size: 'medium', weight: 'bolder' }),
    text(t.overviewActions, { weight: 'bolder', spacing: 'medium' }),
    facts(view.domains.map((d) => [d.name, t.overviewCounts(d.open, d.done, d.total)])),
    container(
      [text(t.overviewOverdue(view.overdueCount), { weight: 'bolder' }), ...view.overdueTitles.slice(0, 5).map((title) => text(`• ${title}`, { size: 'small', spacing: 'none' }))],
      { style: view.overdueCount ? 'warning' : 'good' },
    ),
    text(t.overviewNextMeeting, { weight: 'bolder', spacing: 'medium' }),
    text(view.nextMeeting ? `${view.nextMeeting.title} (${view.nextMeeting.bodyName}), ${formatMoment(view.lang, view.nextMeeting.startsAt)}` : t.overviewNoMeeting),
  ]);
}
