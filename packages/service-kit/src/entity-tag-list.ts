/** One entity tag of an If-Match or If-None-Match list. */
export interface ListedEntityTag {
  /** Whether it was sent with the `W/` prefix. */
  weak: boolean;
  /** The quoted part, without the quotes. */
  opaque: string;
}

/** A parsed If-Match or If-None-Match field: `*`, or the listed entity tags. */
export type EntityTagList = { any: true } | { any: false; tags: readonly ListedEntityTag[] };

/**
 * One list member, then a comma or the end: optional `W/` and a quoted opaque tag of etagc
 * characters, or nothing, because recipients accept empty list elements (RFC 9110 §5.6.1).
 */
const LIST_MEMBER = /[ \t]*(?:(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*)?(?:,|$)/y;

/**
 * Parses the value of If-Match or If-None-Match (RFC 9110 §13.1.1, §13.1.2): `*` or a
 * comma-separated list of entity tags, skipping empty elements. Returns undefined when the value
 * is neither, e.g. an unquoted tag, or when it lists no tag.
 */
export function parseEntityTagList(value: string): EntityTagList | undefined {
  if (value.trim() === '*') return { any: true };
  const tags: ListedEntityTag[] = [];
  LIST_MEMBER.lastIndex = 0;
  while (LIST_MEMBER.lastIndex < value.length) {
    const start = LIST_MEMBER.lastIndex;
    const match = LIST_MEMBER.exec(value);
    if (!match || LIST_MEMBER.lastIndex === start) return undefined;
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  return tags.length > 0 ? { any: false, tags } : undefined;
}
