import type { OriginTarget } from '../origin/origin-response';
import type { CachePlan } from '../plan/request-plan';
import type { CacheResponse } from '../response/cache-response';
import type { CacheRuntime } from '../runtime';
import { callOrigin } from './call-origin';
import { findStored } from './find-stored';
import { judgeEntry } from './judge';
import { refreshInBackground } from './refresh';
import { respondHit, respondStale } from './respond';
import { respondNotStored, respondOriginFailure } from './respond-origin';

/**
 * Serves HEAD from a stored GET response (RFC 9110 §9.3.2). HEAD never fills an entry, so on a
 * miss it is forwarded as HEAD and its response passed on.
 */
export async function serveHead(
  runtime: CacheRuntime,
  plan: CachePlan,
  origin: OriginTarget,
): Promise<CacheResponse> {
  const found = await findStored(runtime, plan);
  if (found !== undefined) {
    const verdict = judgeEntry(runtime, plan, found.entry, runtime.clock());
    if (verdict === 'fresh') return respondHit(runtime, plan, found);
    if (verdict === 'revalidate') {
      refreshInBackground(runtime, plan, origin, found.entry);
      return respondStale(runtime, plan, found, 'revalidate');
    }
  }
  const outcome = await callOrigin(runtime, origin, plan.request);
  if (outcome.kind === 'response' && outcome.response.status < 500) {
    return respondNotStored(runtime, plan, outcome.response, 'head', 'uri-miss');
  }
  runtime.metrics.requests.inc({ route: plan.route, tier: 'none', result: 'miss' });
  const failure =
    outcome.kind === 'response'
      ? { kind: 'server-error' as const, response: outcome.response }
      : outcome;
  return respondOriginFailure(runtime, plan.request, origin, failure, 'MISS', { fwd: 'uri-miss' });
}
