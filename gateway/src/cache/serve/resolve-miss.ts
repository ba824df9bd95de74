import type { CacheEntry } from '../entry/cache-entry';
import { mergeNotModified } from '../entry/not-modified';
import type { OriginTarget } from '../origin/origin-response';
import type { CachePlan } from '../plan/request-plan';
import type { CacheRequest } from '../request/cache-request';
import type { CacheRuntime } from '../runtime';
import type { SharedLookup, SharedTier } from '../tiers/shared-tier';
import { callOrigin } from './call-origin';
import { judgeEntry, selectEntry } from './judge';
import { claimLease, type LeaseOutcome } from './lease';
import type { ForwardedBecause, FoundEntry, Resolution, StandIn, Tier } from './resolution';
import { buildEntry, dropEntry, releaseLease, storeEntry } from './store-entry';

export interface MissInput {
  runtime: CacheRuntime;
  plan: CachePlan;
  origin: OriginTarget;
  /** The memory tier's stale entry, if any. */
  local: FoundEntry | undefined;
  /**
   * Accept a Redis entry within its revalidation window, as a miss does. A background refresh
   * accepts only a fresh one, because it exists to replace the stale one.
   */
  acceptStale: boolean;
  /** The memory tier held another variant (RFC 9111 §4.1), for Cache-Status. */
  variantMiss: boolean;
}

/**
 * Resolves a miss for every request of this replica that waits on the key: Redis first, then a
 * lease so that one replica fetches, then the origin, and the result is stored in both tiers.
 * Shortly after a catalog write, a listing's entry under a replaced generation is returned
 * instead (`replaced`), and the caller refreshes the key in the background.
 */
export async function resolveMiss(input: MissInput): Promise<Resolution> {
  const { runtime, plan } = input;
  const token = runtime.nextLeaseToken();
  const replacedHashes = input.acceptStale ? plan.replacedGenerationHashes : [];
  // No lease yet, because an entry of a replaced generation may be served instead of the origin's.
  const lookup = await lookupShared(runtime, plan, replacedHashes.length === 0 ? token : undefined);
  const remote = selectEntry(runtime, plan, lookup?.entry, 'shared');
  if (remote !== undefined) {
    const verdict = judgeEntry(runtime, plan, remote, runtime.clock());
    if (verdict === 'fresh' || (verdict === 'revalidate' && input.acceptStale)) {
      runtime.memory.set(plan.hash, remote);
      return { kind: 'stored', found: { entry: remote, tier: 'redis' } };
    }
  }
  if (replacedHashes.length > 0 && remote === undefined) {
    const standIn = await findStandIn(runtime, plan, replacedHashes);
    if (standIn !== undefined) return { kind: 'replaced', found: standIn };
  }
  const fallback = newest(
    input.local,
    remote === undefined ? undefined : { entry: remote, tier: 'redis' },
  );
  const fwd = forwardReason(plan, fallback, input.variantMiss);
  const lease = await claimLease(runtime, plan, lookup, token);
  if (lease.kind === 'peer') {
    return {
      kind: 'fetched',
      entry: lease.entry,
      stored: true,
      byPeer: true,
      revalidatedFrom: undefined,
      fwd,
    };
  }
  return fetchAndStore(runtime, plan, input.origin, fallback, lease, fwd);
}

/**
 * Finds the entry of this request under the newest catalog generation that a recent write
 * replaced, among those still within their own freshness or revalidation window. Memory is read
 * first, without marking old entries as recently used. Redis is then read, in one round trip,
 * only for the generations newer than memory's find, since another replica may have refreshed
 * the key under one of them.
 */
async function findStandIn(
  runtime: CacheRuntime,
  plan: CachePlan,
  replacedHashes: readonly string[],
): Promise<StandIn | undefined> {
  const inMemory = replacedHashes.map((hash) => runtime.memory.peek(hash));
  const fromMemory = firstUsable(runtime, plan, replacedHashes, inMemory, 'memory');
  const newer = replacedHashes.slice(0, fromMemory?.index ?? replacedHashes.length);
  if (newer.length === 0) return fromMemory?.standIn;
  const inRedis = await readShared(runtime, plan, [], (shared) => shared.lookupMany(newer));
  const fromRedis = firstUsable(runtime, plan, newer, inRedis, 'redis');
  return (fromRedis ?? fromMemory)?.standIn;
}

/**
 * Returns the first of `entries` (read for `hashes`, in order) that may still be served, with
 * its position.
 */
function firstUsable(
  runtime: CacheRuntime,
  plan: CachePlan,
  hashes: readonly string[],
  entries: readonly (CacheEntry | undefined)[],
  tier: Tier,
): { standIn: StandIn; index: number } | undefined {
  const source = tier === 'redis' ? 'shared' : 'local';
  for (const [index, hash] of hashes.entries()) {
    const entry = selectEntry(runtime, plan, entries[index], source, hash);
    if (entry !== undefined && judgeEntry(runtime, plan, entry, runtime.clock()) !== 'stale') {
      return { standIn: { entry, tier, hash }, index };
    }
  }
  return undefined;
}

function lookupShared(
  runtime: CacheRuntime,
  plan: CachePlan,
  token: string | undefined,
): Promise<SharedLookup | undefined> {
  return readShared(runtime, plan, undefined, (shared) => shared.lookup(plan.hash, token));
}

/**
 * Runs `read` on the shared tier, or returns `fallback` when the plan's key stays local, Redis is
 * not configured or its breaker is open, or the read fails.
 */
async function readShared<T>(
  runtime: CacheRuntime,
  plan: CachePlan,
  fallback: T,
  read: (shared: SharedTier) => Promise<T>,
): Promise<T> {
  const redis = runtime.redis;
  if (redis === undefined || !plan.shared || !redis.guard.isAvailable()) return fallback;
  try {
    return await read(redis.shared);
  } catch (error) {
    // The breaker counts the failure; this request carries on without Redis.
    runtime.logger.debug({ err: error, route: plan.route }, 'cache redis lookup failed');
    return fallback;
  }
}

async function fetchAndStore(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  fallback: FoundEntry | undefined,
  lease: Extract<LeaseOutcome, { kind: 'own' }>,
  fwd: ForwardedBecause,
): Promise<Resolution> {
  const request = conditionalRequest(plan.fillRequest, fallback?.entry);
  const sequence = runtime.tombstones.currentSequence();
  const outcome = await callOrigin(runtime, origin, request);
  if (outcome.kind !== 'response' || outcome.response.status >= 500) {
    releaseLease(runtime, plan, lease.token);
    const failure =
      outcome.kind === 'response'
        ? { kind: 'server-error' as const, response: outcome.response }
        : outcome;
    return { kind: 'failed', failure, fallback, fwd };
  }
  const times = { requestTime: outcome.requestTime, responseTime: outcome.responseTime };
  const revalidated =
    outcome.response.status === 304 && fallback !== undefined && request !== plan.fillRequest;
  const parts = revalidated ? mergeNotModified(fallback.entry, outcome.response) : outcome.response;
  const built = buildEntry(runtime, plan, parts, times);
  const superseded = runtime.tombstones.invalidatedSince(plan.hash, sequence);
  if (!built.ok || superseded) {
    releaseLease(runtime, plan, lease.token);
    // The origin no longer confirms the stale entry, so it must not be served again.
    if (!superseded && fallback !== undefined) dropEntry(runtime, plan);
    return {
      kind: 'not-stored',
      response: parts,
      reason: built.ok ? 'invalidated' : built.reason,
      fwd,
    };
  }
  storeEntry(runtime, plan, built.entry, lease.token);
  const revalidatedFrom = revalidated ? fallback.tier : undefined;
  return { kind: 'fetched', entry: built.entry, stored: true, byPeer: false, revalidatedFrom, fwd };
}

/**
 * Adds the stale entry's validators to a GET fill (RFC 9111 §4.3.1), so the origin can confirm
 * it with 304 instead of sending the body again.
 */
function conditionalRequest(fill: CacheRequest, stale: CacheEntry | undefined): CacheRequest {
  if (stale === undefined || fill.method !== 'GET' || stale.status !== 200) return fill;
  const lastModified = stale.headers['last-modified'];
  if (!stale.originEtag && lastModified === undefined) return fill;
  const headers: Record<string, string> = { ...fill.headers };
  if (stale.originEtag) headers['if-none-match'] = stale.etag;
  if (lastModified !== undefined) headers['if-modified-since'] = lastModified;
  return { ...fill, headers };
}

function newest(
  first: FoundEntry | undefined,
  second: FoundEntry | undefined,
): FoundEntry | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return second.entry.responseTime > first.entry.responseTime ? second : first;
}

function forwardReason(
  plan: CachePlan,
  fallback: FoundEntry | undefined,
  variantMiss: boolean,
): ForwardedBecause {
  if (plan.requestMaxAgeMs === 0) return 'request';
  if (fallback !== undefined) return 'stale';
  return variantMiss ? 'vary-miss' : 'uri-miss';
}
