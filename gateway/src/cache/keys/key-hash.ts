import { hash } from 'node:crypto';

/** Hashes of recent key texts: a hit hashes the same text as the requests before it. */
const recentHashes = new Map<string, string>();
const MAX_REMEMBERED_HASHES = 10_000;
/** Longer texts (long queries) are hashed each time, which bounds the memory to a few MiB. */
const MAX_REMEMBERED_TEXT_CHARS = 256;

/**
 * Hash that names a key in both tiers: 32 base64url characters (192 bits) of the SHA-256 of the
 * key text, so Redis keys stay short whatever the query or body.
 */
export function hashKeyText(text: string): string {
  const known = recentHashes.get(text);
  if (known !== undefined) return known;
  const hashed = hash('sha256', text, 'base64url').slice(0, 32);
  if (text.length <= MAX_REMEMBERED_TEXT_CHARS) {
    // Cleared rather than evicted one by one: the hot keys come back within moments.
    if (recentHashes.size >= MAX_REMEMBERED_HASHES) recentHashes.clear();
    recentHashes.set(text, hashed);
  }
  return hashed;
}

/** SHA-256 of normalized body text, as it appears inside key text. */
export function hashBodyText(text: string): string {
  return hash('sha256', text, 'base64url');
}
