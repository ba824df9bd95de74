/** Current time in milliseconds since the epoch. Tests inject a clock they can move. */
export type Clock = () => number;

/** Start of the next UTC day after `now`, in milliseconds since the epoch. */
export function nextUtcMidnight(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

/** Formats the UTC date of `now` as `YYYY-MM-DD`. */
export function utcDate(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
