/** One step of a warm-up: a constant arrival rate for a while. */
export interface WarmUpStep {
  rate: number;
  durationMs: number;
}

/** Length of each step of a rising warm-up. */
export const WARM_UP_STEP_MS = 1000;

/** Share of the full rate that the first step sends. */
export const WARM_UP_FIRST_SHARE = 0.1;

/**
 * Splits a warm-up into one-second steps whose rate rises evenly from a tenth of `rate` to the
 * full rate. A cold platform hit at the full rate at once queues requests behind the misses that
 * fill its caches, and that backlog carries into the measured window. Rising steps let the caches
 * fill at a rate the origin keeps up with, as traffic reaches a replica that joins a pool. The
 * last step runs at the full rate, so the measured window starts from the steady state. A
 * warm-up shorter than two steps runs at the full rate alone.
 */
export function warmUpSteps(rate: number, warmupMs: number): WarmUpStep[] {
  if (warmupMs <= 0) return [];
  const count = Math.floor(warmupMs / WARM_UP_STEP_MS);
  if (count < 2) return [{ rate, durationMs: warmupMs }];
  const lastMs = warmupMs - (count - 1) * WARM_UP_STEP_MS;
  return Array.from({ length: count }, (_, index) => {
    const share = WARM_UP_FIRST_SHARE + ((1 - WARM_UP_FIRST_SHARE) * index) / (count - 1);
    return {
      rate: Math.max(1, Math.round(rate * share)),
      durationMs: index === count - 1 ? lastMs : WARM_UP_STEP_MS,
    };
  });
}
