/** Source of the current time. Tests pass a fixed one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Returns the UTC date of `now` as `YYYY-MM-DD`, because stored deadlines are dates without a time zone. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}
