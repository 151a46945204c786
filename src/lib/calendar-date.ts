/**
 * Dates people and clients send: ISO 8601 with a time and an offset, naming a
 * day the calendar has (no 30 February, no month 99: `new Date()` would move
 * the first to 2 March and turn the second into an Invalid Date that throws
 * when written), in years a publication can mean. Earlier years are typing
 * mistakes; so are later ones.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

export const CALENDAR_DATE_TIME_FORMAT = 'calendar-date-time';

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** What is wrong with a date-and-time text, or undefined when it is a real moment in the accepted range. */
export function dateTimeProblem(text: string): string | undefined {
  const match = SHAPE.exec(text);
  if (!match) return 'must be a date and time such as 2026-05-04T09:30:00Z (ISO 8601, with Z or an offset)';
  const [year, month, day, hour, minute, second = '0', , offsetHours = '0', offsetMinutes = '0'] = match.slice(1).map((part) => part ?? '0') as string[];
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12) return `has no month ${month}`;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) return `has no day ${day} in ${year}-${month} (it has ${daysInMonth} days)`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return 'has a time of day that does not exist (hours 00–23, minutes and seconds 00–59)';
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return 'has an offset from UTC that does not exist';
  const utcYear = new Date(text).getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR || utcYear < MIN_YEAR || utcYear > MAX_YEAR) return `must be in the years ${MIN_YEAR}–${MAX_YEAR}`;
  return undefined;
}

export function isCalendarDateTime(text: string): boolean {
  return dateTimeProblem(text) === undefined;
}
