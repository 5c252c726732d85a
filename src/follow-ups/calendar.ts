import { TIME_ZONE, brusselsDate } from '../shared/time';

/** When reminders may arrive: working days, office hours, Brussels time. */
export interface SendWindow {
  /** ISO weekdays, Monday = 1. */
  days: readonly number[];
  startHour: number;
  endHour: number;
}

export const officeHours: SendWindow = { days: [1, 2, 3, 4, 5], startHour: 8, endHour: 18 };

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function brusselsParts(at: Date): { date: string; weekday: number; hour: number; minute: number; second: number } {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: weekdays[p.weekday ?? 'Mon'] ?? 1,
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** The instant at which it is `hour:minute` on `date` in Brussels (DST-aware). */
export function brusselsTime(date: string, hour: number, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hour, minute);
  let guess = wall;
  // Two rounds settle the offset even on the days the clocks change.
  for (let i = 0; i < 2; i++) {
    const p = brusselsParts(new Date(guess));
    const [py, pm, pd] = p.date.split('-').map(Number);
    const seen = Date.UTC(py!, pm! - 1, pd!, p.hour, p.minute, p.second);
    guess += wall - seen;
  }
  return new Date(guess);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isInSendWindow(at: Date, window: SendWindow = officeHours): boolean {
  const p = brusselsParts(at);
  return window.days.includes(p.weekday) && p.hour >= window.startHour && p.hour < window.endHour;
}

/** `at` itself when it is inside the window, otherwise the start of the next window. */
export function nextSendWindow(at: Date, window: SendWindow = officeHours): Date {
  if (isInSendWindow(at, window)) return at;
  const today = brusselsDate(at);
  for (let i = 0; i < 8; i++) {
    const day = addDays(today, i);
    const weekday = brusselsParts(brusselsTime(day, 12)).weekday;
    if (!window.days.includes(weekday)) continue;
    const start = brusselsTime(day, window.startHour);
    if (at < start) return start;
  }
  throw new Error('the send window has no working day');
}

export function startOfBrusselsDay(at: Date): Date {
  return brusselsTime(brusselsDate(at), 0);
}
