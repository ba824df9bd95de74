import type { Logger } from '@scholarships/logger';
import type { ResponseCache } from '../cache';

/**
 * Maximum wait at start for the response cache's invalidation subscription and the shared
 * catalog generation, in milliseconds. Until both are there, listings are keyed by a local
 * generation and kept in memory only, so every one of them misses when the shared one arrives.
 */
export const CACHE_READY_WAIT_MS = 5000;

/**
 * Waits until the response cache is ready, or `timeoutMs` at most, so a replica takes traffic with
 * the keys the other replicas use. Returns whether the cache became ready. A replica whose Redis
 * does not reply in time starts anyway with a warning, because the cache never fails a request.
 */
export async function waitForCacheReady(
  cache: Pick<ResponseCache, 'ready'>,
  logger: Logger,
  timeoutMs = CACHE_READY_WAIT_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ready = cache.ready().then(
    () => true,
    (error: unknown) => {
      logger.warn(
        { err: error },
        'response cache Redis setup failed at start; continuing with the memory tier',
      );
      return false;
    },
  );
  const outcome = await Promise.race([ready, timedOut]);
  clearTimeout(timer);
  if (!outcome) {
    logger.warn(
      { waitedMs: timeoutMs },
      'response cache not ready at start: listings are cached in memory under a local generation until Redis answers',
    );
  }
  return outcome;
}
