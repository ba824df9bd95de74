import type { Logger } from '@scholarships/logger';
import type { ResponseCache } from '../cache';
import { withDeadline } from '../redis';

/**
 * Maximum wait at start for the response cache's invalidation subscription and the shared
 * catalog generation, in milliseconds. Until both are there, listings are keyed by a local
 * generation and kept in memory only, so every one of them misses when the shared one arrives.
 */
const CACHE_READY_WAIT_MS = 5000;

/**
 * Waits until the response cache is ready, or `timeoutMs` at most, so a replica takes traffic with
 * the keys the other replicas use. Returns whether the cache became ready. A replica whose Redis
 * does not reply in time starts anyway with a warning, since requests are then served from the
 * memory tier and the services.
 */
export async function waitForCacheReady(
  cache: Pick<ResponseCache, 'ready'>,
  logger: Logger,
  timeoutMs = CACHE_READY_WAIT_MS,
): Promise<boolean> {
  try {
    await withDeadline(cache.ready(), timeoutMs);
    return true;
  } catch (error) {
    logger.warn(
      { err: error, timeoutMs },
      'response cache not ready at start: listings are cached in memory under a local generation until Redis replies',
    );
    return false;
  }
}
