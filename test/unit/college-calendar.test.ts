import { belgianHolidays, chairCardDueOn, easterSunday, followingPeriod, nextCollegeMeeting, previousPeriod, workingDaysBefore } from '../../src/reports/college-calendar';

const monday = { weekday: 1, time: '09:30', exceptions: [] as string[] };

test('the next college meeting is the first weekday at its Brussels time, from the given instant', () => {
  // Tuesday 1 December 2026, 12:00 UTC: the next Monday is 7 December, 09:30 in Brussels (08:30 UTC, winter).
  expect(nextCollegeMeeting(monday, new Date('2026-12-01T12:00:00Z'))?.toISOString()).toBe('2026-12-07T08:30:00.000Z');
  // On the day itself before the sitting: that same day; after it: a week later.
  expect(nextCollegeMeeting(monday, new Date('2026-12-07T08:00:00Z'))?.toISOString()).toBe('2026-12-07T08:30:00.000Z');
  expect(nextCollegeMeeting(monday, new Date('2026-12-07T09:00:00Z'))?.toISOString()).toBe('2026-12-14T08:30:00.000Z');
  // Summer time: 09:30 Brussels is 07:30 UTC.
  expect(nextCollegeMeeting(monday, new Date('2027-06-01T00:00:00Z'))?.toISOString()).toBe('2027-06-07T07:30:00.000Z');
});

test('exception dates are skipped; all exceptions gives null', () => {
  const s = { ...monday, exceptions: ['2026-12-07', '2026-12-14'] };
  expect(nextCollegeMeeting(s, new Date('2026-12-01T12:00:00Z'))?.toISOString()).toBe('2026-12-21T08:30:00.000Z');
  const thursday = { weekday: 4, time: '18:00', exceptions: [] };
  expect(nextCollegeMeeting(thursday, new Date('2026-12-01T12:00:00Z'))?.toISOString()).toBe('2026-12-03T17:00:00.000Z');
});

test('Belgian public holidays follow Easter', () => {
  expect(easterSunday(2026)).toBe('2026-04-05');
  expect(easterSunday(2027)).toBe('2027-03-28');
  const h = belgianHolidays(2026);
  expect([...h].sort()).toEqual(['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']);
});

test("the chair's card goes out working days before the sitting, skipping weekends and holidays", () => {
  // Monday 7 Dec 2026, 3 working days before: Wednesday 2 December.
  expect(chairCardDueOn('2026-12-07', 3)).toBe('2026-12-02');
  // Monday 29 March 2027 is Easter Monday, a holiday: counting starts from Friday 26 → Thu 25, Wed 24, Tue 23.
  expect(chairCardDueOn('2027-03-29', 3)).toBe('2027-03-23');
  // Across Christmas: Monday 28 Dec 2026 → Thu 24, Wed 23, Tue 22 (25 Dec is a holiday, 26–27 weekend).
  expect(chairCardDueOn('2026-12-28', 3)).toBe('2026-12-22');
  expect(workingDaysBefore('2026-12-07', 0)).toBe('2026-12-07');
  expect(workingDaysBefore('2026-12-06', 0)).toBe('2026-12-04');
});

test('periods follow the frequency', () => {
  expect(previousPeriod('quarterly', '2026-12-01')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
  expect(previousPeriod('monthly', '2026-01-15')).toEqual({ start: '2025-12-01', end: '2025-12-31' });
  expect(previousPeriod('half_yearly', '2026-12-01')).toEqual({ start: '2026-01-01', end: '2026-06-30' });
  expect(followingPeriod('2026-07-01', '2026-09-30')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
});
