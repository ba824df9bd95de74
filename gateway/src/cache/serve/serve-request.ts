import { UNMATCHED_ROUTE } from '@scholarships/metrics';
import type { BypassReason } from '../keys/key-part';
import type { OriginTarget } from '../origin/origin-response';
import { planRequest } from '../plan/plan-request';
import type { CachePlan } from '../plan/request-plan';
import { matchPolicy } from '../policy-match';
import type { CacheRequest } from '../request/cache-request';
import { hasCredentials } from '../request/cache-request';
import type { CacheResponse } from '../response/cache-response';
import type { CacheRuntime } from '../runtime';
import { callOrigin } from './call-origin';
import { nextEventLoopTurn } from './event-loop-turn';
import { forwardUncached } from './forward-uncached';
import { allowsStaleIfError, isVariantMiss, judgeEntry, selectEntry } from './judge';
import { refreshAfterCatalogWrite, refreshInBackground } from './refresh';
import type { FoundEntry, Resolution } from './resolution';
import { resolveMiss } from './resolve-miss';
import { respondFetched, respondHit, respondStale } from './respond';
import { respondNotStored, respondOriginFailure } from './respond-origin';
import { serveHead } from './serve-head';

/**
 * Serves one request: from a tier when it may, else through one coalesced origin fetch whose
 * response is stored, with stale entries standing in while they are refreshed or when the origin
 * fails. Never rejects for an origin or Redis failure; those become responses.
 */
export async function serveRequest(
  runtime: CacheRuntime,
  request: CacheRequest,
  origin: OriginTarget,
): Promise<CacheResponse> {
  if (!runtime.enabled) {
    return forwardUncached(runtime, request, origin, routeLabel(request), 'disabled');
  }
  // Lets invalidation messages already received by the process run first (see the README).
  if (runtime.subscriber !== undefined) await nextEventLoopTurn();
  const plan = await planRequest(runtime, request);
  if (plan.kind === 'bypass') {
    return forwardUncached(runtime, request, origin, plan.route, plan.reason);
  }
  if (plan.readOnly) return serveHead(runtime, plan, origin);
  return serveCacheable(runtime, plan, origin);
}

/** Forwards a request past the tiers with `X-Cache: BYPASS`, as `serveRequest` does while off. */
export function forwardPastTiers(
  runtime: CacheRuntime,
  request: CacheRequest,
  origin: OriginTarget,
  reason: BypassReason,
): Promise<CacheResponse> {
  return forwardUncached(runtime, request, origin, routeLabel(request), reason);
}

async function serveCacheable(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
): Promise<CacheResponse> {
  const stored = runtime.memory.get(plan.hash);
  const local = selectEntry(runtime, plan, stored, 'local');
  if (local !== undefined) {
    const verdict = judgeEntry(runtime, plan, local, runtime.clock());
    const found: FoundEntry = { entry: local, tier: 'memory' };
    if (verdict === 'fresh') return respondHit(runtime, plan, found);
    if (verdict === 'revalidate') {
      refreshInBackground(runtime, plan, origin, local);
      return respondStale(runtime, plan, found, 'revalidate');
    }
  }
  const standIn = runtime.catalogWriteRefreshes.standIns.get(plan.hash);
  // Only while its generation's grace lasts, however long the refresh takes.
  if (standIn !== undefined && plan.replacedGenerationHashes.includes(standIn.hash)) {
    return respondStale(runtime, plan, standIn, 'catalog-write');
  }
  const { promise, leader } = runtime.flights.run(plan.hash, () =>
    resolveMiss({
      runtime,
      plan,
      origin,
      local: local === undefined ? undefined : { entry: local, tier: 'memory' },
      acceptStale: true,
      variantMiss: isVariantMiss(plan, stored),
    }),
  );
  return respondToResolution(runtime, plan, origin, await promise, leader);
}

function respondToResolution(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  resolution: Resolution,
  leader: boolean,
): CacheResponse | Promise<CacheResponse> {
  if (resolution.kind === 'stored') return respondStored(runtime, plan, origin, resolution.found);
  if (resolution.kind === 'replaced') {
    refreshAfterCatalogWrite(runtime, plan, origin, resolution.found);
    return respondStale(runtime, plan, resolution.found, 'catalog-write');
  }
  if (resolution.kind === 'not-stored') {
    return respondUnstored(runtime, plan, origin, resolution, leader);
  }
  if (resolution.kind === 'failed') return respondFailed(runtime, plan, origin, resolution);
  // Another variant than this request's (RFC 9111 §4.1) cannot serve it.
  if (selectEntry(runtime, plan, resolution.entry, 'local') === undefined) {
    return fetchAlone(runtime, plan, origin);
  }
  return respondFetched(runtime, plan, resolution, !leader || resolution.byPeer);
}

/** Responds with an entry found in Redis, judged again for this request. */
function respondStored(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  found: FoundEntry,
): CacheResponse | Promise<CacheResponse> {
  const source = found.tier === 'redis' ? 'shared' : 'local';
  const entry = selectEntry(runtime, plan, found.entry, source);
  if (entry === undefined) return fetchAlone(runtime, plan, origin);
  const verdict = judgeEntry(runtime, plan, entry, runtime.clock());
  if (verdict === 'stale') return fetchAlone(runtime, plan, origin);
  if (verdict === 'fresh') return respondHit(runtime, plan, { entry, tier: found.tier });
  refreshInBackground(runtime, plan, origin, entry);
  return respondStale(runtime, plan, { entry, tier: found.tier }, 'revalidate');
}

/** Serves the stale fallback when stale-if-error allows it, else the failure itself. */
function respondFailed(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  resolution: Extract<Resolution, { kind: 'failed' }>,
): CacheResponse {
  const { failure, fallback } = resolution;
  if (fallback !== undefined && allowsStaleIfError(fallback.entry, runtime.clock())) {
    const reason = failure.kind === 'breaker-open' ? 'breaker' : 'error';
    const originStatus = failure.kind === 'server-error' ? failure.response.status : undefined;
    return respondStale(runtime, plan, fallback, reason, originStatus);
  }
  runtime.metrics.requests.inc({ route: plan.route, tier: 'none', result: 'miss' });
  return respondOriginFailure(runtime, plan.request, origin, failure, 'MISS', {
    fwd: resolution.fwd,
  });
}

/**
 * Responds to a resolution whose response may not be stored. Such a response belongs to the
 * leader alone, because it may set cookies or be private, so requests that waited for it fetch
 * their own. A shared fill carries no credentials, so when it is refused with 401 or 403, a
 * request that has credentials is forwarded with them.
 */
function respondUnstored(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  resolution: Extract<Resolution, { kind: 'not-stored' }>,
  leader: boolean,
): CacheResponse | Promise<CacheResponse> {
  const refusedAnonymous = resolution.response.status === 401 || resolution.response.status === 403;
  if (refusedAnonymous && plan.policy?.audience === 'shared' && hasCredentials(plan.request)) {
    return forwardUncached(runtime, plan.request, origin, plan.route, 'authenticated');
  }
  if (!leader) return fetchAlone(runtime, plan, origin);
  return respondNotStored(runtime, plan, resolution.response, resolution.reason, resolution.fwd);
}

/** Fetches from the origin for this request alone, without storing the response. */
async function fetchAlone(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
): Promise<CacheResponse> {
  const outcome = await callOrigin(runtime, origin, plan.fillRequest);
  if (outcome.kind === 'response' && outcome.response.status < 500) {
    return respondNotStored(runtime, plan, outcome.response, 'not-shared', 'uri-miss');
  }
  runtime.metrics.requests.inc({ route: plan.route, tier: 'none', result: 'miss' });
  const failure =
    outcome.kind === 'response'
      ? { kind: 'server-error' as const, response: outcome.response }
      : outcome;
  return respondOriginFailure(runtime, plan.request, origin, failure, 'MISS', { fwd: 'uri-miss' });
}

function routeLabel(request: CacheRequest): string {
  return (
    matchPolicy(request.method, request.path)?.policy.route ?? request.routeLabel ?? UNMATCHED_ROUTE
  );
}
