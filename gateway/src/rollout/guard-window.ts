import { HTTP_DURATION_BUCKETS } from '@scholarships/metrics';

/** Upper bounds of the latency buckets in milliseconds; the last bucket has no bound. */
const BOUNDS_MS = HTTP_DURATION_BUCKETS.map((seconds) => seconds * 1000);

/** The figures of a window, summed over its slots. */
export interface WindowFigures {
  requests: number;
  /** Responses with a 5xx status. */
  errors: number;
  /** Responses slower than the window's latency limit. */
  slow: number;
  /** P95 latency in milliseconds, interpolated within its bucket; 0 without requests. */
  p95Ms: number;
}

interface Slot {
  /** Whole second since the epoch this slot counts, or -1 while unused. */
  second: number;
  requests: number;
  errors: number;
  slow: number;
  /** Count per latency bucket, the last for anything above the largest bound. */
  buckets: number[];
}

/**
 * Counts responses over the last `seconds` seconds in one slot per second, so adding a response
 * and summing the window take constant work whatever the request rate.
 */
export class RollingWindow {
  private readonly slots: Slot[];

  constructor(
    private readonly seconds: number,
    /** Responses slower than this, in milliseconds, count as `slow`. */
    private readonly slowAboveMs: number,
  ) {
    this.slots = Array.from({ length: seconds }, () => emptySlot());
  }

  /** Adds one response that finished at `nowMs` (milliseconds since the epoch). */
  add(nowMs: number, statusCode: number, durationMs: number): void {
    const slot = this.slotAt(Math.floor(nowMs / 1000));
    slot.requests += 1;
    if (statusCode >= 500) slot.errors += 1;
    if (durationMs > this.slowAboveMs) slot.slow += 1;
    const bucket = BOUNDS_MS.findIndex((bound) => durationMs <= bound);
    const index = bucket === -1 ? BOUNDS_MS.length : bucket;
    slot.buckets[index] = (slot.buckets[index] ?? 0) + 1;
  }

  /** Sums the slots of the `seconds` seconds up to `nowMs`. */
  figures(nowMs: number): WindowFigures {
    const oldest = Math.floor(nowMs / 1000) - this.seconds + 1;
    const buckets = new Array<number>(BOUNDS_MS.length + 1).fill(0);
    let requests = 0;
    let errors = 0;
    let slow = 0;
    for (const slot of this.slots) {
      if (slot.second < oldest) continue;
      requests += slot.requests;
      errors += slot.errors;
      slow += slot.slow;
      slot.buckets.forEach((count, index) => {
        buckets[index] = (buckets[index] ?? 0) + count;
      });
    }
    return { requests, errors, slow, p95Ms: estimateQuantile(buckets, requests, 0.95) };
  }

  /** Forgets every response, e.g. after a trip, so old figures cannot trip the guard again. */
  clear(): void {
    for (const slot of this.slots) Object.assign(slot, emptySlot());
  }

  private slotAt(second: number): Slot {
    const slot = this.slots[second % this.seconds] as Slot;
    if (slot.second !== second) Object.assign(slot, emptySlot(), { second });
    return slot;
  }
}

function emptySlot(): Slot {
  return {
    second: -1,
    requests: 0,
    errors: 0,
    slow: 0,
    buckets: new Array<number>(BOUNDS_MS.length + 1).fill(0),
  };
}

/**
 * Estimates a quantile the way Prometheus's histogram_quantile does: linear within the bucket
 * that contains the rank. A rank in the unbounded bucket returns the largest bound.
 */
function estimateQuantile(buckets: readonly number[], total: number, quantile: number): number {
  if (total === 0) return 0;
  const rank = quantile * total;
  let below = 0;
  for (let index = 0; index < buckets.length; index += 1) {
    const count = buckets[index] ?? 0;
    if (below + count >= rank && count > 0) {
      const lower = index === 0 ? 0 : (BOUNDS_MS[index - 1] as number);
      const upper = BOUNDS_MS[index];
      if (upper === undefined) return lower;
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return BOUNDS_MS[BOUNDS_MS.length - 1] as number;
}

/**
 * Returns whether the nearest-rank P95 of `requests` responses is above the limit, i.e. whether
 * fewer than ceil(0.95 n) of them took at most the limit. Exact, unlike the bucket estimate.
 */
export function p95AboveLimit(figures: WindowFigures): boolean {
  const withinLimit = figures.requests - figures.slow;
  // ceil(95 n / 100) in integers, because 0.95 * n in floating point can land just above n.
  const rank = Math.floor((95 * figures.requests + 99) / 100);
  return withinLimit < rank;
}
