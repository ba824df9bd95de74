import type { CacheEntry } from '../entry/cache-entry';
import type { OriginTarget } from '../origin/origin-response';
import type { CachePlan } from '../plan/request-plan';
import { type CacheRuntime, trackBackground } from '../runtime';
import type { Resolution } from './resolution';
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
  if (runtime.flights.has(plan.hash)) return;
  const { promise } = runtime.flights.run(plan.hash, () =>
    resolveMiss({
      runtime,
      plan: { ...plan, request: plan.fillRequest, readOnly: false },
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
}

function reportRefresh(runtime: CacheRuntime, plan: CachePlan, resolution: Resolution): void {
  if (resolution.kind === 'stored' || resolution.kind === 'fetched') return;
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
