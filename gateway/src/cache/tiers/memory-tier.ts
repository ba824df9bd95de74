import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock';
import { type CacheEntry, entrySize } from '../entry/cache-entry';

export interface MemoryTierOptions {
  /** Bound on the approximate bytes of all entries together. */
  maxBytes: number;
  clock: Clock;
  /** Called once per entry dropped to stay within `maxBytes`. */
  onEvict: () => void;
}

/**
 * The in-process tier: a least-recently-used map bounded by bytes. A hit here costs no network
 * round trip. Entries leave at their `expiresAt`, like their Redis copies.
 */
export class MemoryTier {
  private readonly entries: LRUCache<string, CacheEntry>;

  constructor(private readonly options: MemoryTierOptions) {
    this.entries = new LRUCache<string, CacheEntry>({
      maxSize: options.maxBytes,
      sizeCalculation: entrySize,
      // Each insertion sets its own TTL. A resolution of 0 reads the clock on every check instead
      // of caching it for a millisecond, so a test clock that jumps is seen at once.
      ttlResolution: 0,
      perf: { now: options.clock },
      dispose: (_entry, _key, reason) => {
        if (reason === 'evict') options.onEvict();
      },
    });
  }

  get(hash: string): CacheEntry | undefined {
    return this.entries.get(hash);
  }

  /** Reads an entry without marking it recently used, e.g. an old generation's stand-in. */
  peek(hash: string): CacheEntry | undefined {
    return this.entries.peek(hash);
  }

  /** Stores the entry until its `expiresAt`; an entry larger than the whole tier is not kept. */
  set(hash: string, entry: CacheEntry): void {
    const ttl = entry.expiresAt - this.options.clock();
    if (ttl <= 0) {
      this.entries.delete(hash);
      return;
    }
    this.entries.set(hash, entry, { ttl });
  }

  delete(hash: string): void {
    this.entries.delete(hash);
  }

  clear(): void {
    this.entries.clear();
  }
}
