/**
 * Why a request skips the cache. Each reason is also the Cache-Status `detail` of the response,
 * so it must stay a short token.
 */
export type BypassReason =
  | 'disabled'
  | 'method'
  | 'unknown-parameter'
  | 'repeated-parameter'
  | 'invalid-path'
  | 'body-media-type'
  | 'body-encoding'
  | 'body-size'
  | 'body-json'
  | 'anonymous'
  | 'authenticated'
  | 'profile-pending'
  | 'profile-unknown'
  | 'request-no-store'
  | 'range'
  /** A rollout assigned the client to the baseline arm, which runs without the cache. */
  | 'rollout-baseline';

/** A piece of cache-key text, or the reason the request cannot be keyed and skips the cache. */
export type KeyPart =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: BypassReason };

export function keyText(text: string): KeyPart {
  return { ok: true, text };
}

export function skipCache(reason: BypassReason): KeyPart {
  return { ok: false, reason };
}
