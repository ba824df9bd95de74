import { isBreakerOpenError } from '../../breakers';
import type { OriginTarget } from '../origin/origin-response';
import type { CacheRequest } from '../request/cache-request';
import type { CacheRuntime } from '../runtime';
import type { OriginOutcome } from './resolution';

/**
 * Sends one request to the origin through the service's breaker. Never rejects: an open breaker
 * is recognized by opossum's error code, and any other rejection is an origin failure.
 */
export async function callOrigin(
  runtime: CacheRuntime,
  origin: OriginTarget,
  request: CacheRequest,
): Promise<OriginOutcome> {
  const requestTime = runtime.clock();
  try {
    const response = await runtime.upstream.call(origin.service, () => origin.fetch(request));
    return { kind: 'response', response, requestTime, responseTime: runtime.clock() };
  } catch (error) {
    if (isBreakerOpenError(error)) return { kind: 'breaker-open' };
    return { kind: 'error', error };
  }
}
