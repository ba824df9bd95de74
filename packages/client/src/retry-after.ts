/**
 * Reads a `Retry-After` value (RFC 9110 §10.2.3): either a number of seconds
 * or an HTTP date. Returns whole seconds from `nowMs`, at least 0, or
 * undefined when the value is missing or malformed.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // Every HTTP-date form names its month, which keeps numbers such as -5 from parsing as years.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const dateMs = Date.parse(text);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}
