/**
 * Serializes parsed JSON with object keys sorted at every depth, so two bodies that differ only in
 * key order or whitespace serialize the same. Array order is kept. Builds the text directly
 * instead of rebuilding objects, so a `__proto__` key stays an ordinary key.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
