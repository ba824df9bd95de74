import type { Redis } from 'ioredis';
import type { RedisGuard } from '../../breakers';
import type { GenerationSource } from '../invalidation/catalog-generation';
import type { ProfileVersionSource } from '../invalidation/profile-tokens';
import type { RedisKeyspace } from './redis-keyspace';
import type { CacheScripts } from './redis-scripts';

/** Creates the source of the shared catalog generation, which the outbox publisher increments. */
export function createRedisGenerationSource(
  redis: Redis,
  guard: RedisGuard,
  keyspace: RedisKeyspace,
): GenerationSource {
  return {
    async read() {
      const value = await guard.run(() => redis.get(keyspace.generationKey));
      const generation = Number(value ?? '0');
      return Number.isSafeInteger(generation) ? generation : 0;
    },
    increment: () => guard.run(() => redis.incr(keyspace.generationKey)),
  };
}

/**
 * Profile versions in Redis, one key per user. The TTL must exceed the lifetime of every
 * per-user entry, so that a version that expired can only bring back version 0 after all
 * entries stored under version 0 have expired too.
 */
export function createRedisProfileVersionSource(
  redis: Redis & CacheScripts,
  guard: RedisGuard,
  keyspace: RedisKeyspace,
  ttlMs: number,
): ProfileVersionSource {
  return {
    async read(userId) {
      const value = await guard.run(() => redis.get(keyspace.profile(userId)));
      const version = Number(value ?? '0');
      return Number.isSafeInteger(version) ? version : 0;
    },
    async raise(userId, version) {
      await guard.run(() =>
        redis.cacheRaiseVersion(keyspace.profile(userId), String(version), String(ttlMs)),
      );
    },
  };
}
