/** Maximum freshness of an analysis, in seconds: the gateway's 7-day policy for it. */
export const MAX_ANALYSIS_AGE_SECONDS = 7 * 24 * 60 * 60;

const SECONDS_PER_DAY = 24 * 60 * 60;

/**
 * `Cache-Control` of an analysis computed at `now`. Its day counts hold
 * until the next midnight UTC, when "today" changes, so the response stays
 * fresh until then and never longer than `MAX_ANALYSIS_AGE_SECONDS`
 * (RFC 9111 §5.2.2.1). At least 1 second, so the value is never 0.
 */
export function analysisCacheControl(now: Date): string {
  const secondsToday = Math.floor((now.getTime() % (SECONDS_PER_DAY * 1000)) / 1000);
  const untilMidnight = Math.max(1, SECONDS_PER_DAY - secondsToday);
  return `public, max-age=${Math.min(untilMidnight, MAX_ANALYSIS_AGE_SECONDS)}`;
}
