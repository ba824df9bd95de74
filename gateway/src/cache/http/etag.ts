import { createHash } from 'node:crypto';

/** A strong entity tag computed from the body: 22 base64url characters of its SHA-256 digest. */
export function strongEtag(body: Buffer): string {
  const digest = createHash('sha256').update(body).digest('base64url');
  return `"${digest.slice(0, 22)}"`;
}

/**
 * Evaluates If-None-Match against a stored entity tag with the weak comparison that RFC 9110
 * §13.1.2 prescribes: `W/"a"` matches `"a"`, and `*` matches any current representation.
 */
export function ifNoneMatchMatches(ifNoneMatch: string, etag: string): boolean {
  const candidate = opaqueTag(etag);
  return entityTags(ifNoneMatch).some((tag) => tag === '*' || opaqueTag(tag) === candidate);
}

/** Splits an If-None-Match value into its entity tags (RFC 9110 §8.8.3). */
function entityTags(value: string): string[] {
  const tags: string[] = [];
  const pattern = /\s*(\*|(?:W\/)?"[^"]*")\s*(?:,|$)/gy;
  for (let match = pattern.exec(value); match !== null; match = pattern.exec(value)) {
    if (match[1] !== undefined) tags.push(match[1]);
    if (pattern.lastIndex >= value.length) break;
  }
  return tags;
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
