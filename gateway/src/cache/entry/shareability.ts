import type { Directives } from '../http/cache-control';
import { type HeaderMap, headerText } from '../http/header-map';

/** The parts of a response that are stored: an origin response or a revalidated entry. */
export interface ResponseParts {
  status: number;
  headers: HeaderMap;
  body: Buffer;
}

/** Reason an origin response was not stored; also the Cache-Status `detail` of such a response. */
export type NotStoredReason =
  | 'status'
  | 'set-cookie'
  | 'private'
  | 'no-store'
  | 'vary-any'
  | 'content-encoding'
  | 'too-large'
  | 'no-freshness'
  | 'authenticated'
  | 'invalidated';

/**
 * Checks what keeps a response out of every tier whatever the route: Set-Cookie, `private` or
 * `no-store` (RFC 9111 §3 and §5.2.2), `Vary: *` (§4.1), and a size above the entry limit.
 */
export function sharedStorageBlocker(
  response: ResponseParts,
  directives: Directives,
  maxEntryBytes: number,
): NotStoredReason | undefined {
  if (response.headers['set-cookie'] !== undefined) return 'set-cookie';
  if (directives.has('no-store')) return 'no-store';
  // A qualified `private="field"` only forbids storing those fields; storing none of the
  // response is the simple reading that can never leak one of them.
  if (directives.has('private')) return 'private';
  if (headerText(response.headers, 'vary')?.includes('*') === true) return 'vary-any';
  if (response.body.length > maxEntryBytes) return 'too-large';
  return undefined;
}

/**
 * True when the body is encoded. Policy fills never send Accept-Encoding, so an encoded body
 * would reach clients that did not ask for it.
 */
export function hasContentEncoding(headers: HeaderMap): boolean {
  const encoding = headerText(headers, 'content-encoding');
  return encoding !== undefined && encoding.trim().toLowerCase() !== 'identity';
}
