import { createTranslator, langs, type Lang } from '../../src/shared/i18n/translator';

/** The report cards' words (issue 10), read from the one catalogue (features/bot-reports.ts); only the shape lives here. */
function reportTextsOf(lang: Lang) {
  const { t } = createTranslator(lang);
  return {
    chairTitle: (municipality: string) => t('bot.report.chairTitle', { municipality }),
    chairIntro: t('bot.report.chairIntro'),
    chairReminder: (date: string) => t('bot.report.chairReminder', { date }),
    period: t('bot.report.period'),
    collegeDate: t('bot.report.collegeDate'),
    submittedBy: t('bot.report.submittedBy'),
    actions: t('bot.report.actions'),
    actionsLine: (total: number, done: number, running: number, planned: number) => t('bot.report.actionsLine', { total, done, running, planned }),
    overdueCount: t('bot.report.overdueCount'),
    indicators: t('bot.report.indicators'),
    overdueTitle: t('bot.report.overdueTitle'),
    noOverdue: t('bot.report.noOverdue'),
    overdueLine: (title: string, days: number, owner: string | null) => (owner ? t('bot.report.overdueLineOwner', { title, days, owner }) : t('bot.report.overdueLine', { title, days })),
    moreOverdue: (count: number) => t('bot.report.moreOverdue', { count }),
    decisionsTitle: t('bot.report.decisionsTitle'),
    budgetTitle: t('bot.report.budgetTitle'),
    nothingWritten: t('bot.report.nothingWritten'),
    remark: t('bot.report.remark'),
    remarkRequired: t('bot.report.remarkRequired'),
    open: t('bot.report.open'),
    approve: t('bot.report.approve'),
    sendBack: t('bot.report.sendBack'),
    approved: t('bot.report.approved'),
    sentBackDone: t('bot.report.sentBackDone'),
    notWaiting: t('bot.report.notWaiting'),
    sentBackTitle: (municipality: string) => t('bot.report.sentBackTitle', { municipality }),
    sentBackIntro: (chair: string) => t('bot.report.sentBackIntro', { chair }),
    chairFallback: t('bot.report.chairFallback'),
    remarkTitle: t('bot.report.remarkTitle'),
    openToEdit: t('bot.report.openToEdit'),
    forbidden: t('bot.report.forbidden'),
    notFound: t('bot.report.notFound'),
    fallback: (municipality: string, period: string) => t('bot.report.fallback', { municipality, period }),
    sentBackFallback: (municipality: string, remark: string) => t('bot.report.sentBackFallback', { municipality, remark }),
    noneWaiting: t('bot.report.noneWaiting'),
    latest: (period: string, state: string) => t('bot.report.latest', { period, state }),
    states: {
      draft: t('bot.report.state.draft'),
      submitted: t('bot.report.state.submitted'),
      sent_back: t('bot.report.state.sent_back'),
      approved: t('bot.report.state.approved'),
    },
  };
}

export type ReportTexts = ReturnType<typeof reportTextsOf>;
export const reportTexts = Object.fromEntries(langs.map((l) => [l, reportTextsOf(l)])) as Record<Lang, ReportTexts>;
