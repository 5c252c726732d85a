import type { Db } from '../../src/db/database';
import * as reportRepo from '../../src/reports/report-repository';
import type { ReportSnapshot } from '../../src/reports/report-schemas';
import { reportChairCard, type ReportCardFacts, type ReportChairView } from '../cards/report-chair-card';
import { reportSentBackCard } from '../cards/report-sent-back-card';
import type { Card } from '../cards/elements';
import type { Lang } from '../i18n/texts';

/** Where the tab shows one report: the hash route of tabs/src/router.ts on the server's public address. */
export type ReportUrl = (trajectoryId: string, reportId: string) => string;

export function reportTabUrl(publicUrl: string | undefined): ReportUrl {
  const base = (publicUrl ?? 'http://localhost:3978').replace(/\/$/, '');
  return (trajectoryId, reportId) => `${base}/tabs/index.html#/t/${encodeURIComponent(trajectoryId)}/reports/${encodeURIComponent(reportId)}`;
}

/**
 * The report cards, built from the reports' own tables. For a person answering a button the
 * report service is asked first (the handlers), so its rules decide what they may do; a post the
 * bot makes on its own goes only to the chair or the coordinators.
 */
export function createReportViews(db: Db, url: ReportUrl) {
  async function factsOf(tenantId: string, reportId: string): Promise<{ facts: ReportCardFacts; row: reportRepo.ReportRow } | null> {
    const row = await reportRepo.findReport(db, tenantId, reportId);
    if (!row) return null;
    const snapshot = JSON.parse((await reportRepo.findSnapshotText(db, tenantId, reportId)) ?? '{}') as Partial<ReportSnapshot>;
    return {
      row,
      facts: {
        id: row.id,
        municipality: snapshot.trajectory?.municipality ?? '—',
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
        collegeDate: row.collegeDate,
        submittedByName: row.submittedByName,
        totals: row.totals,
        overdue: (snapshot.overdue ?? []).map((o) => ({ title: o.title, daysOverdue: o.daysOverdue, ownerName: o.ownerName })),
        decisionsRequested: row.decisionsRequested,
        budgetRequests: row.budgetRequests,
        remark: row.remark,
        url: url(row.trajectoryId, row.id),
      },
    };
  }

  return {
    factsOf,

    /** The chair's card; 'waiting' turns into 'notWaiting' once the report is no longer submitted. */
    async chairCard(tenantId: string, reportId: string, lang: Lang, outcome: ReportChairView['outcome'], extra: Pick<ReportChairView, 'error' | 'typedRemark' | 'reminder'> = {}): Promise<Card | null> {
      const found = await factsOf(tenantId, reportId);
      if (!found) return null;
      const waiting = found.row.state === 'submitted';
      return reportChairCard({ lang, report: found.facts, outcome: outcome === 'waiting' && !waiting ? 'notWaiting' : outcome, ...extra });
    },

    async sentBackCard(tenantId: string, reportId: string, lang: Lang, chairName: string | null): Promise<Card | null> {
      const found = await factsOf(tenantId, reportId);
      return found ? reportSentBackCard({ lang, report: found.facts, chairName }) : null;
    },
  };
}

export type ReportViews = ReturnType<typeof createReportViews>;
