import type { Registry } from 'prom-client';
import { BucketHistogram, type BucketSeries } from './bucket-histogram';
import { type CounterSeries, SeriesCounter } from './series-counter';

/**
 * Latency buckets in seconds, dense around the objectives (P95 at most
 * 120 ms, P99 under 200 ms) so the recorded percentiles there are precise.
 */
export const HTTP_DURATION_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75,
  1, 1.5, 2.5,
];

/** Route label shared by every request that matched no route, so random paths add no series. */
export const UNMATCHED_ROUTE = '<unmatched>';

export interface HttpMetrics {
  /** Records one finished request; `route` must be a template such as `/api/v1/scholarships/:id`. */
  observe(method: string, route: string, statusCode: number, seconds: number): void;
}

/** Label sets whose series are looked up once and then reused, a bound on the memory they take. */
const MAX_CACHED_SERIES = 1000;

/** Declares `http_request_duration_seconds` and `http_requests_total` on the registry. */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const duration = new BucketHistogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by route template.',
    labelNames,
    buckets: HTTP_DURATION_BUCKETS,
    registers: [registry],
  });
  const total = new SeriesCounter({
    name: 'http_requests_total',
    help: 'Requests answered, by route template and status code.',
    labelNames,
    registers: [registry],
  });
  const series = new Map<string, { duration: BucketSeries; total: CounterSeries }>();
  return {
    observe(method, route, statusCode, seconds) {
      const key = `${method} ${route} ${statusCode}`;
      let child = series.get(key);
      if (child === undefined) {
        const labels = { method, route, status_code: String(statusCode) };
        child = { duration: duration.labels(labels), total: total.labels(labels) };
        if (series.size < MAX_CACHED_SERIES) series.set(key, child);
      }
      child.duration.observe(seconds);
      child.total.inc();
    },
  };
}
