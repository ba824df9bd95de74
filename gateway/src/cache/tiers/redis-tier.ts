import type { Redis } from 'ioredis';
import type { RedisGuard } from '../../breakers';
import type { Clock } from '../clock';
import type { CacheEntry } from '../entry/cache-entry';
import { decodeEntry, encodeEntry } from '../entry/entry-codec';
import type { RedisKeyspace } from './redis-keyspace';
import type { CacheScripts } from './redis-scripts';
import type { LeaseState, SharedLookup, SharedTier } from './shared-tier';

export interface RedisTierOptions {
  redis: Redis & CacheScripts;
  guard: RedisGuard;
  keyspace: RedisKeyspace;
  clock: Clock;
  /** Lifetime of a fill lease in milliseconds; bounds how long other replicas wait. */
  leaseMs: number;
}

const LEASE_STATES: readonly LeaseState[] = ['not-requested', 'acquired', 'held'];
const EMPTY = Buffer.alloc(0);

/** Creates the shared tier in Redis. Entries keep a Redis TTL up to their `expiresAt`. */
export function createRedisTier(options: RedisTierOptions): SharedTier {
  const { redis, guard, keyspace } = options;
  const leaseMs = String(options.leaseMs);
  return {
    async lookup(hash, leaseToken) {
      // Without a lease the script does only a GET, and a plain GET costs Redis and the client less.
      if (leaseToken === undefined) {
        const value = await guard.run(() => redis.getBuffer(keyspace.entry(hash)));
        return toLookup(value ?? EMPTY, 0, 0);
      }
      const [value, leaseCode, remainingMs] = await guard.run(() =>
        redis.cacheLookupBuffer(
          keyspace.entry(hash),
          keyspace.lease(hash),
          keyspace.waiters(hash),
          leaseToken,
          leaseMs,
          '1',
        ),
      );
      return toLookup(value, leaseCode, remainingMs);
    },
    async lookupMany(hashes) {
      if (hashes.length === 0) return [];
      const keys = hashes.map((hash) => keyspace.entry(hash));
      const values = await guard.run(() => redis.mgetBuffer(...keys));
      return values.map((value) => (value === null ? undefined : decodeEntry(value)));
    },
    async claim(hash, leaseToken, willWait) {
      const [state, remainingMs] = await guard.run(() =>
        redis.cacheClaim(
          keyspace.lease(hash),
          keyspace.waiters(hash),
          leaseToken,
          leaseMs,
          willWait ? '1' : '0',
        ),
      );
      return { acquired: state === 1, remainingMs: Math.max(0, remainingMs) };
    },
    complete: (hash, entry, leaseToken) => completeFill(options, hash, entry, leaseToken),
    async delete(hashes) {
      if (hashes.length === 0) return;
      await guard.run(() => redis.del(...hashes.map((hash) => keyspace.entry(hash))));
    },
  };
}

async function completeFill(
  options: RedisTierOptions,
  hash: string,
  entry: CacheEntry | undefined,
  leaseToken: string | undefined,
): Promise<void> {
  const { redis, keyspace } = options;
  const ttlMs = entry === undefined ? 0 : Math.floor(entry.expiresAt - options.clock());
  const bytes = entry === undefined || ttlMs <= 0 ? Buffer.alloc(0) : encodeEntry(entry);
  await options.guard.run(() =>
    redis.cacheComplete(
      keyspace.entry(hash),
      keyspace.lease(hash),
      keyspace.waiters(hash),
      bytes,
      String(Math.max(0, ttlMs)),
      leaseToken ?? '',
      keyspace.fillChannel,
      hash,
    ),
  );
}

function toLookup(value: Buffer, leaseCode: number, remainingMs: number): SharedLookup {
  return {
    entry: value.length === 0 ? undefined : decodeEntry(value),
    lease: LEASE_STATES[leaseCode] ?? 'not-requested',
    leaseRemainingMs: Math.max(0, remainingMs),
  };
}
