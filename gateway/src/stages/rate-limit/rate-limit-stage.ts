import type { Logger } from '@scholarships/logger';
import { HttpProblem } from '@scholarships/service-kit';
import type { Redis } from 'ioredis';
import { clientNetworkKey } from '../../client-address';
import {
  CONTINUE,
  type EdgeStage,
  type EdgeState,
  isPreflight,
  type RequestView,
  reject,
  type StageDecision,
} from '../../edge';
import type { GatewayMetrics } from '../../metrics';
import { type GcraParameters, gcraParameters } from './gcra';
import { type BackendOutcome, LimiterBackend } from './limiter-backend';
import { LocalLimiter } from './local-limiter';
import { formatPolicyField, rateLimitFields } from './rate-limit-fields';
import { type RateLimitRoute, type RateLimitTable, routeMatches } from './rate-limit-table';
import { RedisLimiter } from './redis-limiter';

/** Time between checks of whether Redis is back while the local limiter runs, in milliseconds. */
export const REDIS_PROBE_INTERVAL_MS = 500;

const DEFAULT_REDIS_TIMEOUT_MS = 50;

export interface RateLimitStageOptions {
  table: RateLimitTable;
  /** Shared counters; undefined runs only the per-replica limiter. */
  redis: Redis | undefined;
  /** Deadline of one Redis command, after which the local limiter decides. Default 50. */
  redisTimeoutMs?: number;
  logger: Logger;
  metrics: GatewayMetrics;
  /**
   * Milliseconds of service time that cost one more quota unit, charged after the response.
   * 0 or undefined charges nothing beyond the route cost.
   */
  originMsPerUnit?: number;
  /** Clock in milliseconds since the epoch; the local limiter reads it. */
  now?: () => number;
}

/** A route with what the stage needs per request, computed once. */
interface CompiledRoute {
  route: RateLimitRoute;
  parameters: GcraParameters;
  policyField: string;
}

export interface RateLimitStage extends EdgeStage {
  /** The limiter in use now. */
  readonly backend: () => 'redis' | 'local';
}

/**
 * Builds the rate-limit stage. Each client (its IPv4 address or IPv6 /64) has one bucket per
 * policy, and each request spends its route's cost. Preflights are not counted, because the CORS
 * stage replies to them from constant data, which costs no more than a 429 would.
 */
export function createRateLimitStage(options: RateLimitStageOptions): RateLimitStage {
  const now = options.now ?? Date.now;
  const compiled = compileRoutes(options.table);
  const backend = new LimiterBackend({
    shared:
      options.redis === undefined
        ? undefined
        : new RedisLimiter(options.redis, options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS),
    local: new LocalLimiter(now),
    logger: options.logger,
    now,
    probeIntervalMs: REDIS_PROBE_INTERVAL_MS,
    metrics: {
      backend: options.metrics.rateLimitBackend,
      fallbacks: options.metrics.redisFallbacks,
      charged: options.metrics.rateLimitOriginCharges,
    },
  });

  function decide(outcome: BackendOutcome, route: CompiledRoute): StageDecision {
    const fields = rateLimitFields(route.route.policy, route.policyField, outcome);
    if (outcome.allowed) return { kind: 'continue', headers: fields };
    options.metrics.rateLimitRejections.inc({ backend: outcome.backend });
    return reject(
      rateLimitedProblem(route.route.policy, outcome.retryAfterMs),
      'rate_limited',
      fields,
    );
  }

  const msPerUnit = options.originMsPerUnit ?? 0;
  const chargeOrigin = (key: string, route: CompiledRoute, originMs: number) => {
    const units = Math.floor(originMs / msPerUnit);
    if (units >= 1) backend.charge(key, units, route.parameters);
  };

  return {
    name: 'rate-limit',
    timingName: 'ratelimit',
    backend: () => backend.activeBackend,
    run(view: RequestView, state: EdgeState) {
      if (isPreflight(view)) return CONTINUE;
      const route = matchRoute(compiled, view);
      const key = `rl:${route.route.policy}:${clientNetworkKey(view.clientAddress)}`;
      if (msPerUnit > 0) state.chargeOrigin = (originMs) => chargeOrigin(key, route, originMs);
      const outcome = backend.consume(key, route.route.cost, route.parameters);
      if (outcome instanceof Promise) return outcome.then((settled) => decide(settled, route));
      return decide(outcome, route);
    },
  };
}

function compileRoutes(table: RateLimitTable): CompiledRoute[] {
  return table.routes.map((route) => {
    const policy = table.policies.find((candidate) => candidate.name === route.policy);
    if (policy === undefined) throw new Error(`rate-limit policy ${route.policy} is not defined`);
    return {
      route,
      parameters: gcraParameters(policy.quota, policy.windowSeconds),
      policyField: formatPolicyField(policy),
    };
  });
}

function matchRoute(compiled: readonly CompiledRoute[], view: RequestView): CompiledRoute {
  for (const entry of compiled) {
    if (routeMatches(entry.route, view.method, view.path)) return entry;
  }
  const last = compiled[compiled.length - 1];
  if (last === undefined) throw new Error('the rate-limit table has no routes');
  return last;
}

function rateLimitedProblem(policy: string, retryAfterMs: number): HttpProblem {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpProblem({
    status: 429,
    code: 'RATE_LIMITED',
    title: 'Too many requests',
    detail: `The request exceeds the "${policy}" rate-limit policy; retry after ${seconds} s`,
    retryable: true,
  });
}
