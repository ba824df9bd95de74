import { gatewayProblems } from '../../problems';
import type { ResponseParts } from '../entry/shareability';
import type { OriginTarget } from '../origin/origin-response';
import type { CachePlan } from '../plan/request-plan';
import type { CacheRequest } from '../request/cache-request';
import type { CacheResponse } from '../response/cache-response';
import type { CacheOutcome, CacheStatusFields } from '../response/cache-status';
import { originErrorProblem } from '../response/origin-failure';
import { responseFromOrigin } from '../response/origin-passthrough';
import { problemResponse } from '../response/problem-response';
import type { CacheRuntime } from '../runtime';
import type { ForwardedBecause, OriginFailure } from './resolution';

/** Passes an origin response to this client without storing it. */
export function respondNotStored(
  runtime: CacheRuntime,
  plan: CachePlan,
  response: ResponseParts,
  detail: string,
  fwd: ForwardedBecause,
): CacheResponse {
  runtime.metrics.requests.inc({ route: plan.route, tier: 'none', result: 'miss' });
  const status: CacheStatusFields = { fwd, fwdStatus: response.status, detail };
  return responseFromOrigin(response, plan.request, 'MISS', status);
}

/**
 * Builds the response when the origin gave nothing usable and no stale entry may be served.
 * While the breaker is open it is a fast 503 with Retry-After. A network failure gives 502, a
 * timeout 504, and a 5xx response of the origin is passed on as it came.
 */
export function respondOriginFailure(
  runtime: CacheRuntime,
  request: CacheRequest,
  origin: OriginTarget,
  failure: OriginFailure,
  outcome: CacheOutcome,
  fields: CacheStatusFields,
): CacheResponse {
  const log = request.log ?? runtime.logger;
  if (failure.kind === 'server-error') {
    return responseFromOrigin(failure.response, request, outcome, {
      ...fields,
      fwdStatus: failure.response.status,
    });
  }
  if (failure.kind === 'breaker-open') {
    const retryAfter = runtime.upstream.retryAfterSeconds(origin.service);
    log.debug({ service: origin.service }, 'upstream breaker open; responded with 503');
    const problem = gatewayProblems.upstreamCircuitOpen(origin.service, retryAfter);
    return problemResponse(problem, request, outcome, { ...fields, detail: 'circuit-open' });
  }
  log.warn({ err: failure.error, service: origin.service }, 'upstream request failed');
  const problem = originErrorProblem(
    origin.service,
    failure.error,
    runtime.settings.upstreamTimeoutMs,
  );
  return problemResponse(problem, request, outcome, fields);
}
