const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * Parses a duration such as `30s`, `500ms` or `2m` into milliseconds. A bare number is in
 * `bareUnit`. Throws a RangeError naming the option when the text is not a positive duration,
 * or not 0 or more with `allowZero`.
 */
export function parseDurationMs(
  option: string,
  text: string,
  bareUnit: 'ms' | 's',
  allowZero = false,
): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const amount = Number(match?.[1]);
  const unit = match?.[2] ?? bareUnit;
  const factor = DURATION_UNITS_MS[unit];
  if (match === null || factor === undefined || !(amount > 0 || (allowZero && amount === 0))) {
    const kind = allowZero ? 'a duration of 0 or more' : 'a positive duration';
    throw new RangeError(`--${option} must be ${kind} such as 30s, 500ms or 2m, got "${text}"`);
  }
  return amount * factor;
}

/** Parses a percentage such as `1%` or `0.5` (percent either way) into a fraction of 1. */
export function parsePercent(option: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const amount = Number(match?.[1]);
  if (match === null || !(amount >= 0 && amount <= 100)) {
    throw new RangeError(
      `--${option} must be a percentage from 0 to 100 such as 1%, got "${text}"`,
    );
  }
  return amount / 100;
}

/** Parses a number within bounds; integers only when `integer` is set. */
export function parseNumber(
  option: string,
  text: string,
  bounds: { min: number; max: number; integer?: boolean },
): number {
  const value = Number(text.trim());
  const isWhole = bounds.integer !== true || Number.isInteger(value);
  if (text.trim() === '' || !Number.isFinite(value) || !isWhole) {
    const kind = bounds.integer === true ? 'a whole number' : 'a number';
    throw new RangeError(`--${option} must be ${kind}, got "${text}"`);
  }
  if (value < bounds.min || value > bounds.max) {
    throw new RangeError(`--${option} must be from ${bounds.min} to ${bounds.max}, got ${value}`);
  }
  return value;
}
