import {
  BucketHistogram,
  Counter,
  createHttpMetrics,
  Gauge,
  Histogram,
  HTTP_DURATION_BUCKETS,
  type HttpMetrics,
  type Registry,
  SeriesCounter,
} from '@scholarships/metrics';
import { type CacheMetrics, createCacheMetrics } from './cache';

/** Middleware buckets in seconds: fine below 1 ms, and 25 ms and 50 ms around the 30 ms objective. */
export const MIDDLEWARE_DURATION_BUCKETS = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
];

/**
 * Upstream latency buckets in seconds: the shared HTTP buckets plus 5 s and 10 s, so requests that
 * end at the default 5 s upstream timeout land in a bucket of their own instead of `+Inf`.
 */
export const UPSTREAM_DURATION_BUCKETS = [...HTTP_DURATION_BUCKETS, 5, 10];

/**
 * Edge stage buckets in seconds, from 5 µs to 100 ms: a synchronous stage takes microseconds, and
 * one that waits for Redis or a JWKS fetch takes up to tens of milliseconds.
 */
export const STAGE_DURATION_BUCKETS = [
  0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
  0.05, 0.1,
];

/**
 * Every metric the gateway records. Upstream metrics name the service they called in `upstream`,
 * because `service` is the registry's default label naming the recording process.
 */
export interface GatewayMetrics {
  /** `http_request_duration_seconds` and `http_requests_total` of the gateway's own responses. */
  http: HttpMetrics;
  /**
   * Seconds from forwarding a request until the service's response headers arrive, or its whole
   * body for requests the cache sends. `status_code` is the service's status, or the status of the
   * gateway's own response when none arrived: 502, 503 when no connection was made, or 504.
   */
  upstreamDuration: Histogram<'upstream' | 'status_code'>;
  /** Forwarded requests that ended without a service response, by reason. */
  upstreamFailures: Counter<'upstream' | 'reason'>;
  /** Time each edge stage took, e.g. `stage="rate-limit"`. */
  stageDuration: BucketHistogram<'stage'>;
  /** All edge stages of one request together: the gateway's middleware overhead. */
  middlewareDuration: BucketHistogram;
  /** Requests an edge stage rejected, by stage and bounded reason. */
  stageRejections: Counter<'stage' | 'reason'>;
  /** Requests the WAF blocked, by the category with the highest score. */
  wafBlocks: Counter<'category'>;
  /** Requests the auth stage rejected or could not authenticate, by reason. */
  authFailures: Counter<'reason'>;
  /** 429 responses, by the limiter that decided: `redis` or `local`. */
  rateLimitRejections: Counter<'backend'>;
  /** Quota units charged after the fact for the time a request kept a service busy. */
  rateLimitOriginCharges: Counter<'backend'>;
  /** 1 for the rate limiter in use and 0 for the other. */
  rateLimitBackend: Gauge<'backend'>;
  /** Switches from the shared Redis limiter to the per-replica one. */
  redisFallbacks: Counter;
  /** Response cache and circuit breaker metrics (see cache/README.md). */
  cache: CacheMetrics;
  /** The rollout arms, switches and rollback guard (see the README, "Rollout and rollback"). */
  rollout: RolloutMetrics;
}

/** Metrics that compare the optimized and baseline arms and show the switches and the guard. */
export interface RolloutMetrics {
  /** Requests that passed the edge stage selection, by arm and status class (`2xx` to `5xx`). */
  requests: SeriesCounter<'variant' | 'status_class'>;
  /** The same requests' latency, with the buckets of `http_request_duration_seconds`. */
  duration: BucketHistogram<'variant' | 'route'>;
  /** Current rollout percentage, from 0 to 100. */
  percent: Gauge;
  /** 1 while the optimized arm uses the response cache. */
  cacheEnabled: Gauge;
  /** 1 for the edge stage order of the optimized arm, 0 for the other. */
  middlewareOrder: Gauge<'order'>;
  /** Times this replica's guard turned the optimized arm off, by the figure that crossed. */
  guardTrips: Counter<'reason'>;
  /** 1 while a guard trip keeps the optimized arm off, until an operator sets a percentage. */
  guardHolding: Gauge;
}

/**
 * Declares the gateway's metrics on `registry`. Call it once per registry, because prom-client
 * rejects a second metric with the same name.
 */
export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  return {
    http: createHttpMetrics(registry),
    upstreamDuration: new Histogram({
      name: 'gateway_upstream_duration_seconds',
      help: 'Time from forwarding a request to a service until its response headers arrive, or its whole body for requests the cache sends.',
      labelNames: ['upstream', 'status_code'],
      buckets: UPSTREAM_DURATION_BUCKETS,
      registers: [registry],
    }),
    upstreamFailures: new Counter({
      name: 'gateway_upstream_failures_total',
      help: 'Forwarded requests that ended without a service response, by service and reason.',
      labelNames: ['upstream', 'reason'],
      registers: [registry],
    }),
    ...createEdgeMetrics(registry),
    cache: createCacheMetrics(registry),
    rollout: createRolloutMetrics(registry),
  };
}

function createEdgeMetrics(registry: Registry) {
  return {
    stageDuration: new BucketHistogram({
      name: 'gateway_stage_duration_seconds',
      help: 'Time each edge stage took for one request.',
      labelNames: ['stage'],
      buckets: STAGE_DURATION_BUCKETS,
      registers: [registry],
    }),
    middlewareDuration: new BucketHistogram({
      name: 'gateway_middleware_duration_seconds',
      help: 'Time all edge stages together took for one request, the objective being under 30 ms.',
      buckets: MIDDLEWARE_DURATION_BUCKETS,
      registers: [registry],
    }),
    stageRejections: new Counter({
      name: 'gateway_stage_rejections_total',
      help: 'Requests an edge stage rejected, by stage and reason.',
      labelNames: ['stage', 'reason'],
      registers: [registry],
    }),
    wafBlocks: new Counter({
      name: 'gateway_waf_blocks_total',
      help: 'Requests the WAF blocked, by rule category.',
      labelNames: ['category'],
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'gateway_auth_failures_total',
      help: 'Requests whose credentials were missing, invalid or lacked a role, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    rateLimitRejections: new Counter({
      name: 'gateway_rate_limit_rejections_total',
      help: 'Requests rejected with 429, by the limiter that decided.',
      labelNames: ['backend'],
      registers: [registry],
    }),
    rateLimitOriginCharges: new Counter({
      name: 'gateway_rate_limit_origin_charged_units_total',
      help: 'Quota units charged for service time beyond the route cost, by the limiter charged.',
      labelNames: ['backend'],
      registers: [registry],
    }),
    rateLimitBackend: new Gauge({
      name: 'gateway_rate_limit_backend',
      help: 'Rate limiter in use: 1 for the active backend (redis or local), 0 for the other.',
      labelNames: ['backend'],
      registers: [registry],
    }),
    redisFallbacks: new Counter({
      name: 'gateway_redis_fallbacks_total',
      help: 'Switches from the shared Redis rate limiter to the per-replica limiter.',
      registers: [registry],
    }),
  };
}

function createRolloutMetrics(registry: Registry): RolloutMetrics {
  return {
    requests: new SeriesCounter({
      name: 'gateway_rollout_requests_total',
      help: 'Requests by rollout arm (optimized or baseline) and status class.',
      labelNames: ['variant', 'status_class'],
      registers: [registry],
    }),
    duration: new BucketHistogram({
      name: 'gateway_rollout_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response, by rollout arm and route.',
      labelNames: ['variant', 'route'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [registry],
    }),
    percent: new Gauge({
      name: 'gateway_rollout_percent',
      help: 'Share of clients, from 0 to 100, assigned to the optimized arm.',
      registers: [registry],
    }),
    cacheEnabled: new Gauge({
      name: 'gateway_rollout_cache_enabled',
      help: '1 while the optimized arm uses the response cache, 0 while the switch is off.',
      registers: [registry],
    }),
    middlewareOrder: new Gauge({
      name: 'gateway_rollout_middleware_order',
      help: 'Edge stage order of the optimized arm: 1 for the order in use, 0 for the other.',
      labelNames: ['order'],
      registers: [registry],
    }),
    guardTrips: new Counter({
      name: 'gateway_rollout_guard_trips_total',
      help: 'Times the rollback guard turned the optimized arm off, by reason (error_ratio, p95).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    guardHolding: new Gauge({
      name: 'gateway_rollout_guard_holding',
      help: '1 while a rollback guard trip keeps the optimized arm off, else 0.',
      registers: [registry],
    }),
  };
}
