import { LRUCache } from 'lru-cache';
import { describeGcra, type GcraOutcome, type GcraParameters } from './gcra';

/**
 * Largest share of a policy's quota that one replica reserves for one client in one round trip.
 * A replica reserves again when less than half of that is left, so it keeps under one and a half
 * shares. A client can be rejected early by at most that much per replica. Every unit is taken
 * from the shared bucket before it is spent. A unit may still be spent after the bucket has
 * refilled it, so within one window a client can be admitted beyond its quota by at most as much.
 */
const LEASE_QUOTA_SHARE = 0.01;
/**
 * Upper bound on units reserved in one round trip. A busy address (a NAT, or the load generator
 * at 500 requests/s) needs a few round trips a second at this size. At 32 units, each round trip
 * covered 16 searches, and on a saturated machine the round trips queued behind one another:
 * the rate-limit stage then took 55 ms per request on average in the load test.
 */
const MAX_LEASE_UNITS = 256;
/** Reserved units not spent within this time are given up, in milliseconds. */
export const LEASE_LIFETIME_MS = 1000;
/** Clients with a lease per replica. The least recently seen one gives up its units first. */
const MAX_LEASED_CLIENTS = 50_000;

/** Result of reserving units from the shared bucket. */
export interface Reservation {
  outcome: GcraOutcome;
  /** Units taken from the shared bucket, the request's cost included, or 0 when rejected. */
  granted: number;
}

/** Outcome of a settled reservation, passed to the requests that waited for it. */
export interface SettledReservation {
  cost: number;
  outcome: GcraOutcome;
}

interface Lease {
  /** Reserved units not spent yet. */
  units: number;
  expiresAt: number;
  /** Units the shared bucket still held right after the reservation. */
  sharedRemaining: number;
  /** When the shared bucket is full again, in milliseconds since the epoch. */
  fullAt: number;
}

/**
 * Extra units to reserve beyond a request's cost: a hundredth of the quota, at most 256, so a
 * small quota stays exact (nothing extra) while a busy client skips most round trips.
 */
export function leaseSize(parameters: GcraParameters): number {
  const quota = parameters.windowMs / parameters.intervalMs;
  return Math.min(MAX_LEASE_UNITS, Math.floor(quota * LEASE_QUOTA_SHARE));
}

/**
 * Units each replica has reserved from a client's shared bucket and spends without asking Redis.
 * Only one reservation per client is in flight: requests that arrive meanwhile wait for it, then
 * spend from it, so a burst never reserves more than one lease.
 */
export class PermitLeases {
  private readonly leases = new LRUCache<string, Lease>({ max: MAX_LEASED_CLIENTS });
  private readonly pending = new Map<string, Promise<SettledReservation | undefined>>();

  constructor(private readonly now: () => number) {}

  /** Spends `cost` units from the lease of `key`. Returns undefined when it has too few. */
  spend(key: string, cost: number, parameters: GcraParameters): GcraOutcome | undefined {
    const lease = this.leases.get(key);
    if (lease === undefined) return undefined;
    const nowMs = this.now();
    if (lease.expiresAt <= nowMs) {
      this.leases.delete(key);
      return undefined;
    }
    if (lease.units < cost) return undefined;
    lease.units -= cost;
    const available = lease.sharedRemaining + lease.units;
    const outcome = describeGcra(true, lease.fullAt - nowMs, 0, parameters);
    return { ...outcome, remaining: available };
  }

  /**
   * Takes up to `units` from the lease of `key` for a charge and returns how many it took. The
   * rest of the charge is for the shared bucket.
   */
  drain(key: string, units: number): number {
    const lease = this.leases.peek(key);
    if (lease === undefined || lease.expiresAt <= this.now()) return 0;
    const drained = Math.min(units, lease.units);
    lease.units -= drained;
    return drained;
  }

  /** Records the shared bucket of `key` after a charge, so that later spends report it. */
  noteShared(key: string, remaining: number, resetMs: number): void {
    const lease = this.leases.peek(key);
    if (lease === undefined) return;
    lease.sharedRemaining = remaining;
    lease.fullAt = this.now() + resetMs;
  }

  /**
   * Returns whether the lease of `key` has fewer than half of `extra` units left and no
   * reservation is in flight. Reserving then, while the rest is spent, keeps a busy client's
   * requests from all waiting for one round trip whenever a lease runs out.
   */
  isRunningLow(key: string, extra: number): boolean {
    if (extra === 0 || this.pending.has(key)) return false;
    const lease = this.leases.peek(key);
    return lease !== undefined && lease.units * 2 < extra;
  }

  /** Returns the reservation in flight for `key`, if any. Spend again once it settles. */
  inFlight(key: string): Promise<SettledReservation | undefined> | undefined {
    return this.pending.get(key);
  }

  /**
   * Runs `reserve` as the one reservation of `key` and keeps what it grants beyond `cost`.
   * Returns the shared bucket's outcome for this request.
   */
  async reserve(
    key: string,
    cost: number,
    reserve: () => Promise<Reservation>,
  ): Promise<GcraOutcome> {
    let settle: (settled: SettledReservation | undefined) => void = () => {};
    this.pending.set(key, new Promise((resolve) => (settle = resolve)));
    let settled: SettledReservation | undefined;
    try {
      const { outcome, granted } = await reserve();
      settled = { cost, outcome };
      if (!outcome.allowed) return outcome;
      const held = this.keep(key, Math.max(0, granted - cost), outcome);
      return { ...outcome, remaining: outcome.remaining + held };
    } finally {
      this.pending.delete(key);
      settle(settled);
    }
  }

  /**
   * Keeps `units` new units for `key`, together with what is left of an unexpired lease, which a
   * request costing more than that left behind. Returns the units now held.
   */
  private keep(key: string, units: number, outcome: GcraOutcome): number {
    const nowMs = this.now();
    const previous = this.leases.get(key);
    const leftover = previous !== undefined && previous.expiresAt > nowMs ? previous.units : 0;
    this.leases.set(key, {
      units: units + leftover,
      expiresAt: nowMs + LEASE_LIFETIME_MS,
      sharedRemaining: outcome.remaining,
      fullAt: nowMs + outcome.resetMs,
    });
    return units + leftover;
  }
}
