import type { CacheEntry } from '../entry/cache-entry';
import type { NotStoredReason, ResponseParts } from '../entry/shareability';
import type { OriginResponse } from '../origin/origin-response';

export type Tier = 'memory' | 'redis';

/** An entry and the tier it was read from. */
export interface FoundEntry {
  entry: CacheEntry;
  tier: Tier;
}

/** An entry of a replaced catalog generation, with the key hash it is stored under. */
export interface StandIn extends FoundEntry {
  hash: string;
}

/** Outcome of one request to the origin. */
export type OriginOutcome =
  | { kind: 'response'; response: OriginResponse; requestTime: number; responseTime: number }
  | { kind: 'breaker-open' }
  | { kind: 'error'; error: unknown };

/** Reason no usable response came from the origin. */
export type OriginFailure =
  | { kind: 'breaker-open' }
  | { kind: 'error'; error: unknown }
  | { kind: 'server-error'; response: OriginResponse };

/**
 * The result of resolving a miss, shared by every request of this replica that waited for it:
 * - `stored`: Redis held an entry that is fresh, or stale within its revalidation window;
 * - `replaced`: no entry, but one stored under the catalog generation a write just replaced;
 * - `fetched`: a new entry, from this replica's origin request or another replica's fill;
 * - `not-stored`: the origin responded with a response that may not be stored or shared;
 * - `failed`: no usable response; `fallback` is the stale entry known at the time, if any.
 */
export type Resolution =
  | { kind: 'stored'; found: FoundEntry }
  | { kind: 'replaced'; found: StandIn }
  | {
      kind: 'fetched';
      entry: CacheEntry;
      stored: boolean;
      /** The entry came from another replica's fill. */
      byPeer: boolean;
      /** Tier of the stale entry that the origin confirmed with 304, if it did. */
      revalidatedFrom: Tier | undefined;
      fwd: ForwardedBecause;
    }
  | { kind: 'not-stored'; response: ResponseParts; reason: NotStoredReason; fwd: ForwardedBecause }
  | {
      kind: 'failed';
      failure: OriginFailure;
      fallback: FoundEntry | undefined;
      fwd: ForwardedBecause;
    };

export type ForwardedBecause = 'uri-miss' | 'vary-miss' | 'stale' | 'request';
