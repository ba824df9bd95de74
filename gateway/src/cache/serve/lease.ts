import type { CacheEntry } from '../entry/cache-entry';
import type { CachePlan } from '../plan/request-plan';
import { type CacheRuntime, invalidationIsLive } from '../runtime';
import type { SharedLookup } from '../tiers/shared-tier';
import { selectEntry } from './judge';

/**
 * Outcome of a lease claim, naming who fetches from the origin: this replica (with the lease's
 * token, or none when Redis is out of reach), or another replica that filled the entry while this
 * one waited.
 */
export type LeaseOutcome =
  | { kind: 'own'; token: string | undefined }
  | { kind: 'peer'; entry: CacheEntry };

/** Extra wait past a peer's lease expiry, for its store and notification to arrive. */
const NOTIFICATION_MARGIN_MS = 50;

/**
 * Makes sure one replica fetches a key. The lookup already tried to take the lease when the
 * entry was missing; a key with a stale entry claims it here. When another replica holds it,
 * this one waits for that replica's notification, never longer than the lease or the upstream
 * timeout, and fetches itself if the holder dies, fails, or Redis stops responding.
 */
export async function claimLease(
  runtime: CacheRuntime,
  plan: CachePlan,
  lookup: SharedLookup | undefined,
  token: string,
): Promise<LeaseOutcome> {
  if (lookup === undefined) return { kind: 'own', token: undefined };
  if (lookup.lease === 'acquired') return { kind: 'own', token };
  let remainingMs = lookup.leaseRemainingMs;
  if (lookup.lease === 'not-requested') {
    const claim = await claimSafely(runtime, plan, token);
    if (claim === undefined) return { kind: 'own', token: undefined };
    if (claim.acquired) return { kind: 'own', token };
    remainingMs = claim.remainingMs;
  }
  const waitUntil =
    runtime.clock() +
    Math.min(remainingMs + NOTIFICATION_MARGIN_MS, runtime.settings.upstreamTimeoutMs);
  return waitForPeer(runtime, plan, token, waitUntil);
}

async function waitForPeer(
  runtime: CacheRuntime,
  plan: CachePlan,
  token: string,
  waitUntil: number,
): Promise<LeaseOutcome> {
  const redis = runtime.redis;
  for (;;) {
    const remainingMs = waitUntil - runtime.clock();
    // Without a live subscription no notification can arrive, so waiting would only add latency.
    if (redis === undefined || remainingMs <= 0 || !invalidationIsLive(runtime)) {
      return { kind: 'own', token: undefined };
    }
    const woken = await runtime.waiters.wait(plan.hash, remainingMs);
    if (woken !== 'filled') return { kind: 'own', token: undefined };
    const again = await lookupAgain(runtime, plan, token);
    if (again === undefined) return { kind: 'own', token: undefined };
    const entry = selectEntry(runtime, plan, again.entry, 'shared');
    if (entry !== undefined) {
      runtime.memory.set(plan.hash, entry);
      return { kind: 'peer', entry };
    }
    // The holder stored nothing usable. This replica fetches, with the lease if it took it, unless
    // another waiter took the lease first, in which case it waits for that one.
    if (again.lease !== 'held') {
      return { kind: 'own', token: again.lease === 'acquired' ? token : undefined };
    }
  }
}

async function claimSafely(runtime: CacheRuntime, plan: CachePlan, token: string) {
  try {
    return await runtime.redis?.shared.claim(plan.hash, token, true);
  } catch (error) {
    runtime.logger.debug({ err: error, route: plan.route }, 'cache lease claim failed');
    return undefined;
  }
}

async function lookupAgain(runtime: CacheRuntime, plan: CachePlan, token: string) {
  try {
    return await runtime.redis?.shared.lookup(plan.hash, token);
  } catch (error) {
    runtime.logger.debug({ err: error, route: plan.route }, 'cache redis lookup failed');
    return undefined;
  }
}
