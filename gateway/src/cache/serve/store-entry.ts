import type { CacheEntry } from '../entry/cache-entry';
import { type BuildResult, buildPolicyEntry } from '../entry/policy-entry';
import { buildRfcEntry } from '../entry/rfc-entry';
import type { ResponseParts } from '../entry/shareability';
import type { ExchangeTimes } from '../http/freshness';
import type { CachePlan } from '../plan/request-plan';
import { type CacheRuntime, trackBackground } from '../runtime';

/** Builds the entry for a response under the plan's rules: its policy, or RFC 9111. */
export function buildEntry(
  runtime: CacheRuntime,
  plan: CachePlan,
  response: ResponseParts,
  times: ExchangeTimes,
): BuildResult {
  if (plan.policy !== undefined) {
    return buildPolicyEntry(response, plan.policy, times, {
      maxEntryBytes: runtime.settings.maxEntryBytes,
      notAfter: plan.notAfter,
    });
  }
  return buildRfcEntry(response, plan.request.headers, times, {
    maxEntryBytes: runtime.settings.maxEntryBytes,
    revalidationRetentionMs: runtime.settings.revalidationRetentionMs,
  });
}

/**
 * Stores an entry in memory at once and in Redis in the background, releasing the lease and
 * waking waiting replicas in the same round trip. The client's response does not wait for Redis.
 */
export function storeEntry(
  runtime: CacheRuntime,
  plan: CachePlan,
  entry: CacheEntry,
  leaseToken: string | undefined,
): void {
  runtime.memory.set(plan.hash, entry);
  const redis = runtime.redis;
  if (redis === undefined || !plan.shared) return;
  const storing = redis.shared.complete(plan.hash, entry, leaseToken).catch((error: unknown) => {
    runtime.logger.debug({ err: error, route: plan.route }, 'cache entry not stored in redis');
  });
  trackBackground(runtime, storing);
}

/** Releases a lease without storing, so waiting replicas stop waiting and fetch themselves. */
export function releaseLease(
  runtime: CacheRuntime,
  plan: CachePlan,
  leaseToken: string | undefined,
): void {
  const redis = runtime.redis;
  if (redis === undefined || leaseToken === undefined) return;
  const releasing = redis.shared
    .complete(plan.hash, undefined, leaseToken)
    .catch((error: unknown) => {
      runtime.logger.debug({ err: error, route: plan.route }, 'cache lease not released');
    });
  trackBackground(runtime, releasing);
}

/**
 * Drops the entry of a key whose origin now responds with a response that may not be stored, so
 * the old one is not served again, stale or not.
 */
export function dropEntry(runtime: CacheRuntime, plan: CachePlan): void {
  runtime.memory.delete(plan.hash);
  const redis = runtime.redis;
  if (redis === undefined || !plan.shared) return;
  const dropping = redis.shared.delete([plan.hash]).catch((error: unknown) => {
    runtime.logger.debug({ err: error, route: plan.route }, 'cache entry not deleted in redis');
  });
  trackBackground(runtime, dropping);
}
