import type { HeaderMap } from '../http/header-map';
import type { CacheEntry } from './cache-entry';
import type { ResponseParts } from './shareability';

/** Fields of a 304 that must not replace the stored ones (RFC 9111 §3.2). */
const KEEP_STORED = new Set([
  'content-length',
  'content-encoding',
  'content-range',
  'transfer-encoding',
]);

/**
 * Updates the stored response with the header fields of a 304 (RFC 9111 §4.3.4), ready to be
 * built into an entry again with a new response time.
 */
export function mergeNotModified(
  stored: CacheEntry,
  notModified: { headers: HeaderMap },
): ResponseParts {
  const headers: Record<string, string | readonly string[] | undefined> = { ...stored.headers };
  if (stored.originEtag) headers.etag = stored.etag;
  // The stored Date describes the old response; without a new one the response time is used.
  delete headers.date;
  for (const [name, value] of Object.entries(notModified.headers)) {
    if (value !== undefined && !KEEP_STORED.has(name)) headers[name] = value;
  }
  return { status: stored.status, headers, body: stored.body };
}
