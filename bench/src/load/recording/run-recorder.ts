import { LatencyHistogram } from '../histogram';
import { CACHE_OUTCOMES, type CacheOutcome, type ErrorReason, RouteStats } from './route-stats';

const NS_PER_US = 1000n;
const NS_PER_SECOND = 1_000_000_000n;

/** Outcomes of one second of the run, by the second in which each request was due. */
export interface SecondStats {
  requests: number;
  errors: number;
  cacheHits: number;
  cacheableResponses: number;
  latency: LatencyHistogram;
}

export function parseCacheOutcome(value: string | string[] | undefined): CacheOutcome {
  const text = Array.isArray(value) ? value[0] : value;
  const upper = text?.trim().toUpperCase();
  return CACHE_OUTCOMES.find((outcome) => outcome === upper) ?? 'none';
}

/**
 * Records the outcome of every request of one measurement: per route, overall, and per second
 * of due time. Latency runs from the request's due time to the end of its response.
 */
export class RunRecorder {
  readonly overall = new RouteStats();
  readonly routes = new Map<string, RouteStats>();
  readonly seconds: SecondStats[] = [];
  /** Delay from a request's due time until the generator sent it, in microseconds. */
  readonly sendLag = new LatencyHistogram();
  /** Requests that received a response or failed; the rest are still in flight. */
  finished = 0;
  /** Latency of the responses since the last takeRecentLatency call, for progress lines. */
  private recent = new LatencyHistogram();

  constructor(readonly startNs: bigint) {}

  private route(name: string): RouteStats {
    let stats = this.routes.get(name);
    if (stats === undefined) {
      stats = new RouteStats();
      this.routes.set(name, stats);
    }
    return stats;
  }

  private second(dueNs: bigint): SecondStats {
    const index = Math.max(0, Number((dueNs - this.startNs) / NS_PER_SECOND));
    while (this.seconds.length <= index) {
      this.seconds.push({
        requests: 0,
        errors: 0,
        cacheHits: 0,
        cacheableResponses: 0,
        latency: new LatencyHistogram(),
      });
    }
    const second = this.seconds[index];
    if (second === undefined) throw new RangeError(`no per-second slot ${index}`);
    return second;
  }

  /**
   * Counts a request that came due and records how late the generator handled it. A request
   * rejected for overload is counted here too, before its failure.
   */
  recordSent(route: string, dueNs: bigint, sentNs: bigint): void {
    this.overall.requests += 1;
    this.route(route).requests += 1;
    this.second(dueNs).requests += 1;
    this.sendLag.record(Number((sentNs - dueNs) / NS_PER_US));
  }

  recordResponse(
    route: string,
    timing: { dueNs: bigint; endNs: bigint },
    response: { status: number; expected: boolean; cacheOutcome: CacheOutcome; cacheable: boolean },
  ): void {
    const latencyUs = Number((timing.endNs - timing.dueNs) / NS_PER_US);
    const second = this.second(timing.dueNs);
    for (const stats of [this.overall, this.route(route)]) {
      stats.addResponse(latencyUs, response.status, response.cacheOutcome, response.cacheable);
      if (!response.expected) stats.addError(`status ${response.status}`);
    }
    second.latency.record(latencyUs);
    this.recent.record(latencyUs);
    if (!response.expected) second.errors += 1;
    if (response.cacheable) {
      second.cacheableResponses += 1;
      if (response.cacheOutcome === 'HIT' || response.cacheOutcome === 'STALE') {
        second.cacheHits += 1;
      }
    }
    this.finished += 1;
  }

  /** Returns the latency of the responses received since the last call, and starts anew. */
  takeRecentLatency(): LatencyHistogram {
    const recent = this.recent;
    this.recent = new LatencyHistogram();
    return recent;
  }

  /** Records a request that got no response (timeout, network error) or was never sent (overload). */
  recordFailure(route: string, dueNs: bigint, reason: ErrorReason): void {
    this.overall.addError(reason);
    this.route(route).addError(reason);
    this.second(dueNs).errors += 1;
    this.finished += 1;
  }
}
