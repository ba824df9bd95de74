/**
 * Parses an HTTP-date (RFC 9110 §5.6.7) into milliseconds since the epoch, or undefined when it is
 * missing or invalid. V8's Date.parse reads the IMF-fixdate, RFC 850 and asctime forms.
 */
export function parseHttpDate(value: string | readonly string[] | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The last second formatted, because every hit within one second sends the same `Date`. */
let formattedSecond = { start: Number.NaN, text: '' };

/** Formats `now`, in milliseconds since the epoch, as an IMF-fixdate (RFC 9110 §5.6.7). */
export function formatHttpDate(now: number): string {
  const start = Math.floor(now / 1000) * 1000;
  if (start !== formattedSecond.start) {
    formattedSecond = { start, text: new Date(start).toUTCString() };
  }
  return formattedSecond.text;
}
