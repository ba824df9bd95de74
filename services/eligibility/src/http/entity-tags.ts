import { createHash } from 'node:crypto';

/**
 * Entity tags of a stored profile and of a page of matches, and the
 * conditional request headers that carry them (RFC 9110 §8.8.3, §13.1.1,
 * §13.1.2).
 *
 * A profile's tag is strong, `"<version>"`: a version always has the same
 * content, and the profile response is never stored by caches. If-Match compares
 * strongly, so a weak tag such as `W/"3"` never matches (§8.8.3.2), and
 * If-None-Match compares weakly.
 */

export function profileTag(version: number): string {
  return `"${version}"`;
}

/**
 * A weak entity tag of a response body: its opaque part is the first 22
 * base64url characters of the body's SHA-256. It is weak so that a compressed
 * copy of the same body may carry it too.
 */
export interface BodyTag {
  /** The field value, `W/"<opaque>"`. */
  header: string;
  /** The quoted part, which If-None-Match compares. */
  opaque: string;
}

export function bodyTag(body: string): BodyTag {
  const opaque = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { header: `W/"${opaque}"`, opaque };
}

interface ListedTag {
  weak: boolean;
  opaque: string;
}

/** A parsed If-Match or If-None-Match field: `*`, or the listed entity tags. */
export type EntityTagCondition = { any: true } | { any: false; tags: readonly ListedTag[] };

/**
 * One list member, then a comma or the end: optional `W/` and a quoted opaque tag of etagc
 * characters, or nothing, because recipients accept empty list elements (RFC 9110 §5.6.1).
 */
const LIST_MEMBER = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*)?(?:,|$)/y;

/**
 * Parses `*` or a comma-separated list of entity tags, skipping empty elements. Returns undefined
 * when the value is neither, or when it lists no tag.
 */
export function parseEntityTagCondition(value: string): EntityTagCondition | undefined {
  if (value.trim() === '*') return { any: true };
  const tags: ListedTag[] = [];
  LIST_MEMBER.lastIndex = 0;
  while (LIST_MEMBER.lastIndex < value.length) {
    const start = LIST_MEMBER.lastIndex;
    const match = LIST_MEMBER.exec(value);
    if (!match || LIST_MEMBER.lastIndex === start) return undefined;
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  return tags.length > 0 ? { any: false, tags } : undefined;
}

/** If-Match (§13.1.1): `*` matches any stored profile, a tag only strongly. */
export function ifMatchHolds(condition: EntityTagCondition, version: number | undefined): boolean {
  if (version === undefined) return false;
  if (condition.any) return true;
  return condition.tags.some((tag) => !tag.weak && tag.opaque === String(version));
}

/** If-None-Match (§13.1.2): holds when nothing is stored, or no listed tag matches weakly. */
export function ifNoneMatchHolds(
  condition: EntityTagCondition,
  version: number | undefined,
): boolean {
  return version === undefined || noneMatchesWeakly(condition, String(version));
}

/** Evaluates If-None-Match against the tag of a body (`bodyTag`), compared weakly as well. */
export function ifNoneMatchHoldsForBody(condition: EntityTagCondition, tag: BodyTag): boolean {
  return noneMatchesWeakly(condition, tag.opaque);
}

function noneMatchesWeakly(condition: EntityTagCondition, opaque: string): boolean {
  if (condition.any) return false;
  return !condition.tags.some((tag) => tag.opaque === opaque);
}
