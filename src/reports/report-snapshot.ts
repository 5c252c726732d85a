import { actionStatuses, openStatuses, type ActionStatus } from '../shared/enums';
import { daysBetween } from '../follow-ups/calendar';
import type { Db } from '../db/database';
import { followingPeriod } from './college-calendar';
import * as repo from './report-repository';
import type { ReportSnapshot, StatusCounts } from './report-schemas';

/**
 * The report's content, computed from the plan and never typed by hand. Once a report is
 * submitted its snapshot is kept as it was; the next report compares with the last one sent.
 */
export interface SnapshotInput {
  tenantId: string;
  trajectoryId: string;
  periodStart: string;
  periodEnd: string;
  collegeDate: string | null;
  locale: 'nl-BE' | 'en';
  /** Brussels calendar date of today. */
  today: string;
  now: Date;
  /** The report being (re)generated, so it is never its own previous report. */
  reportId: string | null;
}

const zero = (): StatusCounts => Object.fromEntries(actionStatuses.map((s) => [s, 0])) as StatusCounts;
const isStatus = (s: string): s is ActionStatus => (actionStatuses as readonly string[]).includes(s);
const open = new Set<string>(openStatuses);

export async function buildSnapshot(db: Db, input: SnapshotInput): Promise<ReportSnapshot> {
  const { tenantId, trajectoryId, periodStart, periodEnd } = input;
  const asOf = input.today < periodEnd ? input.today : periodEnd;
  const nextPeriod = followingPeriod(periodStart, periodEnd);
  const [trajectory, plan, ind, decisions, previous] = await Promise.all([
    repo.findTrajectoryBrief(db, tenantId, trajectoryId),
    repo.planRows(db, tenantId, trajectoryId),
    repo.indicatorRows(db, tenantId, trajectoryId, periodEnd),
    repo.decisionsInPeriod(db, tenantId, trajectoryId, periodStart, periodEnd),
    repo.findPreviousSent(db, tenantId, trajectoryId, periodEnd, input.reportId),
  ]);
  if (!trajectory) throw new Error(`trajectory ${trajectoryId} vanished while its report was generated`);

  const status = (s: string): ActionStatus => (isStatus(s) ? s : 'planned');
  const actionsByOperational = new Map<string, typeof plan.actions>();
  for (const a of plan.actions) actionsByOperational.set(a.operationalObjectiveId, [...(actionsByOperational.get(a.operationalObjectiveId) ?? []), a]);
  const operationalByStrategic = new Map<string, typeof plan.operational>();
  for (const o of plan.operational) operationalByStrategic.set(o.strategicObjectiveId, [...(operationalByStrategic.get(o.strategicObjectiveId) ?? []), o]);
  const strategicByDomain = new Map<string, typeof plan.strategic>();
  for (const s of plan.strategic) strategicByDomain.set(s.domainId, [...(strategicByDomain.get(s.domainId) ?? []), s]);
  const domainName = new Map(plan.domains.map((d) => [d.id, d.name]));
  const objectiveTitle = new Map(plan.operational.map((o) => [o.id, o.title]));

  const totalsByStatus = zero();
  const domains: ReportSnapshot['domains'] = plan.domains.map((d) => {
    const byStatus = zero();
    return {
      id: d.id,
      name: d.name,
      approach: d.approach === 'mitigating' ? 'mitigating' : 'structural',
      byStatus,
      strategicObjectives: (strategicByDomain.get(d.id) ?? []).map((s) => ({
        id: s.id,
        title: s.title,
        operationalObjectives: (operationalByStrategic.get(s.id) ?? []).map((o) => {
          const counts = zero();
          const actions = (actionsByOperational.get(o.id) ?? []).map((a) => {
            const st = status(a.status);
            counts[st] += 1;
            byStatus[st] += 1;
            totalsByStatus[st] += 1;
            return { id: a.id, title: a.title, status: st, dueDate: a.dueDate, ownerName: a.ownerName };
          });
          return { id: o.id, title: o.title, targetDate: o.targetDate, byStatus: counts, actions };
        }),
      })),
    };
  });

  const overdueActions = plan.actions.filter((a) => a.dueDate !== null && a.dueDate < asOf && open.has(a.status));
  const notes = new Map((await repo.latestNotes(db, tenantId, overdueActions.map((a) => a.id))).map((n) => [n.actionId, n]));
  const overdue: ReportSnapshot['overdue'] = overdueActions
    .map((a) => {
      const note = notes.get(a.id);
      return {
        actionId: a.id,
        title: a.title,
        domainName: domainName.get(a.domainId) ?? '',
        objectiveTitle: objectiveTitle.get(a.operationalObjectiveId) ?? '',
        status: status(a.status),
        dueDate: a.dueDate!,
        daysOverdue: daysBetween(a.dueDate!, asOf),
        ownerName: a.ownerName,
        latestNote: note ? { note: note.note, authorName: note.authorName, createdAt: note.createdAt.toISOString() } : null,
      };
    })
    .sort((x, y) => x.dueDate.localeCompare(y.dueDate) || x.title.localeCompare(y.title));

  const actionById = new Map(plan.actions.map((a) => [a.id, a]));
  const measurementsOf = new Map<string, { measuredOn: string; value: number }[]>();
  for (const m of ind.measurements) measurementsOf.set(m.indicatorId, [...(measurementsOf.get(m.indicatorId) ?? []), { measuredOn: m.measuredOn, value: Number(m.value) }]);
  const indicators: ReportSnapshot['indicators'] = ind.indicators.map((i) => {
    const measurements = measurementsOf.get(i.id) ?? [];
    const latest = measurements.at(-1) ?? null;
    const baseline = i.baseline === null ? null : Number(i.baseline);
    const target = i.target === null ? null : Number(i.target);
    const progress = latest && baseline !== null && target !== null && target !== baseline ? Math.round(((latest.value - baseline) / (target - baseline)) * 1000) / 1000 : null;
    const action = actionById.get(i.actionId);
    return {
      id: i.id,
      name: i.name,
      kind: i.kind === 'outcome' ? 'outcome' : 'output',
      unit: i.unit,
      actionId: i.actionId,
      actionTitle: action?.title ?? '',
      domainName: action ? (domainName.get(action.domainId) ?? '') : '',
      baseline,
      target,
      latest,
      measurements,
      progress,
    };
  });

  let changes: ReportSnapshot['changes'] = [];
  let comparedWith: ReportSnapshot['comparedWith'] = null;
  if (previous) {
    comparedWith = { reportId: previous.id, periodStart: previous.periodStart, periodEnd: previous.periodEnd };
    const before = new Map<string, { title: string; status: string; dueDate: string | null }>();
    const old = JSON.parse(previous.snapshot) as ReportSnapshot;
    for (const d of old.domains) for (const s of d.strategicObjectives) for (const o of s.operationalObjectives) for (const a of o.actions) before.set(a.id, a);
    for (const a of plan.actions) {
      const was = before.get(a.id);
      if (!was) changes.push({ actionId: a.id, title: a.title, kind: 'added', from: null, to: a.status });
      else {
        if (was.status !== a.status) changes.push({ actionId: a.id, title: a.title, kind: 'status_changed', from: was.status, to: a.status });
        if (was.dueDate !== a.dueDate) changes.push({ actionId: a.id, title: a.title, kind: 'due_changed', from: was.dueDate, to: a.dueDate });
        before.delete(a.id);
      }
    }
    for (const [id, was] of before) changes.push({ actionId: id, title: was.title, kind: 'removed', from: was.status, to: null });
    changes = changes.sort((x, y) => x.kind.localeCompare(y.kind) || x.title.localeCompare(y.title));
  }

  const next: ReportSnapshot['next'] = plan.actions
    .filter((a) => a.dueDate !== null && a.dueDate >= nextPeriod.start && a.dueDate <= nextPeriod.end && open.has(a.status))
    .map((a) => ({ id: a.id, title: a.title, status: status(a.status), dueDate: a.dueDate, ownerName: a.ownerName, domainName: domainName.get(a.domainId) ?? '' }))
    .sort((x, y) => (x.dueDate ?? '').localeCompare(y.dueDate ?? '') || x.title.localeCompare(y.title));

  return {
    version: 1,
    generatedAt: input.now.toISOString(),
    locale: input.locale,
    trajectory: { id: trajectory.id, name: trajectory.name, municipality: trajectory.municipality },
    period: { start: periodStart, end: periodEnd },
    collegeDate: input.collegeDate,
    asOf,
    totals: {
      domains: plan.domains.length,
      objectives: plan.operational.length,
      actions: plan.actions.length,
      byStatus: totalsByStatus,
      overdue: overdue.length,
      indicators: indicators.length,
    },
    domains,
    comparedWith,
    changes,
    overdue,
    indicators,
    decisions: decisions.map((d) => ({
      meetingId: d.meetingId,
      meetingTitle: d.meetingTitle,
      bodyName: d.bodyName,
      heldOn: d.startsAt.toISOString(),
      agendaItemTitle: d.agendaItemTitle,
      decisions: d.decisions,
    })),
    nextPeriod,
    next,
  };
}
