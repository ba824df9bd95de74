import type { CacheEntry } from '../entry/cache-entry';
import { varyValues } from '../http/vary';
import type { CachePlan } from '../plan/request-plan';
import { type CacheRuntime, invalidationIsLive } from '../runtime';

/**
 * Verdict on a stored entry at a given time:
 * - `fresh`: serve it;
 * - `revalidate`: serve it stale while one background request refreshes it;
 * - `stale`: fetch from the origin first, and keep it for stale-if-error and revalidation.
 */
export type Verdict = 'fresh' | 'revalidate' | 'stale';

export function judgeEntry(
  runtime: CacheRuntime,
  plan: CachePlan,
  entry: CacheEntry,
  now: number,
): Verdict {
  if (!isTrusted(runtime, entry, now)) return 'stale';
  if (plan.requestMaxAgeMs !== undefined) {
    // 0 (no-cache, max-age=0) always validates first, whatever the measured age.
    const ageMs = entry.initialAgeMs + now - entry.responseTime;
    if (plan.requestMaxAgeMs === 0 || ageMs > plan.requestMaxAgeMs) return 'stale';
  }
  if (now < entry.freshUntil) return 'fresh';
  if (now < entry.staleWhileRevalidateUntil) return 'revalidate';
  return 'stale';
}

/** True when `entry` may stand in for a failed origin (stale-if-error, RFC 5861 §4). */
export function allowsStaleIfError(entry: CacheEntry, now: number): boolean {
  return now < entry.staleIfErrorUntil;
}

/**
 * Returns the entry if it may serve this request at all: it must not predate an invalidation of
 * its key (`hash`, by default the plan's), and its Vary-nominated request headers must match
 * (RFC 9111 §4.1). Entries read from Redis (`shared`) may come from another replica, whose clock
 * may differ from this one's.
 */
export function selectEntry(
  runtime: CacheRuntime,
  plan: CachePlan,
  entry: CacheEntry | undefined,
  source: 'local' | 'shared',
  hash = plan.hash,
): CacheEntry | undefined {
  if (entry === undefined) return undefined;
  if (runtime.tombstones.supersedes(hash, entry.requestTime, source === 'shared')) {
    return undefined;
  }
  return isVariantMiss(plan, entry) ? undefined : entry;
}

/**
 * While invalidations may be missed (subscription down, Redis unreachable), only entries whose
 * origin request is recent count as fresh.
 */
function isTrusted(runtime: CacheRuntime, entry: CacheEntry, now: number): boolean {
  if (invalidationIsLive(runtime)) return true;
  return now - entry.requestTime <= runtime.settings.disconnectedFreshnessMs;
}

/** True when an entry exists but was stored for other values of its Vary headers. */
export function isVariantMiss(plan: CachePlan, entry: CacheEntry | undefined): boolean {
  if (entry?.vary === undefined) return false;
  const values = varyValues(entry.vary.names, plan.request.headers);
  return values.some((value, index) => value !== entry.vary?.values[index]);
}
