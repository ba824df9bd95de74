import { LRUCache } from 'lru-cache';
import { type GcraOutcome, type GcraParameters, gcraCharge, gcraStep } from './gcra';

/**
 * Clients tracked per replica. Past it the least recently seen client is forgotten, which can only
 * give that client a fresh budget, never block anyone wrongly.
 */
const MAX_TRACKED_CLIENTS = 100_000;

/** Per-replica GCRA limiter: synchronous, bounded in memory, entries expire with their bucket. */
export class LocalLimiter {
  private readonly tats: LRUCache<string, number>;

  constructor(private readonly now: () => number) {
    this.tats = new LRUCache<string, number>({
      max: MAX_TRACKED_CLIENTS,
      ttlAutopurge: false,
      perf: { now },
    });
  }

  consume(key: string, cost: number, parameters: GcraParameters): GcraOutcome {
    const nowMs = this.now();
    const step = gcraStep(this.tats.get(key), nowMs, cost, parameters);
    if (step.nextTat !== undefined) {
      this.tats.set(key, step.nextTat, { ttl: Math.ceil(step.nextTat - nowMs) });
    }
    return step.outcome;
  }

  /** Takes `units` more from the bucket of `key` (see `gcraCharge`) and returns the units taken. */
  charge(key: string, units: number, parameters: GcraParameters): number {
    const nowMs = this.now();
    const { nextTat, unitsTaken } = gcraCharge(this.tats.get(key), nowMs, units, parameters);
    if (nextTat > nowMs) this.tats.set(key, nextTat, { ttl: Math.ceil(nextTat - nowMs) });
    return unitsTaken;
  }
}
