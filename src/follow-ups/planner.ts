import { openStatuses } from '../shared/enums';
import { addDays, daysBetween } from './calendar';
import type { FollowUpKind } from './follow-up-table';

/** Owners are asked for a status this many days before a steering-group meeting. */
export const STEERING_REQUEST_DAYS_BEFORE = 7;
/** The due-date reminder stays valid for a week; after that the weekly overdue ones take over. */
const DUE_VALID_DAYS = 7;

export const priorities: Record<FollowUpKind, number> = { due: 1, before_due: 2, steering_group: 3, overdue: 4 };

export type ReminderLevel = 'normal' | 'reduced' | 'off';

export interface PlanningFacts {
  trajectories: { id: string; reminderDaysBefore: number }[];
  /** Open actions that have an owner. */
  actions: { id: string; trajectoryId: string; ownerId: string; dueDate: string | null; status: string }[];
  reminders: Map<string, ReminderLevel>;
  /** Steering-group meetings ahead, with their date in Brussels. */
  meetings: { id: string; trajectoryId: string; date: string }[];
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
}

/** Which kinds a reminder level lets through: 'reduced' keeps only the due date and lateness. */
export function allowedKinds(level: ReminderLevel): ReadonlySet<FollowUpKind> {
  if (level === 'off') return new Set();
  if (level === 'reduced') return new Set(['due', 'overdue']);
  return new Set(['before_due', 'due', 'overdue', 'steering_group']);
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
    if (!a.dueDate || !(openStatuses as readonly string[]).includes(a.status)) continue;
    const found = actionOccasion(a.dueDate, today, daysBefore.get(a.trajectoryId) ?? 0);
    if (!found || !allowedKinds(level(a.ownerId)).has(found.kind)) continue;
    out.push({ trajectoryId: a.trajectoryId, personId: a.ownerId, subjectId: a.id, actionId: a.id, meetingId: null, ...found, priority: priorities[found.kind] });
  }
  for (const m of facts.meetings) {
    if (m.date < today || addDays(m.date, -STEERING_REQUEST_DAYS_BEFORE) > today) continue;
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
  return out;
}

/** Re-checked just before sending: a reminder planned earlier may no longer fit the facts. */
export function stillCurrent(
  row: { kind: FollowUpKind; occasion: string; personId: string },
  state: {
    reminders: ReminderLevel;
    action?: { status: string; dueDate: string | null; ownerId: string | null; daysBefore: number } | undefined;
    meeting?: { date: string; state: string } | undefined;
  },
  today: string,
): { ok: true } | { ok: false; reason: string } {
  if (!allowedKinds(state.reminders).has(row.kind)) return { ok: false, reason: `reminders ${state.reminders}` };
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
