import { type CalendarDate, formatIsoDate, isValidDate } from './calendar-date';
import { isNoValue } from './sentinel';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function fromSlashes(text: string): CalendarDate | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (!match) return null;
  const year = Number(match[3]);
  // Two-digit years in the data (`1/13/26`) are all in this century.
  return { year: year < 100 ? 2000 + year : year, month: Number(match[1]), day: Number(match[2]) };
}

function fromIso(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function fromMonthName(text: string): CalendarDate | null {
  const match = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  const name = match?.[1]?.toLowerCase() ?? '';
  const monthIndex = MONTHS.findIndex((month) => name.length >= 3 && month.startsWith(name));
  if (!match || monthIndex < 0) return null;
  return { year: Number(match[3]), month: monthIndex + 1, day: Number(match[2]) };
}

/**
 * Parses a published date in the shapes the sources use (`10/31/2015`,
 * `1/13/26`, `2024-06-30`, `February 28, 2025`) into `YYYY-MM-DD`. Returns
 * `null` for `TBA`, empty text and text that is no real calendar date.
 */
export function parsePublishedDate(value: string | null | undefined): string | null {
  if (isNoValue(value) || value === null || value === undefined) return null;
  const text = value.trim();
  const date = fromSlashes(text) ?? fromIso(text) ?? fromMonthName(text);
  return date && isValidDate(date) ? formatIsoDate(date) : null;
}
