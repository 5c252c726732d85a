import { reportTexts } from '../i18n/report-texts';
import type { Lang } from '../i18n/texts';
import { card, container, facts, text, type Card } from './elements';
import { clip } from './meeting-parts';
import { periodText, type ReportCardFacts } from './report-chair-card';

export interface ReportSentBackView {
  lang: Lang;
  report: Pick<ReportCardFacts, 'id' | 'municipality' | 'periodStart' | 'periodEnd' | 'remark' | 'url'>;
  chairName: string | null;
}

/** To the coordinator(s): the chair sent the report back; the remark, and the way to the tab to edit and resubmit. */
export function reportSentBackCard(view: ReportSentBackView): Card {
  const t = reportTexts[view.lang];
  const r = view.report;
  return {
    ...card(
      [
        container([text(t.sentBackTitle(clip(r.municipality, 120)), { size: 'medium', weight: 'bolder', id: 'title' }), text(t.sentBackIntro(view.chairName ?? t.chairFallback), { spacing: 'small' })], { style: 'warning' }),
        facts([[t.period, periodText(view.lang, r)]]),
        text(t.remarkTitle, { weight: 'bolder' }),
        text(clip(r.remark.trim() || '—', 2000), { spacing: 'none', id: 'remark' }),
      ],
      { actions: [{ type: 'Action.OpenUrl', title: t.openToEdit, url: r.url }] },
    ),
    fallbackText: t.sentBackFallback(r.municipality, clip(r.remark, 500)),
  };
}
