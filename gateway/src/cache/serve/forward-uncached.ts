import { classifyNetworkError, failedBeforeConnecting } from '../../network-failure';
import { headerText } from '../http/header-map';
import { applyWriteEffects } from '../invalidation/write-effects';
import type { BypassReason } from '../keys/key-part';
import type { OriginTarget } from '../origin/origin-response';
import type { CacheRequest } from '../request/cache-request';
import type { CacheResponse } from '../response/cache-response';
import type { CacheStatusFields } from '../response/cache-status';
import { responseFromOrigin } from '../response/origin-passthrough';
import type { CacheRuntime } from '../runtime';
import { callOrigin } from './call-origin';
import { respondOriginFailure } from './respond-origin';

/**
 * Forwards a request that skips the cache, still through the service's breaker, and applies the
 * invalidations a write that may have taken effect calls for before responding, so the client's
 * next read, on this replica at least, cannot see the old response.
 */
export async function forwardUncached(
  runtime: CacheRuntime,
  request: CacheRequest,
  origin: OriginTarget,
  route: string,
  reason: BypassReason,
): Promise<CacheResponse> {
  runtime.metrics.requests.inc({ route, tier: 'none', result: 'bypass' });
  const fields: CacheStatusFields = {
    fwd: reason === 'method' ? 'method' : 'bypass',
    detail: reason,
  };
  const eventMark = runtime.scholarshipEvents.mark();
  const outcome = await callOrigin(runtime, origin, request);
  if (outcome.kind !== 'response') {
    // An open breaker sent nothing, and neither did a connection that was never made.
    if (outcome.kind === 'error' && !failedBeforeConnecting(classifyNetworkError(outcome.error))) {
      await applyWriteEffects(runtime, request, { status: undefined }, eventMark);
    }
    return respondOriginFailure(runtime, request, origin, outcome, 'BYPASS', fields);
  }
  const { headers } = outcome.response;
  const written = {
    status: outcome.response.status,
    location: headerText(headers, 'location'),
    etag: headerText(headers, 'etag'),
  };
  await applyWriteEffects(runtime, request, written, eventMark);
  const status = { ...fields, fwdStatus: outcome.response.status };
  return responseFromOrigin(outcome.response, request, 'BYPASS', status);
}
