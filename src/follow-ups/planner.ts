import { openStatuses } from '../shared/enums';
import { addDays, daysBetween } from './calendar';
import type { FollowUpKind } from './follow-up-table';

/** Owners are asked for a status this many days before a steering-group meeting. */
export const STEERING_REQUEST_DAYS_BEFORE = 7;
/** The due-date reminder stays valid for a week; after that the weekly overdue ones take over. */
const DUE_VALID_DAYS = 7;

export const priorities: Record<FollowUpKind, number> = { due: 1, before_due: 2, steering_group: 3, homework: 3, overdue: 4 };

export type ReminderLevel = 'normal' | 'reduced' | 'off';

export interface PlanningFacts {
  trajectories: { id: string; reminderDaysBefore: number }[];
  /** Open actions that have an owner. */
  actions: { id: string; trajectoryId: string; ownerId: string; dueDate: string | null; status: string }[];
  reminders: Map<string, ReminderLevel>;
  /** Steering-group meetings ahead, with their date in Brussels. */
  meetings: { id: string; trajectoryId: string; date: string }[];
  /** Measurement plans with a measurer, and when their next measurement is due (src/measurement-plans). */
  measurements?: { planId: string; trajectoryId: string; measurerId: string; dueOn: string }[];
}

export interface Occasion {
  trajectoryId: string;
  personId: string;
  subjectId: string;
  actionId: string | null;
  meetingId: string | null;
  kind: FollowUpKind;
  /** Part of the unique key: names the due date or meeting it is about, so a moved date is a new occasion. */
  occasion: string;
  priority: number;
  /** Set when the subject is a measurement plan whose measurement is due. */
  measurementPlanId?: string | null;
}

/** Which kinds a reminder level lets through: 'reduced' keeps only the due date and lateness. */
export function allowedKinds(level: ReminderLevel): ReadonlySet<FollowUpKind> {
  if (level === 'off') return new Set();
  // Homework is asked for by a person, once, not a nag of the schedule: only 'off' stops it.
  if (level === 'reduced') return new Set(['due', 'overdue', 'homework']);
  return new Set(['before_due', 'due', 'overdue', 'steering_group', 'homework']);
}

/** The action reminder that applies on `today` for a due date, if any. */
export function actionOccasion(dueDate: string, today: string, daysBefore: number): { kind: FollowUpKind; occasion: string } | undefined {
  const late = daysBetween(dueDate, today);
  if (late < 0) return daysBefore > 0 && -late <= daysBefore ? { kind: 'before_due', occasion: `before_due:${dueDate}` } : undefined;
  if (late < DUE_VALID_DAYS) return { kind: 'due', occasion: `due:${dueDate}` };
  return { kind: 'overdue', occasion: `overdue:${dueDate}:${Math.floor(late / 7)}` };
}

/** Pure: every follow-up that is due on `today`. Sending at most once is the sent log's job. */
export function planOccasions(facts: PlanningFacts, today: string): Occasion[] {
  const out: Occasion[] = [];
  const daysBefore = new Map(facts.trajectories.map((t) => [t.id, t.reminderDaysBefore]));
  const level = (personId: string): ReminderLevel => facts.reminders.get(personId) ?? 'normal';
  for (const a of facts.actions) {
    // Trajectories absent from the facts are closed policy periods: history gets no reminders.
    const days = daysBefore.get(a.trajectoryId);
    if (days === undefined || !a.dueDate || !(openStatuses as readonly string[]).includes(a.status)) continue;
    const found = actionOccasion(a.dueDate, today, days);
    if (!found || !allowedKinds(level(a.ownerId)).has(found.kind)) continue;
    out.push({ trajectoryId: a.trajectoryId, personId: a.ownerId, subjectId: a.id, actionId: a.id, meetingId: null, ...found, priority: priorities[found.kind] });
  }
  for (const m of facts.meetings) {
    if (!daysBefore.has(m.trajectoryId) || m.date < today || addDays(m.date, -STEERING_REQUEST_DAYS_BEFORE) > today) continue;
    const owners = new Set(facts.actions.filter((a) => a.trajectoryId === m.trajectoryId && (openStatuses as readonly string[]).includes(a.status)).map((a) => a.ownerId));
    for (const personId of owners) {
      if (!allowedKinds(level(personId)).has('steering_group')) continue;
      out.push({
        trajectoryId: m.trajectoryId,
        personId,
        subjectId: m.id,
        actionId: null,
        meetingId: m.id,
        kind: 'steering_group',
        occasion: `steering_group:${m.date}`,
        priority: priorities.steering_group,
      });
    }
  }
  for (const m of facts.measurements ?? []) {
    if (!daysBefore.has(m.trajectoryId)) continue;
    // A measurement is asked for on its due date, then weekly while it is late; never ahead.
    const found = measurementOccasion(m.dueOn, today);
    if (!found || !allowedKinds(level(m.measurerId)).has(found.kind)) continue;
    out.push({ trajectoryId: m.trajectoryId, personId: m.measurerId, subjectId: m.planId, actionId: null, meetingId: null, measurementPlanId: m.planId, ...found, priority: priorities[found.kind] });
  }
  return out;
}

/** The measurement reminder for a due date on `today`: like an action's, without the one ahead. */
export function measurementOccasion(dueOn: string, today: string): { kind: FollowUpKind; occasion: string } | undefined {
  const found = actionOccasion(dueOn, today, 0);
  return found && { kind: found.kind, occasion: `measurement:${found.occasion}` };
}

/** Re-checked just before sending: a reminder planned earlier may no longer fit the facts. */
export function stillCurrent(
  row: { kind: FollowUpKind; occasion: string; personId: string; measurementPlanId?: string | null },
  state: {
    reminders: ReminderLevel;
    action?: { status: string; dueDate: string | null; ownerId: string | null; daysBefore: number } | undefined;
    meeting?: { date: string; state: string } | undefined;
    measurement?: { measurerId: string | null; dueOn: string } | undefined;
  },
  today: string,
): { ok: true } | { ok: false; reason: string } {
  if (!allowedKinds(state.reminders).has(row.kind)) return { ok: false, reason: `reminders ${state.reminders}` };
  if (row.kind === 'homework') return { ok: true };
  if (row.measurementPlanId) {
    const m = state.measurement;
    if (!m) return { ok: false, reason: 'measurement plan gone' };
    if (m.measurerId !== row.personId) return { ok: false, reason: 'measurer changed' };
    // A value recorded since (or a new date) moves the due date: this reminder is no longer current.
    if (measurementOccasion(m.dueOn, today)?.occasion !== row.occasion) return { ok: false, reason: 'superseded' };
    return { ok: true };
  }
  if (row.kind === 'steering_group') {
    if (!state.meeting) return { ok: false, reason: 'meeting gone' };
    if (state.meeting.date < today || !['planned', 'agenda_sent'].includes(state.meeting.state)) return { ok: false, reason: 'meeting passed' };
    return { ok: true };
  }
  const a = state.action;
  if (!a) return { ok: false, reason: 'action gone' };
  if (a.ownerId !== row.personId) return { ok: false, reason: 'owner changed' };
  if (!(openStatuses as readonly string[]).includes(a.status)) return { ok: false, reason: `action ${a.status}` };
  if (!a.dueDate) return { ok: false, reason: 'no due date' };
  const now = actionOccasion(a.dueDate, today, a.daysBefore);
  if (!now || now.occasion !== row.occasion) return { ok: false, reason: 'superseded' };
  return { ok: true };
}
