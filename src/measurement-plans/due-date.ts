/*
 * When an indicator's next measurement is due. Pure, so that the overview's warning signs, the
 * follow-up planner and the check right before a reminder goes out all agree.
 */
export const measurementFrequencies = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type MeasurementFrequency = (typeof measurementFrequencies)[number];

const monthsOf: Record<MeasurementFrequency, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

/** 'YYYY-MM-DD' plus whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

export interface PlanTiming {
  frequency: string;
  nextDueOn: string | null;
  /** The day the plan was made (Brussels): with no measurement yet, the first one is due then. */
  createdOn: string;
}

/**
 * A date set by hand holds until a measurement is recorded on or after it; from then on the
 * next one follows from the last measurement and the frequency. With no measurement at all the
 * first one is due the day the plan was made.
 */
export function dueOn(plan: PlanTiming, lastMeasuredOn: string | null): string {
  if (plan.nextDueOn && (!lastMeasuredOn || plan.nextDueOn > lastMeasuredOn)) return plan.nextDueOn;
  if (lastMeasuredOn) return addMonths(lastMeasuredOn, monthsOf[plan.frequency as MeasurementFrequency] ?? 12);
  return plan.createdOn;
}

export function isOverdue(due: string, today: string): boolean {
  return due < today;
}
