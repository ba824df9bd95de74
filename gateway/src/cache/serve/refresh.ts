import type { CacheEntry } from '../entry/cache-entry';
import type { OriginTarget } from '../origin/origin-response';
import type { CachePlan } from '../plan/request-plan';
import { withoutCharge } from '../request/cache-request';
import { type CacheRuntime, trackBackground } from '../runtime';
import type { Resolution, StandIn } from './resolution';
import { resolveMiss } from './resolve-miss';

/**
 * Starts one background refresh of a stale entry, unless a fetch for its key is already in
 * flight on this replica. Across replicas, the lease lets only one replica refresh. The refresh
 * takes the in-flight slot, so requests that need the key meanwhile wait for it rather than fetch
 * again. A failed refresh is logged and counted and never rejects.
 */
export function refreshInBackground(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  stale: CacheEntry,
): void {
  startRefresh(runtime, plan, origin, stale);
}

/**
 * Refreshes a key that an entry of a replaced catalog generation was served for, when fewer than
 * the configured number of such refreshes run on this replica. Otherwise a later request for the
 * key tries again. A catalog write makes every listing key miss at once, and refreshing
 * them all together would take every core from the requests that need the origin now.
 */
export function refreshAfterCatalogWrite(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  standIn: StandIn,
): void {
  const refreshes = runtime.catalogWriteRefreshes;
  if (refreshes.standIns.size >= runtime.settings.catalogWriteRefreshConcurrency) return;
  const refreshing = startRefresh(runtime, plan, origin, standIn.entry);
  if (refreshing === undefined) return;
  // Requests for the key meanwhile get the stand-in rather than wait for the refresh.
  refreshes.standIns.set(plan.hash, standIn);
  const release = () => {
    refreshes.standIns.delete(plan.hash);
  };
  refreshing.then(release, release);
}

function startRefresh(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
  stale: CacheEntry,
): Promise<void> | undefined {
  if (runtime.flights.has(plan.hash)) return undefined;
  const { promise } = runtime.flights.run(plan.hash, () =>
    resolveMiss({
      runtime,
      plan: refreshPlan(plan),
      origin,
      local: { entry: stale, tier: 'memory' },
      acceptStale: false,
      variantMiss: false,
    }),
  );
  const reporting = promise.then(
    (resolution) => reportRefresh(runtime, plan, resolution),
    (error: unknown) => {
      runtime.metrics.refreshFailures.inc({ route: plan.route });
      runtime.logger.error({ err: error, route: plan.route }, 'cache refresh failed unexpectedly');
    },
  );
  trackBackground(runtime, reporting);
  return reporting;
}

function reportRefresh(runtime: CacheRuntime, plan: CachePlan, resolution: Resolution): void {
  if (resolution.kind !== 'not-stored' && resolution.kind !== 'failed') return;
  runtime.metrics.refreshFailures.inc({ route: plan.route });
  if (resolution.kind === 'not-stored') {
    runtime.logger.info(
      { route: plan.route, status: resolution.response.status, reason: resolution.reason },
      'cache refresh got a response that may not be stored; entry dropped',
    );
    return;
  }
  const failure = resolution.failure;
  runtime.logger.warn(
    {
      route: plan.route,
      failure: failure.kind,
      ...(failure.kind === 'error' ? { err: failure.error } : {}),
      ...(failure.kind === 'server-error' ? { status: failure.response.status } : {}),
    },
    'cache refresh failed; stale entry kept',
  );
}

/**
 * Returns the plan of a background refresh: the fill request is the request, and it may store.
 * Every field is copied by name, because a plan's lazy fields are getters that a spread skips.
 */
function refreshPlan(plan: CachePlan): CachePlan {
  // No client waits for a refresh, so none is charged for the origin's time.
  const fill = withoutCharge(plan.fillRequest);
  return {
    kind: 'cache',
    route: plan.route,
    policy: plan.policy,
    hash: plan.hash,
    request: fill,
    fillRequest: fill,
    shared: plan.shared,
    replacedGenerationHashes: plan.replacedGenerationHashes,
    readOnly: false,
    perUser: plan.perUser,
    notAfter: plan.notAfter,
    requestMaxAgeMs: plan.requestMaxAgeMs,
  };
}
