import { createHash } from 'node:crypto';
import { type EntityTagList, parseEntityTagList } from '@scholarships/service-kit';

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

/** A parsed If-Match or If-None-Match field (`parseEntityTagList` of the service kit). */
export type EntityTagCondition = EntityTagList;

/** Parses If-Match or If-None-Match; undefined when the value is neither `*` nor a tag list. */
export const parseEntityTagCondition = parseEntityTagList;

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
