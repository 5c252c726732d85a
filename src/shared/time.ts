export const TIME_ZONE = 'Europe/Brussels';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Brussels at the given instant, as 'YYYY-MM-DD'. */
export function brusselsDate(at: Date = new Date()): string {
  return dateFormat.format(at);
}
