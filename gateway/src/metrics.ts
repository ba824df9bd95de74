import {
  Counter,
  createHttpMetrics,
  Histogram,
  HTTP_DURATION_BUCKETS,
  type HttpMetrics,
  type Registry,
} from '@scholarships/metrics';

/**
 * Upstream latency buckets in seconds: the shared HTTP buckets plus 5 s and 10 s, so requests that
 * end at the default 5 s upstream timeout land in a bucket of their own instead of `+Inf`.
 */
export const UPSTREAM_DURATION_BUCKETS = [...HTTP_DURATION_BUCKETS, 5, 10];

/**
 * Every metric the gateway records. Upstream metrics name the service they called in `upstream`,
 * because `service` is the registry's default label naming the recording process.
 */
export interface GatewayMetrics {
  /** `http_request_duration_seconds` and `http_requests_total` of the gateway's own responses. */
  http: HttpMetrics;
  /**
   * Seconds from forwarding a request until the service's response headers arrive. `status_code`
   * is the service's status, or 502/504 when no response arrived and the gateway sent its own.
   */
  upstreamDuration: Histogram<'upstream' | 'status_code'>;
  /** Forwarded requests that ended without a service response, by reason. */
  upstreamFailures: Counter<'upstream' | 'reason'>;
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
      help: 'Time from forwarding a request to a service until its response headers arrive.',
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
  };
}
