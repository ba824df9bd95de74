import { nextTraceparent, parseTraceparent } from '@scholarships/logger';
import { readJsonObject } from '../keys/json-body';
import { hashBodyText, hashKeyText } from '../keys/key-hash';
import { type BypassReason, keyText } from '../keys/key-part';
import { normalizeQuery } from '../keys/query-rules';
import type { RoutePolicy } from '../policy';
import type { PolicyMatch } from '../policy-match';
import type { CacheRequest } from '../request/cache-request';
import type { CacheRuntime } from '../runtime';
import { type KeyContextResult, resolveKeyContext } from './key-context';
import { type PolicyKeyParts, policyKeyText } from './key-text';
import { bypassPlan, type CachePlan, type RequestPlan } from './request-plan';

interface BodyKey {
  text: string;
  scholarshipId: string | undefined;
}

/**
 * Plans a request on a policy route: its key, or why it skips the cache. It returns at once unless
 * a context part must be read first (see `resolveKeyContext`).
 */
export function planPolicyRequest(
  runtime: CacheRuntime,
  request: CacheRequest,
  match: PolicyMatch,
): RequestPlan | Promise<RequestPlan> {
  const { policy } = match;
  if (policy.audience === 'per-user' && request.identity === undefined) {
    return bypassPlan(policy.route, 'anonymous');
  }
  const path = policy.pathKey === undefined ? keyText('') : policy.pathKey(match.parameters);
  if (!path.ok) return bypassPlan(policy.route, path.reason);
  const query = normalizeQuery(policy.query, request.query);
  if (!query.ok) return bypassPlan(policy.route, query.reason);
  const body = bodyKey(policy, request);
  if ('reason' in body) return bypassPlan(policy.route, body.reason);
  const keyParts = { path: path.text, query: query.text, body: body.text };
  const context = resolveKeyContext(runtime, policy, {
    userId: request.identity?.userId,
    scholarshipId: body.scholarshipId,
  });
  if (context instanceof Promise) {
    return context.then((resolved) => policyPlan(request, policy, keyParts, resolved));
  }
  return policyPlan(request, policy, keyParts, context);
}

function policyPlan(
  request: CacheRequest,
  policy: RoutePolicy,
  keyParts: Omit<PolicyKeyParts, 'context'>,
  context: KeyContextResult,
): RequestPlan {
  if (!context.ok) return bypassPlan(policy.route, context.reason);
  const text = policyKeyText(policy, { ...keyParts, context: context.parts });
  return new PolicyCachePlan(request, policy, hashKeyText(text), keyParts, context);
}

/**
 * The plan of a cacheable request on a policy route. It is a class because its two lazy fields
 * are getters, and an object literal with getters took about 0.7 µs to create, against under
 * 0.03 µs for a class instance (measured with Node.js 20). One plan is created per cache hit.
 */
class PolicyCachePlan implements CachePlan {
  readonly kind = 'cache';
  readonly route: string;
  readonly shared: boolean;
  readonly readOnly: boolean;
  readonly perUser: boolean;
  readonly notAfter: number | undefined;
  readonly requestMaxAgeMs = undefined;
  private fill: CacheRequest | undefined;
  private replacedHashes: string[] | undefined;

  constructor(
    readonly request: CacheRequest,
    readonly policy: RoutePolicy,
    readonly hash: string,
    private readonly keyParts: Omit<PolicyKeyParts, 'context'>,
    private readonly context: Extract<KeyContextResult, { ok: true }>,
  ) {
    this.route = policy.route;
    this.shared = context.shared;
    this.readOnly = request.method === 'HEAD';
    this.perUser = policy.audience === 'per-user';
    this.notAfter = context.notAfter;
  }

  /** Built on first use: a hit never needs it, and its trace context costs random bytes. */
  get fillRequest(): CacheRequest {
    this.fill ??= policyFillRequest(this.policy, this.request);
    return this.fill;
  }

  /** Hashed on first use: only a miss right after a catalog write looks for it. */
  get replacedGenerationHashes(): readonly string[] {
    this.replacedHashes ??= this.context.replacedParts.map((context) =>
      hashKeyText(policyKeyText(this.policy, { ...this.keyParts, context })),
    );
    return this.replacedHashes;
  }
}

function bodyKey(policy: RoutePolicy, request: CacheRequest): BodyKey | { reason: BypassReason } {
  if (policy.body === undefined) return { text: '', scholarshipId: undefined };
  const parsed = readJsonObject(request);
  if (!parsed.ok) return { reason: parsed.reason };
  const text = policy.body.keyText(parsed.value);
  if (!text.ok) return { reason: text.reason };
  return {
    text: hashBodyText(text.text),
    scholarshipId: policy.body.scholarshipId?.(parsed.value),
  };
}

/**
 * Builds the origin request of a fill. It carries only what the key covers: the method, target
 * and body, Content-Type for a body, and the identity on per-user routes, plus the trace
 * context. Shared fills carry no credentials, so a shared entry can only ever hold the
 * anonymous response, and no client header outside the key can change it.
 */
function policyFillRequest(policy: RoutePolicy, request: CacheRequest): CacheRequest {
  const contentType = request.headers['content-type'];
  const headers: Record<string, string> = {};
  if (request.body !== undefined && contentType !== undefined) {
    headers['content-type'] = contentType;
  }
  // The trace continues into the service with a new span id; it never changes the response.
  headers.traceparent = nextTraceparent(parseTraceparent(request.headers.traceparent));
  const perUser = policy.audience === 'per-user';
  if (perUser && request.headers.authorization !== undefined) {
    headers.authorization = request.headers.authorization;
  }
  return {
    method: request.method === 'HEAD' ? 'GET' : request.method,
    path: request.path,
    query: request.query,
    headers,
    identity: perUser ? request.identity : undefined,
    body: request.method === 'POST' ? request.body : undefined,
    requestId: request.requestId,
    ...(request.log === undefined ? {} : { log: request.log }),
    routeLabel: policy.route,
    ...(request.chargeOrigin === undefined ? {} : { chargeOrigin: request.chargeOrigin }),
  };
}
