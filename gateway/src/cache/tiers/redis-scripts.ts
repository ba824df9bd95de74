import type { Redis } from 'ioredis';

/**
 * Reads an entry and, when it is missing and ARGV[3] is '1', takes the fill lease in the same
 * round trip. Returns {entry or '', lease state, milliseconds left on another holder's lease},
 * where the lease state is 0 not requested, 1 acquired, 2 held by another replica. A replica that
 * finds the lease held sets the waiters flag, so the holder publishes when it is done.
 */
const LOOKUP = `
local entry = redis.call('GET', KEYS[1])
if entry then return {entry, 0, 0} end
if ARGV[3] ~= '1' then return {'', 0, 0} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'', 1, 0} end
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
return {'', 2, redis.call('PTTL', KEYS[2])}
`;

/**
 * Stores the entry (unless ARGV[2], the TTL in milliseconds, is 0), releases the lease if this
 * replica's token (ARGV[3]) still holds it, and publishes the hash (ARGV[5]) on the fill channel
 * (ARGV[4]) when some replica waits for it.
 */
const COMPLETE = `
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
if redis.call('DEL', KEYS[3]) == 1 then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
return 1
`;

/**
 * Takes the fill lease (KEYS[1]) for ARGV[1] unless another replica holds it. When it is held
 * and ARGV[3] is '1', sets the waiters flag (KEYS[2]), because the caller will wait for the
 * holder's notification. Returns {1 acquired or 2 held, milliseconds left on the lease}.
 */
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, 0} end
if ARGV[3] == '1' then redis.call('SET', KEYS[2], '1', 'PX', ARGV[2]) end
return {2, redis.call('PTTL', KEYS[1])}
`;

/** Stores a profile version (ARGV[1]) with a TTL (ARGV[2]) unless a higher one is stored. */
const RAISE_VERSION = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** The scripts as ioredis commands; `defineCommand` adds the `...Buffer` variants too. */
export interface CacheScripts {
  cacheLookupBuffer(
    entryKey: string,
    leaseKey: string,
    waitersKey: string,
    token: string,
    leaseMs: string,
    acquire: string,
  ): Promise<[Buffer, number, number]>;
  cacheComplete(
    entryKey: string,
    leaseKey: string,
    waitersKey: string,
    entry: Buffer,
    ttlMs: string,
    token: string,
    channel: string,
    message: string,
  ): Promise<number>;
  cacheClaim(
    leaseKey: string,
    waitersKey: string,
    token: string,
    leaseMs: string,
    willWait: string,
  ): Promise<[number, number]>;
  cacheRaiseVersion(key: string, version: string, ttlMs: string): Promise<number>;
}

/** Registers the scripts on a connection; ioredis sends EVALSHA and falls back to EVAL. */
export function defineCacheScripts(redis: Redis): Redis & CacheScripts {
  redis.defineCommand('cacheLookup', { numberOfKeys: 3, lua: LOOKUP });
  redis.defineCommand('cacheComplete', { numberOfKeys: 3, lua: COMPLETE });
  redis.defineCommand('cacheClaim', { numberOfKeys: 2, lua: CLAIM });
  redis.defineCommand('cacheRaiseVersion', { numberOfKeys: 1, lua: RAISE_VERSION });
  return redis as Redis & CacheScripts;
}
