import { z } from 'zod';

/**
 * Returns whether an ISO date has a year PostgreSQL can store. ISO 8601 counts a year 0000 (1 BC),
 * but PostgreSQL's date input has no year 0 and rejects it.
 */
export function isStorableYear(isoDate: string): boolean {
  return !isoDate.startsWith('0000');
}

/** Builds the schema of a `YYYY-MM-DD` date from year 0001 on, with `error` for either check. */
export function storableCalendarDate(error: string) {
  return z.iso.date({ error }).refine(isStorableYear, { error });
}
