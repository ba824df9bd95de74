/**
 * Generic cell rate algorithm (GCRA), the token bucket expressed as one timestamp per client: the
 * theoretical arrival time (TAT) at which the client's bucket is full again. A policy of `quota`
 * units per `window` refills one unit every `window / quota` and keeps at most `quota` units, so a
 * client may burst its whole quota and then continues at the refill rate.
 */
export interface GcraParameters {
  /** Time to refill one quota unit, in milliseconds: window / quota. */
  intervalMs: number;
  /** Policy window in milliseconds; also the largest burst, `quota` units. */
  windowMs: number;
}

/** One client's state after a request, as the RateLimit fields report it. */
export interface GcraOutcome {
  allowed: boolean;
  /** Whole quota units still available now. */
  remaining: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
  /** Milliseconds until the rejected request would fit; 0 when allowed. */
  retryAfterMs: number;
}

export interface GcraStep {
  outcome: GcraOutcome;
  /** The TAT to store, or undefined when the request was rejected and nothing changes. */
  nextTat: number | undefined;
}

/**
 * Share of a unit by which a count of whole units may fall short and still count. Times are
 * milliseconds since the epoch, about 1.7e12, where a double resolves about 0.0002 ms, so one unit
 * spent from a full bucket can come out as 0.999999 of a unit, and floor would lose it.
 */
export const UNIT_TOLERANCE = 1e-6;

export function gcraParameters(quota: number, windowSeconds: number): GcraParameters {
  const windowMs = windowSeconds * 1000;
  return { intervalMs: windowMs / quota, windowMs };
}

/**
 * Spends `cost` units at time `nowMs` from a bucket whose TAT is `storedTat` (undefined for a
 * new client). The Redis script implements the same step; keep them in agreement.
 */
export function gcraStep(
  storedTat: number | undefined,
  nowMs: number,
  cost: number,
  parameters: GcraParameters,
): GcraStep {
  const tat = Math.max(storedTat ?? nowMs, nowMs);
  const nextTat = tat + cost * parameters.intervalMs;
  const retryAfterMs = nextTat - parameters.windowMs - nowMs;
  if (retryAfterMs > 0) {
    return {
      outcome: describeGcra(false, tat - nowMs, retryAfterMs, parameters),
      nextTat: undefined,
    };
  }
  return { outcome: describeGcra(true, nextTat - nowMs, 0, parameters), nextTat };
}

/**
 * Windows of refill by which charges may take a bucket below empty. Without debt, a client whose
 * bucket is already empty would lose only what refilled during its request, and a charge would
 * limit nothing. Thirty windows cover the charges of a whole bucket of one-second searches sent
 * at once (300 at the defaults), so such a burst pays in full. The ceiling in `gcraCharge` keeps
 * any client's wait under 31 windows.
 */
export const CHARGE_DEBT_WINDOWS = 30;

/** The bucket after a charge. */
export interface GcraCharge {
  /** The TAT to store. */
  nextTat: number;
  /** Units the bucket lost, fewer than asked when the debt reached its bound. */
  unitsTaken: number;
}

/**
 * Takes `units` more from a bucket after the fact, for work a request caused that its cost did not
 * cover. A charge is never refused, and it takes the bucket below empty by at most
 * `CHARGE_DEBT_WINDOWS` windows of refill. The Redis charge script implements the same step;
 * keep them in agreement.
 */
export function gcraCharge(
  storedTat: number | undefined,
  nowMs: number,
  units: number,
  parameters: GcraParameters,
): GcraCharge {
  const tat = Math.max(storedTat ?? nowMs, nowMs);
  const ceiling = nowMs + parameters.windowMs * (1 + CHARGE_DEBT_WINDOWS);
  const nextTat = Math.max(tat, Math.min(tat + units * parameters.intervalMs, ceiling));
  return { nextTat, unitsTaken: (nextTat - tat) / parameters.intervalMs };
}

/**
 * Builds the outcome from the time until the bucket is full (`fillMs`, TAT minus now, after the
 * request when it was allowed).
 */
export function describeGcra(
  allowed: boolean,
  fillMs: number,
  retryAfterMs: number,
  parameters: GcraParameters,
): GcraOutcome {
  const available = (parameters.windowMs - fillMs) / parameters.intervalMs;
  return {
    allowed,
    remaining: Math.max(0, Math.floor(available + UNIT_TOLERANCE)),
    resetMs: Math.max(0, fillMs),
    retryAfterMs: Math.max(0, retryAfterMs),
  };
}
