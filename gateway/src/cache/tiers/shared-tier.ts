import type { CacheEntry } from '../entry/cache-entry';

export type LeaseState = 'acquired' | 'held' | 'not-requested';

export interface LeaseClaim {
  acquired: boolean;
  /** Milliseconds left on another replica's lease when not acquired. */
  remainingMs: number;
}

export interface SharedLookup {
  entry: CacheEntry | undefined;
  lease: LeaseState;
  /** Milliseconds left on another replica's lease, when `lease` is `held`. */
  leaseRemainingMs: number;
}

/**
 * The tier shared by every replica. Every method rejects when the store fails, times out or its
 * breaker is open; callers then carry on without it.
 */
export interface SharedTier {
  /** Reads the entry. When it is missing and `leaseToken` is given, tries to take the lease. */
  lookup(hash: string, leaseToken: string | undefined): Promise<SharedLookup>;
  /** Reads several entries in one round trip, without a lease; in the order of `hashes`. */
  lookupMany(hashes: readonly string[]): Promise<(CacheEntry | undefined)[]>;
  /**
   * Takes the fill lease unless another replica holds it, for a key whose stale entry is being
   * replaced. With `willWait`, the holder is asked to notify this replica when it is done.
   */
  claim(hash: string, leaseToken: string, willWait: boolean): Promise<LeaseClaim>;
  /**
   * Stores `entry` if given, releases the lease if `leaseToken` still holds it, and wakes the
   * replicas that wait for this key.
   */
  complete(
    hash: string,
    entry: CacheEntry | undefined,
    leaseToken: string | undefined,
  ): Promise<void>;
  delete(hashes: readonly string[]): Promise<void>;
}
