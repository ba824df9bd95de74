/** Values the sources use for "no restriction" or "no value", compared case-insensitively. */
const NO_VALUE_TEXTS = new Set(['', 'n/a', 'na', 'none', 'unrestricted', 'tba', 'not available']);

/** Returns whether a source value means "no restriction" or "no value" rather than a real value. */
export function isNoValue(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  return NO_VALUE_TEXTS.has(value.trim().toLowerCase());
}
