import { type EntityTagList, parseEntityTagList } from '@scholarships/service-kit';

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

/** A parsed If-Match or If-None-Match field (`parseEntityTagList` of the service kit). */
export type EntityTagCondition = EntityTagList;

export function versionTag(row: { id: string; version: number }): string {
  return `W/"${row.id}-${row.version}"`;
}

function opaqueTag(row: { id: string; version: number }): string {
  return `${row.id}-${row.version}`;
}

/** Parses If-Match or If-None-Match; undefined when the value is neither `*` nor a tag list. */
export const parseEntityTagCondition = parseEntityTagList;

/** Evaluates a condition against the current row: `*` matches any row, a list matches by opaque tag. */
export function conditionMatches(
  condition: EntityTagCondition,
  row: { id: string; version: number },
): boolean {
  if (condition.any) return true;
  const current = opaqueTag(row);
  return condition.tags.some((tag) => tag.opaque === current);
}
