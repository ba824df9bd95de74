import type { LatencyHistogram } from '../histogram';
import type { ProcessMetricsSummary } from '../metrics';
import type { RouteStats, RunRecorder } from '../recording';
import type { LatencySummary, RouteSummary, TimelinePoint } from './types';

const US_PER_MS = 1000;

export function summarizeLatency(histogram: LatencyHistogram): LatencySummary {
  const ms = (us: number) => us / US_PER_MS;
  return {
    p50Ms: ms(histogram.percentile(50)),
    p90Ms: ms(histogram.percentile(90)),
    p95Ms: ms(histogram.percentile(95)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    meanMs: ms(histogram.mean),
  };
}

function record<Key extends string | number>(
  map: ReadonlyMap<Key, number>,
): Record<string, number> {
  return Object.fromEntries([...map.entries()].map(([key, value]) => [String(key), value]));
}

export function summarizeRoute(route: string, stats: RouteStats, durationMs: number): RouteSummary {
  return {
    route,
    ...summarizeLatency(stats.latency),
    requests: stats.requests,
    responses: stats.latency.count,
    throughputPerSecond: stats.latency.count / (durationMs / 1000),
    errors: stats.errors,
    errorRatio: stats.requests === 0 ? 0 : stats.errors / stats.requests,
    errorReasons: record(stats.errorReasons),
    statuses: record(stats.statuses),
    cache: record(stats.cache),
    hitRatio: stats.cacheableResponses === 0 ? null : stats.cacheHits / stats.cacheableResponses,
  };
}

export function summarizeTimeline(recorder: RunRecorder): TimelinePoint[] {
  return recorder.seconds.map((second, index) => ({
    second: index,
    requests: second.requests,
    errors: second.errors,
    p95Ms: second.latency.count === 0 ? null : second.latency.percentile(95) / US_PER_MS,
    hitRatio: second.cacheableResponses === 0 ? null : second.cacheHits / second.cacheableResponses,
  }));
}

/** Per-route summaries in a stable order: the synthetic kinds first, then the rest by name. */
export function summarizeRoutes(recorder: RunRecorder, durationMs: number): RouteSummary[] {
  const order = ['search', 'lookup', 'check', 'analysis', 'write', 'bare'];
  const rank = (route: string) => (order.includes(route) ? order.indexOf(route) : order.length);
  return [...recorder.routes.entries()]
    .sort(([left], [right]) => rank(left) - rank(right) || left.localeCompare(right))
    .map(([route, stats]) => summarizeRoute(route, stats, durationMs));
}

/**
 * Compares the hit ratio from X-Cache headers with the one from `gateway_cache_requests_total`.
 * They count different sets (the metric also counts requests the generator did not send, such as
 * health probes), so they agree only roughly.
 */
export function cacheCrossCheck(
  overall: RouteSummary,
  metrics: ProcessMetricsSummary | undefined,
): { fromHeaders: number | null; fromMetric: number | null } {
  return { fromHeaders: overall.hitRatio, fromMetric: metrics?.cache.hitRatio ?? null };
}
