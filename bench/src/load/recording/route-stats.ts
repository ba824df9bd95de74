import { LatencyHistogram } from '../histogram';

/** X-Cache values the gateway sends, plus `none` for a response without the field. */
export const CACHE_OUTCOMES = ['HIT', 'STALE', 'MISS', 'BYPASS', 'none'] as const;
export type CacheOutcome = (typeof CACHE_OUTCOMES)[number];

/** The reason a request counts as an error. */
export type ErrorReason = `status ${number}` | 'timeout' | 'network' | 'overload';

/** Everything recorded about one route (or all routes) during one measurement. */
export class RouteStats {
  /** Latency of every request that received a response, from its due time, in microseconds. */
  readonly latency = new LatencyHistogram();
  /** Requests due in the window, with or without a response. */
  requests = 0;
  errors = 0;
  readonly errorReasons = new Map<ErrorReason, number>();
  readonly statuses = new Map<number, number>();
  readonly cache = new Map<CacheOutcome, number>();
  /** Responses to requests that the gateway may serve from its cache. */
  cacheableResponses = 0;

  addError(reason: ErrorReason): void {
    this.errors += 1;
    this.errorReasons.set(reason, (this.errorReasons.get(reason) ?? 0) + 1);
  }

  addResponse(latencyUs: number, status: number, cacheOutcome: CacheOutcome, cacheable: boolean) {
    this.latency.record(latencyUs);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (!cacheable) return;
    this.cacheableResponses += 1;
    this.cache.set(cacheOutcome, (this.cache.get(cacheOutcome) ?? 0) + 1);
  }

  /** HIT and STALE responses: both were served from the cache without waiting for a service. */
  get cacheHits(): number {
    return (this.cache.get('HIT') ?? 0) + (this.cache.get('STALE') ?? 0);
  }
}
