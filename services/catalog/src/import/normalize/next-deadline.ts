import {
  type CalendarDate,
  compareDates,
  daysInMonth,
  formatIsoDate,
  parseIsoDate,
} from './calendar-date';

/** The deadline to show: the next occurrence, and whether it was projected from an earlier year. */
export interface NextDeadline {
  next: string;
  estimated: boolean;
}

/** Moves a date to another year; February 29 becomes February 28 in common years. */
function inYear(date: CalendarDate, year: number): CalendarDate {
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

/**
 * Returns the first yearly occurrence of a published deadline on or after
 * `today`, both as `YYYY-MM-DD`. Scholarship deadlines recur every year, so a
 * past date moves forward by whole years and is marked as estimated; a date on
 * or after `today` stays as published. A February 29 deadline falls on
 * February 28 in common years and on February 29 again in leap years.
 */
export function nextDeadline(published: string, today: string): NextDeadline {
  const date = parseIsoDate(published);
  const now = parseIsoDate(today);
  if (compareDates(date, now) >= 0) return { next: published, estimated: false };
  let candidate = inYear(date, now.year);
  if (compareDates(candidate, now) < 0) candidate = inYear(date, now.year + 1);
  return { next: formatIsoDate(candidate), estimated: true };
}
