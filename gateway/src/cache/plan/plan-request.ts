import { matchPolicy } from '../policy-match';
import type { CacheRequest } from '../request/cache-request';
import type { CacheRuntime } from '../runtime';
import { planPolicyRequest } from './plan-policy';
import { planRfcRequest } from './plan-rfc';
import type { RequestPlan } from './request-plan';

/**
 * Decides how a request is served: its key and tiers, or why it skips the cache. It returns at
 * once unless a part of the key must be read first.
 */
export function planRequest(
  runtime: CacheRuntime,
  request: CacheRequest,
): RequestPlan | Promise<RequestPlan> {
  const match = matchPolicy(request.method, request.path);
  if (match !== undefined) return planPolicyRequest(runtime, request, match);
  // A policy route asked with another method, e.g. a PUT to a scholarship, is not a policy read.
  return planRfcRequest(request);
}
