/**
 * Entity tags of scholarships and the conditional request headers that
 * carry them (RFC 9110 §8.8.3, §13.1.1, §13.1.2).
 *
 * The tag is weak, `W/"<id>-<version>"`: the version identifies the stored
 * state, while the bytes of a response may differ, e.g. once the gateway
 * compresses it. RFC 9110 §13.1.1 has If-Match compare tags strongly, and
 * under that rule a weak tag never matches. The catalog compares the opaque
 * part instead, because the version is exactly the state a writer must have
 * seen. NOTE: a cache or proxy that enforces strong If-Match comparison
 * itself would reject every conditional write.
 */

/** A parsed If-Match or If-None-Match field: `*` or the opaque parts of the listed tags. */
export type EntityTagCondition = { any: true } | { any: false; opaqueTags: readonly string[] };

export function versionTag(row: { id: string; version: number }): string {
  return `W/"${row.id}-${row.version}"`;
}

function opaqueTag(row: { id: string; version: number }): string {
  return `${row.id}-${row.version}`;
}

/**
 * One list member, then a comma or the end: optional `W/` and a quoted opaque tag of etagc
 * characters, or nothing, because recipients accept empty list elements (RFC 9110 §5.6.1).
 */
const LIST_MEMBER = /[ \t]*(?:(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*)?(?:,|$)/y;

/**
 * Parses `"*"` or a comma-separated list of entity tags, skipping empty
 * elements. Returns undefined when the value is neither, e.g. an unquoted tag,
 * or when it lists no tag.
 */
export function parseEntityTagCondition(value: string): EntityTagCondition | undefined {
  if (value.trim() === '*') return { any: true };
  const opaqueTags: string[] = [];
  LIST_MEMBER.lastIndex = 0;
  while (LIST_MEMBER.lastIndex < value.length) {
    const start = LIST_MEMBER.lastIndex;
    const match = LIST_MEMBER.exec(value);
    if (!match || LIST_MEMBER.lastIndex === start) return undefined;
    if (match[1] !== undefined) opaqueTags.push(match[1]);
  }
  return opaqueTags.length > 0 ? { any: false, opaqueTags } : undefined;
}

/** Evaluates a condition against the current row: `*` matches any row, a list matches by opaque tag. */
export function conditionMatches(
  condition: EntityTagCondition,
  row: { id: string; version: number },
): boolean {
  return condition.any || condition.opaqueTags.includes(opaqueTag(row));
}
