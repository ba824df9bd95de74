import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock';

export interface TombstoneOptions {
  clock: Clock;
  /** How long an invalidation is remembered, in milliseconds. */
  retentionMs: number;
  /** Clock difference between replicas to allow for, in milliseconds. */
  clockSkewMs: number;
  maxEntries: number;
}

/**
 * Remembers recently invalidated keys, so that no entry produced by an origin request sent
 * before the invalidation is stored or served afterwards. This closes two races: a fill that
 * fetched the old record before the event and stores it after, and a Redis delete that failed.
 * Comparing with the time the origin request was sent, not the time the entry was stored, is what
 * rejects an old record stored late by a replica that applied the event later than this one.
 */
interface Tombstone {
  /** Time of the invalidation on this replica's clock. */
  at: number;
  /** Position in this replica's sequence of invalidations. */
  sequence: number;
}

export class Tombstones {
  private readonly tombstones: LRUCache<string, Tombstone>;
  private sequence = 0;

  constructor(private readonly options: TombstoneOptions) {
    this.tombstones = new LRUCache<string, Tombstone>({
      max: options.maxEntries,
      ttl: options.retentionMs,
      ttlResolution: 0,
      perf: { now: options.clock },
    });
  }

  add(hash: string): void {
    this.sequence += 1;
    this.tombstones.set(hash, { at: this.options.clock(), sequence: this.sequence });
  }

  /** Position of the latest invalidation, to compare with `invalidatedSince` later. */
  currentSequence(): number {
    return this.sequence;
  }

  /**
   * True when `hash` was invalidated after `sequence` was read, e.g. while a fill that read it
   * before sending its origin request was waiting for the response. Exact, unlike comparing times.
   */
  invalidatedSince(hash: string, sequence: number): boolean {
    const tombstone = this.tombstones.get(hash);
    return tombstone !== undefined && tombstone.sequence > sequence;
  }

  /**
   * True when the origin request sent at `requestTime` may predate the last invalidation of
   * `hash`. A time from another replica's clock (`foreignClock`) gets the clock-skew allowance,
   * so for that long after an invalidation, entries other replicas filled are not trusted.
   */
  supersedes(hash: string, requestTime: number, foreignClock: boolean): boolean {
    const tombstone = this.tombstones.get(hash);
    if (tombstone === undefined) return false;
    const allowance = foreignClock ? this.options.clockSkewMs : 0;
    return requestTime < tombstone.at + allowance;
  }
}
