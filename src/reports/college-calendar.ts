import { addDays, brusselsParts, brusselsTime, daysBetween } from '../follow-ups/calendar';
import type { ReportFrequency } from './report-schemas';

/**
 * When the college of mayor and aldermen meets, and when the steering group's chair must have
 * the report in hand: pure date arithmetic on Brussels calendar days, unit-tested.
 */
export interface CollegeSchedule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** 'HH:MM', Brussels wall time. */
  time: string;
  /** Dates on which the college does not meet. */
  exceptions: readonly string[];
  frequency: ReportFrequency;
  cardWorkingDaysBefore: number;
}

function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The ten Belgian legal public holidays of a year. */
export function belgianHolidays(year: number): ReadonlySet<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '07-21', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  const set = new Set([...fixed, addDays(easter, 1), addDays(easter, 39), addDays(easter, 50)]);
  holidayCache.set(year, set);
  return set;
}

export function isWorkingDay(date: string): boolean {
  return weekdayOf(date) <= 5 && !belgianHolidays(Number(date.slice(0, 4))).has(date);
}

/** The working day `n` working days before `date` (n = 0: `date` itself, or the working day before it). */
export function workingDaysBefore(date: string, n: number): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  for (let left = n; left > 0; ) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

function clock(time: string): [number, number] {
  const [h, m] = time.split(':').map(Number);
  return [h ?? 9, m ?? 0];
}

/**
 * The first college meeting at or after `from`: the schedule's weekday at its time, skipping the
 * exception dates. Null when every candidate in the coming two years is an exception.
 */
export function nextCollegeMeeting(schedule: Pick<CollegeSchedule, 'weekday' | 'time' | 'exceptions'>, from: Date): Date | null {
  const [hour, minute] = clock(schedule.time);
  const skipped = new Set(schedule.exceptions);
  const today = brusselsParts(from).date;
  let day = addDays(today, (schedule.weekday - weekdayOf(today) + 7) % 7);
  for (let week = 0; week < 106; week++, day = addDays(day, 7)) {
    if (skipped.has(day)) continue;
    const at = brusselsTime(day, hour, minute);
    if (at.getTime() >= from.getTime()) return at;
  }
  return null;
}

/** The day the chair's card for the college meeting on `meetingDate` (YYYY-MM-DD) goes out. */
export function chairCardDueOn(meetingDate: string, workingDays: number): string {
  return workingDaysBefore(meetingDate, workingDays);
}

const monthsOf: Record<ReportFrequency, number> = { monthly: 1, quarterly: 3, half_yearly: 6 };

/**
 * The reporting period that ended last before `on`, as the frequency cuts the calendar year
 * (quarters start in January, April, July and October), and the one after it.
 */
export function previousPeriod(frequency: ReportFrequency, on: string): { start: string; end: string } {
  const months = monthsOf[frequency];
  const year = Number(on.slice(0, 4));
  const month = Number(on.slice(5, 7)) - 1;
  const currentStart = Math.floor(month / months) * months;
  const start = new Date(Date.UTC(year, currentStart - months, 1));
  const end = new Date(Date.UTC(year, currentStart, 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** The period of equal length right after [start, end]: what comes next. */
export function followingPeriod(start: string, end: string): { start: string; end: string } {
  const length = daysBetween(start, end);
  const next = addDays(end, 1);
  return { start: next, end: addDays(next, length) };
}

/** Brussels calendar date of an instant. */
export function brusselsDay(at: Date): string {
  return brusselsParts(at).date;
}
