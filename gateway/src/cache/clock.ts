/** Current time in milliseconds since the epoch. Tests inject a clock they can move. */
export type Clock = () => number;

const DAY_MS = 86_400_000;

/**
 * Start of the next UTC day after `now`, in milliseconds since the epoch. Time values in
 * ECMAScript have no leap seconds, so every UTC day is exactly `DAY_MS` long.
 */
export function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
}
/** The last day formatted, because every keyed request of a day needs the same text. */
let formattedDay = { start: 0, end: 0, text: '1970-01-01' };

/** Formats the UTC date of `now` as `YYYY-MM-DD`. */
export function utcDate(now: number): string {
  if (now >= formattedDay.start && now < formattedDay.end) return formattedDay.text;
  const start = Math.floor(now / DAY_MS) * DAY_MS;
  formattedDay = { start, end: start + DAY_MS, text: new Date(start).toISOString().slice(0, 10) };
  return formattedDay.text;
}
