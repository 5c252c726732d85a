import { createAfterCommitEvents, type AfterCommitEvents } from '../shared/after-commit-events';
import pLimit from 'p-limit';
import { assertCan, assertRead, can, loadAccess, type TrajectoryAccess } from '../auth/access';
import type { Principal } from '../auth/principal';
import { actorOf, auditCreate, auditUpdate } from '../audit/audit';
import type { Db } from '../db/database';
import { renderDocx } from '../documents/docx-renderer';
import { renderPdf } from '../documents/pdf-renderer';
import { conflict, forbidden, notFound } from '../shared/errors';
import type { MailSender } from '../mail/mail-types';
import { brusselsDate } from '../shared/time';
import { chairCardDueOn, nextCollegeMeeting, type CollegeSchedule } from './college-calendar';
import { chartsReady } from './report-chart';
import { reportDocument } from './report-document';
import * as repo from './report-repository';
import type { CollegeScheduleInput, CollegeScheduleOutput, ReportCan, ReportDetail, ReportEvent, ReportInput, ReportOutput, ReportPatch, ReportSnapshot, ReportState } from './report-schemas';
import { buildSnapshot } from './report-snapshot';

/**
 * Reports to the college: generated from the plan, written around by the coordinator, approved
 * and sent by the steering group's chair (or sent back with a remark), then mailed with both
 * documents to every alderman and the college's secretary, one logged row per recipient.
 */

export type ReportListener = (event: ReportEvent) => Promise<void>;
export type ReportEvents = AfterCommitEvents<ReportEvent>;

export function createReportEvents(log?: (error: unknown, event: ReportEvent) => void): ReportEvents {
  return createAfterCommitEvents<ReportEvent>(log);
}

export interface ReportServiceDeps {
  mail: MailSender;
  events?: ReportEvents;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Parallel sends: Graph allows 4 concurrent requests per mailbox. */
  concurrency?: number;
  /** A 'sending' row older than this belonged to an instance that died: it is resumed. */
  staleAfterSeconds?: number;
}

const defaults = { weekday: 1, time: '09:00', frequency: 'quarterly' as const, cardWorkingDaysBefore: 3 };
const editable: ReadonlySet<ReportState> = new Set(['draft', 'sent_back']);
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'gemeente'
  );
}

export function createReportService(db: Db, deps: ReportServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const events = deps.events ?? createReportEvents();
  const log = deps.log ?? (() => undefined);
  const { mail } = deps;
  const concurrency = deps.concurrency ?? 4;
  const staleAfter = deps.staleAfterSeconds ?? 120;
  const inFlight = new Set<Promise<unknown>>();

  function background(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => log('report delivery failed; it is retried', error));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  }

  async function access(principal: Principal, trajectoryId: string, trx: Db = db): Promise<TrajectoryAccess> {
    const a = await loadAccess(trx, principal, trajectoryId);
    assertRead(a);
    return a;
  }

  async function reportWithAccess(principal: Principal, id: string, forUpdate = false, trx: Db = db) {
    const report = await repo.findReport(trx, principal.tenantId, id, forUpdate);
    if (!report) throw notFound(`report ${id}`);
    const a = await loadAccess(trx, principal, report.trajectoryId);
    assertRead(a, `report ${id}`);
    return { report, access: a };
  }

  function canOf(a: TrajectoryAccess, r: repo.ReportRow): ReportCan {
    const state = r.state as ReportState;
    const edit = can(a, 'trajectory.edit');
    const approve = can(a, 'report.approve');
    return {
      edit: edit && editable.has(state),
      regenerate: edit && state === 'draft',
      submit: edit && editable.has(state),
      approve: approve && state === 'submitted',
      sendBack: approve && state === 'submitted',
      download: can(a, 'trajectory.read'),
    };
  }

  function outputOf(a: TrajectoryAccess, r: repo.ReportRow): ReportOutput {
    return {
      id: r.id,
      trajectoryId: r.trajectoryId,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      collegeDate: r.collegeDate,
      state: r.state as ReportState,
      summary: r.summary,
      decisionsRequested: r.decisionsRequested,
      budgetRequests: r.budgetRequests,
      remark: r.remark,
      generatedAt: r.generatedAt.toISOString(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      submittedByName: r.submittedByName,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      approvedByName: r.approvedByName,
      sentBackAt: r.sentBackAt?.toISOString() ?? null,
      submissions: r.submissions,
      totals: r.totals,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      can: canOf(a, r),
    };
  }

  async function detailOf(a: TrajectoryAccess, r: repo.ReportRow, trx: Db = db): Promise<ReportDetail> {
    const text = await repo.findSnapshotText(trx, r.tenantId, r.id);
    return { ...outputOf(a, r), snapshot: JSON.parse(text ?? '{}') as ReportSnapshot };
  }

  function scheduleOf(row: repo.ScheduleRow | undefined): CollegeSchedule & { locale: 'nl-BE' | 'en' } {
    return {
      weekday: row?.weekday ?? defaults.weekday,
      time: row?.meetingTime ?? defaults.time,
      exceptions: row?.exceptions ?? [],
      frequency: (row?.frequency as CollegeSchedule['frequency'] | undefined) ?? defaults.frequency,
      cardWorkingDaysBefore: row?.cardWorkingDaysBefore ?? defaults.cardWorkingDaysBefore,
      locale: row?.locale === 'en' ? 'en' : 'nl-BE',
    };
  }

  function scheduleOutput(a: TrajectoryAccess, trajectoryId: string, row: repo.ScheduleRow | undefined): CollegeScheduleOutput {
    const s = scheduleOf(row);
    const next = row ? nextCollegeMeeting(s, now()) : null;
    return {
      trajectoryId,
      configured: Boolean(row),
      weekday: s.weekday,
      time: s.time,
      exceptions: [...s.exceptions].sort(),
      frequency: s.frequency,
      cardWorkingDaysBefore: s.cardWorkingDaysBefore,
      // The secretary's address is for who prepares the report, not for every reader.
      secretaryName: row?.secretaryName ?? '',
      secretaryEmail: can(a, 'trajectory.edit') || can(a, 'report.approve') ? (row?.secretaryEmail ?? '') : '',
      locale: s.locale,
      nextMeeting: next?.toISOString() ?? null,
      chairCardDueOn: next ? chairCardDueOn(brusselsDate(next), s.cardWorkingDaysBefore) : null,
      can: { edit: can(a, 'trajectory.edit') },
    };
  }

  async function transition(
    principal: Principal,
    id: string,
    check: (r: repo.ReportRow, a: TrajectoryAccess) => void,
    change: (r: repo.ReportRow, a: TrajectoryAccess) => Parameters<typeof repo.updateReport>[3],
    kind: ReportEvent['kind'],
    remark?: string,
  ): Promise<ReportDetail> {
    const { detail, a } = await db.transaction().execute(async (trx) => {
      const { report, access: a } = await reportWithAccess(principal, id, true, trx);
      check(report, a);
      await repo.updateReport(trx, principal.tenantId, id, change(report, a));
      const after = (await repo.findReport(trx, principal.tenantId, id))!;
      await auditUpdate(trx, actorOf(a), report.trajectoryId, 'report', { id, state: report.state, remark: report.remark }, { id, state: after.state, remark: after.remark });
      return { detail: await detailOf(a, after, trx), a };
    });
    await events.emit({ kind, tenantId: principal.tenantId, trajectoryId: detail.trajectoryId, reportId: id, actorPersonId: a.personId, ...(remark ? { remark } : {}) });
    return detail;
  }

  function requireState(r: repo.ReportRow, allowed: readonly ReportState[], what: string): void {
    if (!allowed.includes(r.state as ReportState)) throw conflict(`${what} is not possible while the report is ${r.state}`);
  }

  // Submitted reports never change: rendered once per state, not once per download or recipient.
  const rendered = new Map<string, { docx: Buffer; pdf: Buffer; base: string }>();

  async function filesOf(tenantId: string, id: string) {
    const r = await repo.findReport(db, tenantId, id);
    if (!r) return undefined;
    const key = r.state === 'draft' || r.state === 'sent_back' ? undefined : `${tenantId}:${id}:${r.state}:${r.updatedAt.toISOString()}`;
    const cached = key ? rendered.get(key) : undefined;
    if (cached) return { ...cached, report: r };
    const snapshot = JSON.parse((await repo.findSnapshotText(db, tenantId, id)) ?? '{}') as ReportSnapshot;
    await chartsReady();
    const model = reportDocument({
      snapshot,
      summary: r.summary,
      decisionsRequested: r.decisionsRequested,
      budgetRequests: r.budgetRequests,
      state: r.state as ReportState,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      approvedByName: r.approvedByName,
    });
    const [docx, pdf] = await Promise.all([renderDocx(model), renderPdf(model)]);
    const base = `${snapshot.locale === 'en' ? 'report' : 'voortgangsrapport'}-${slug(snapshot.trajectory.municipality)}-${r.periodStart}-${r.periodEnd}`;
    if (key) {
      if (rendered.size >= 20) rendered.delete(rendered.keys().next().value!);
      rendered.set(key, { docx, pdf, base });
    }
    return { docx, pdf, base, report: r };
  }

  async function recipients(r: repo.ReportRow): Promise<repo.ReportRecipient[]> {
    const [aldermen, schedule] = await Promise.all([repo.listAldermen(db, r.tenantId, r.trajectoryId), repo.findSchedule(db, r.tenantId, r.trajectoryId)]);
    const out = new Map<string, repo.ReportRecipient>();
    for (const a of aldermen) if (a.email) out.set(a.email.toLowerCase(), { personId: a.id, address: a.email, name: a.displayName, reason: 'alderman' });
    if (schedule?.secretaryEmail && !out.has(schedule.secretaryEmail.toLowerCase())) {
      out.set(schedule.secretaryEmail.toLowerCase(), { personId: null, address: schedule.secretaryEmail, name: schedule.secretaryName || 'Secretariaat van het college', reason: 'secretary' });
    }
    return [...out.values()];
  }

  /**
   * Sends the approved report to everyone not yet reached. Safe to run again at any moment (after
   * a crash, on two instances): rows are claimed skip-locked, each mail keyed by its row, and a
   * Graph draft resumed.
   */
  async function deliver(tenantId: string, id: string): Promise<{ sent: number; failed: number }> {
    const r = await repo.findReport(db, tenantId, id);
    if (!r || r.state !== 'approved') return { sent: 0, failed: 0 };
    await repo.insertDeliveries(db, tenantId, r.trajectoryId, id, mail.transport, await recipients(r));
    let files: Awaited<ReturnType<typeof filesOf>>;
    let sent = 0;
    let failed = 0;
    const limit = pLimit(concurrency);
    for (;;) {
      const batch = await repo.claimDeliveries(db, tenantId, id, concurrency * 4, staleAfter);
      if (batch.length === 0) break;
      files ??= await filesOf(tenantId, id);
      if (!files) return { sent, failed };
      const { docx, pdf, base } = files;
      const en = base.startsWith('report');
      await Promise.all(
        batch.map((row) =>
          limit(async () => {
            try {
              await mail.send(
                {
                  to: [{ name: row.recipientName, address: row.address }],
                  subject: en ? `Progress report to the college: ${r.periodStart} – ${r.periodEnd}` : `Voortgangsrapport aan het college: ${r.periodStart} – ${r.periodEnd}`,
                  text: en
                    ? `Dear ${row.recipientName},\n\nAttached is the progress report on the local policy against child poverty for ${r.periodStart} to ${r.periodEnd}, approved by the chair of the steering group${r.approvedByName ? ` (${r.approvedByName})` : ''}.\n\nKind regards,\nKansrijk`
                    : `Beste ${row.recipientName},\n\nIn de bijlage vind je het voortgangsrapport over het lokale beleid tegen kinderarmoede voor ${r.periodStart} tot ${r.periodEnd}, goedgekeurd door de voorzitter van de stuurgroep${r.approvedByName ? ` (${r.approvedByName})` : ''}.\n\nMet vriendelijke groeten,\nKansrijk`,
                  attachments: [
                    { fileName: `${base}.docx`, contentType: docxType, content: docx },
                    { fileName: `${base}.pdf`, contentType: 'application/pdf', content: pdf },
                  ],
                },
                { tenantId, trajectoryId: r.trajectoryId, kind: 'report', key: row.id, draftId: row.draftId, onDraft: (draftId) => repo.recordDraft(db, tenantId, row.id, draftId) },
              );
              await repo.markDelivery(db, tenantId, row.id, { state: 'sent' });
              sent += 1;
            } catch (error) {
              failed += 1;
              // Up to 5 tries across runs; then it waits in the log for the coordinator to see.
              await repo.markDelivery(db, tenantId, row.id, { state: row.attempts >= 5 ? 'failed' : 'pending', error: error instanceof Error ? error.message : String(error) });
              log(`report ${id} to one recipient failed (attempt ${row.attempts})`, error);
            }
          }),
        ),
      );
      if (failed > 0) break;
    }
    return { sent, failed };
  }

  events.on((event) => {
    if (event.kind === 'report_approved') background(deliver(event.tenantId, event.reportId));
    return Promise.resolve();
  });

  return {
    events,
    async getSchedule(principal: Principal, trajectoryId: string): Promise<CollegeScheduleOutput> {
      const a = await access(principal, trajectoryId);
      return scheduleOutput(a, trajectoryId, await repo.findSchedule(db, principal.tenantId, trajectoryId));
    },

    async putSchedule(principal: Principal, trajectoryId: string, input: CollegeScheduleInput): Promise<CollegeScheduleOutput> {
      return db.transaction().execute(async (trx) => {
        const a = await access(principal, trajectoryId, trx);
        assertCan(a, 'trajectory.edit');
        const before = await repo.findSchedule(trx, principal.tenantId, trajectoryId);
        const after = await repo.upsertSchedule(trx, principal.tenantId, trajectoryId, {
          weekday: input.weekday,
          meetingTime: input.time,
          exceptions: [...new Set(input.exceptions ?? [])].sort(),
          frequency: input.frequency,
          cardWorkingDaysBefore: input.cardWorkingDaysBefore ?? defaults.cardWorkingDaysBefore,
          secretaryName: input.secretaryName ?? '',
          secretaryEmail: input.secretaryEmail ?? '',
          locale: input.locale ?? 'nl-BE',
        });
        const row = (s: repo.ScheduleRow | undefined) => ({ id: trajectoryId, ...(s ? { ...s, createdAt: undefined, updatedAt: undefined } : {}) });
        if (before) await auditUpdate(trx, actorOf(a), trajectoryId, 'college_schedule', row(before), row(after));
        else await auditCreate(trx, actorOf(a), trajectoryId, 'college_schedule', row(after));
        return scheduleOutput(a, trajectoryId, after);
      });
    },

    async list(principal: Principal, trajectoryId: string): Promise<{ reports: ReportOutput[] }> {
      const a = await access(principal, trajectoryId);
      return { reports: (await repo.listReports(db, principal.tenantId, trajectoryId)).map((r) => outputOf(a, r)) };
    },

    async create(principal: Principal, trajectoryId: string, input: ReportInput): Promise<ReportDetail> {
      return db.transaction().execute(async (trx) => {
        const a = await access(principal, trajectoryId, trx);
        assertCan(a, 'trajectory.edit');
        const schedule = scheduleOf(await repo.findSchedule(trx, principal.tenantId, trajectoryId));
        const at = now();
        const snapshot = await buildSnapshot(trx, {
          tenantId: principal.tenantId,
          trajectoryId,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          collegeDate: input.collegeDate ?? null,
          locale: schedule.locale,
          today: brusselsDate(at),
          now: at,
          reportId: null,
        });
        const id = await repo.insertReport(trx, {
          tenantId: principal.tenantId,
          trajectoryId,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          collegeDate: input.collegeDate ?? null,
          snapshot: JSON.stringify(snapshot),
          generatedAt: at,
          createdBy: a.personId,
        });
        await auditCreate(trx, actorOf(a), trajectoryId, 'report', { id, periodStart: input.periodStart, periodEnd: input.periodEnd, collegeDate: input.collegeDate ?? null });
        return detailOf(a, (await repo.findReport(trx, principal.tenantId, id))!, trx);
      });
    },

    async get(principal: Principal, id: string): Promise<ReportDetail> {
      const { report, access: a } = await reportWithAccess(principal, id);
      return detailOf(a, report);
    },

    async patch(principal: Principal, id: string, patch: ReportPatch): Promise<ReportDetail> {
      return db.transaction().execute(async (trx) => {
        const { report, access: a } = await reportWithAccess(principal, id, true, trx);
        assertCan(a, 'trajectory.edit');
        requireState(report, ['draft', 'sent_back'], 'Editing');
        await repo.updateReport(trx, principal.tenantId, id, patch);
        const after = (await repo.findReport(trx, principal.tenantId, id))!;
        const fields = (r: repo.ReportRow) => ({ id, summary: r.summary, decisionsRequested: r.decisionsRequested, budgetRequests: r.budgetRequests, collegeDate: r.collegeDate });
        await auditUpdate(trx, actorOf(a), report.trajectoryId, 'report', fields(report), fields(after));
        return detailOf(a, after, trx);
      });
    },

    async regenerate(principal: Principal, id: string): Promise<ReportDetail> {
      return db.transaction().execute(async (trx) => {
        const { report, access: a } = await reportWithAccess(principal, id, true, trx);
        assertCan(a, 'trajectory.edit');
        requireState(report, ['draft'], 'Regenerating');
        const schedule = scheduleOf(await repo.findSchedule(trx, principal.tenantId, report.trajectoryId));
        const at = now();
        const snapshot = await buildSnapshot(trx, {
          tenantId: principal.tenantId,
          trajectoryId: report.trajectoryId,
          periodStart: report.periodStart,
          periodEnd: report.periodEnd,
          collegeDate: report.collegeDate,
          locale: schedule.locale,
          today: brusselsDate(at),
          now: at,
          reportId: id,
        });
        await repo.updateReport(trx, principal.tenantId, id, { snapshot: JSON.stringify(snapshot), generatedAt: at });
        return detailOf(a, (await repo.findReport(trx, principal.tenantId, id))!, trx);
      });
    },

    submit(principal: Principal, id: string): Promise<ReportDetail> {
      return transition(
        principal,
        id,
        (r, a) => {
          assertCan(a, 'trajectory.edit');
          requireState(r, ['draft', 'sent_back'], 'Submitting');
        },
        (r, a) => ({ state: 'submitted', submittedAt: now(), submittedBy: a.personId, submissions: r.submissions + 1 }),
        'report_submitted',
      );
    },

    approve(principal: Principal, id: string): Promise<ReportDetail> {
      return transition(
        principal,
        id,
        (r, a) => {
          assertCan(a, 'report.approve');
          requireState(r, ['submitted'], 'Approving');
          // Nobody approves what they submitted themself.
          if (a.personId && r.submittedBy === a.personId) throw forbidden('Whoever submitted the report does not approve it');
        },
        (_r, a) => ({ state: 'approved', approvedAt: now(), approvedBy: a.personId, remark: '' }),
        'report_approved',
      );
    },

    sendBack(principal: Principal, id: string, remark: string): Promise<ReportDetail> {
      return transition(
        principal,
        id,
        (r, a) => {
          assertCan(a, 'report.approve');
          requireState(r, ['submitted'], 'Sending back');
        },
        () => ({ state: 'sent_back', sentBackAt: now(), remark }),
        'report_sent_back',
        remark,
      );
    },

    async files(principal: Principal, id: string) {
      await reportWithAccess(principal, id);
      const files = await filesOf(principal.tenantId, id);
      if (!files) throw notFound(`report ${id}`);
      return files;
    },

    async deliveries(principal: Principal, id: string) {
      const { access: a } = await reportWithAccess(principal, id);
      // Addresses of aldermen and the secretary: for who prepares and approves the report.
      if (!can(a, 'report.approve')) assertCan(a, 'trajectory.edit');
      const rows = await repo.listDeliveries(db, principal.tenantId, id);
      return {
        graph: mail.transport === 'graph',
        deliveries: rows.map((r) => ({
          id: r.id,
          recipientName: r.recipientName,
          address: r.address,
          reason: r.reason as 'alderman' | 'secretary',
          transport: r.transport as 'graph' | 'outbox',
          state: r.state as 'pending' | 'sending' | 'sent' | 'failed',
          attempts: r.attempts,
          sentAt: r.sentAt?.toISOString() ?? null,
          error: r.error,
        })),
      };
    },

    deliver,
    /** After a restart: every approved report with someone still to reach. */
    async resume(): Promise<void> {
      for (const r of await repo.reportsWithOpenDeliveries(db)) await deliver(r.tenantId, r.id);
    },
    /** Waits for the background work started by events (tests and a clean shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
