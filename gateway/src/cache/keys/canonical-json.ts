import { type KeyPart, keyText } from './key-part';

/**
 * Deepest nesting a cacheable body may have. Eligibility bodies nest two levels. A deeper body
 * is forwarded uncached and the service rejects it, so the key never recurses until the stack
 * runs out on a body small enough to pass the size limit.
 */
export const MAX_KEYED_DEPTH = 32;

/** Thrown inside the serialization when a body nests deeper than `MAX_KEYED_DEPTH`. */
class TooDeepError extends Error {}

/**
 * Returns the key text of parsed JSON: object keys sorted at every depth, so two bodies that
 * differ only in key order or whitespace give the same text, or a `body-json` bypass when the
 * body nests deeper than `MAX_KEYED_DEPTH`.
 */
export function canonicalKeyText(value: unknown): KeyPart {
  try {
    return keyText(canonicalJson(value));
  } catch (error) {
    if (error instanceof TooDeepError) return { ok: false, reason: 'body-json' };
    throw error;
  }
}

/**
 * Serializes parsed JSON with object keys sorted at every depth. Array order is kept. Builds the
 * text directly instead of rebuilding objects, so a `__proto__` key stays an ordinary key. A
 * number too large for a double is written `Infinity` or `-Infinity`, which no JSON text gives.
 * Throws past `MAX_KEYED_DEPTH` levels of nesting.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  // JSON.parse reads 1e309 as Infinity, which JSON.stringify writes as null. The service rejects
  // the number and accepts the null, so the two must not share a key.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (depth >= MAX_KEYED_DEPTH) throw new TooDeepError();
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item, depth + 1)).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], depth + 1)}`);
  return `{${members.join(',')}}`;
}
