import type { Logger } from '@scholarships/logger';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export interface RemoteKeySetOptions {
  /** Minimum time between two fetches triggered by an unknown `kid`, in milliseconds. */
  cooldownMs: number;
  /** Time after which the set is refetched in the background, in milliseconds. */
  refreshMs: number;
  /** Limit for one fetch, in milliseconds. */
  timeoutMs: number;
  logger: Logger;
  now?: () => number;
}

/**
 * Wraps jose's remote JWKS (v5.10) so that a failed refetch keeps the last good set.
 *
 * jose alone refetches on an unknown `kid` (at most once per cooldown, measured from the last
 * successful fetch) and whenever its cached set is older than `cacheMaxAge`. In the second case
 * a failed fetch throws and every token fails, although the old keys are still good. So the
 * cache never goes stale inside jose (`cacheMaxAge: Infinity`), and this wrapper refetches in the
 * background every `refreshMs`. jose replaces its set only after a successful fetch, so a failure
 * leaves the last good set in use and is logged.
 */
export function createRemoteKeySet(url: string, options: RemoteKeySetOptions): JWTVerifyGetKey {
  const now = options.now ?? Date.now;
  const jwks = createRemoteJWKSet(new URL(url), {
    cacheMaxAge: Number.POSITIVE_INFINITY,
    cooldownDuration: options.cooldownMs,
    timeoutDuration: options.timeoutMs,
  });
  let lastRefreshAt = now();

  const refresh = () => {
    lastRefreshAt = now();
    jwks.reload().catch((error: unknown) => {
      options.logger.warn(
        { err: error, url },
        'JWKS fetch failed; the last fetched keys stay in use',
      );
    });
  };
  // Fetch at start-up, so the first request does not wait for the key set.
  refresh();

  return function getVerificationKey(header, token) {
    if (!jwks.reloading && now() - lastRefreshAt >= options.refreshMs) refresh();
    return jwks(header, token);
  };
}
