import { randomUUID } from 'node:crypto';
import type { Logger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { createRedisGuard, type RedisGuard, type UpstreamBreakers } from '../breakers';
import type { Clock } from './clock';
import { FillWaiters } from './coalescing/fill-waiters';
import { InFlight } from './coalescing/in-flight';
import { CatalogGeneration } from './invalidation/catalog-generation';
import {
  type InvalidationSubscriber,
  SUBSCRIBER_COMMAND_TIMEOUT_MS,
} from './invalidation/invalidation-subscriber';
import type { GatewayMessage } from './invalidation/messages';
import { ProfileTokens } from './invalidation/profile-tokens';
import { ScholarshipEventLog } from './invalidation/scholarship-event-log';
import { ScholarshipVersions } from './invalidation/scholarship-versions';
import { Tombstones } from './invalidation/tombstones';
import type { CacheMetrics } from './metrics';
import { type CacheSettings, type ResponseCacheOptions, resolveSettings } from './options';
import type { Resolution, StandIn } from './serve/resolution';
import { MemoryTier } from './tiers/memory-tier';
import { openRedis } from './tiers/redis-connections';
import { createKeyspace, type RedisKeyspace } from './tiers/redis-keyspace';
import { type CacheScripts, defineCacheScripts } from './tiers/redis-scripts';
import { createRedisGenerationSource, createRedisProfileVersionSource } from './tiers/redis-state';
import { createRedisTier } from './tiers/redis-tier';
import type { SharedTier } from './tiers/shared-tier';

/** The Redis side of the cache, absent without `redisUrl`. */
export interface RedisParts {
  commands: Redis & CacheScripts;
  subscriberConnection: Redis;
  guard: RedisGuard;
  keyspace: RedisKeyspace;
  shared: SharedTier;
}

/** Everything one cache instance holds, passed to the functions that serve and invalidate. */
export interface CacheRuntime {
  settings: CacheSettings;
  clock: Clock;
  logger: Logger;
  metrics: CacheMetrics;
  upstream: UpstreamBreakers;
  /** Identifies this instance in lease tokens, local keys and its own gateway messages. */
  bootId: string;
  memory: MemoryTier;
  redis: RedisParts | undefined;
  generation: CatalogGeneration;
  profiles: ProfileTokens;
  versions: ScholarshipVersions;
  scholarshipEvents: ScholarshipEventLog;
  tombstones: Tombstones;
  flights: InFlight<Resolution>;
  /**
   * Keys refreshed in the background after a replaced generation's entry was served for them,
   * each with that entry, which is served for the key until its refresh ends.
   */
  catalogWriteRefreshes: { standIns: Map<string, StandIn> };
  waiters: FillWaiters;
  subscriber: InvalidationSubscriber | undefined;
  enabled: boolean;
  /** Background work (refreshes, Redis writes) still running, for `whenIdle` and `close`. */
  background: Set<Promise<unknown>>;
  nextLeaseToken(): string;
}

/** Bound on users, scholarships and invalidated keys each replica remembers. */
const MAX_REMEMBERED = 100_000;
/** How long a fill notification with no waiter is remembered, in milliseconds. */
const RECENT_FILL_MS = 2000;

export function createRuntime(options: ResponseCacheOptions): CacheRuntime {
  const settings = resolveSettings(options);
  const clock = options.clock ?? Date.now;
  const bootId = randomUUID().slice(0, 8);
  const redis =
    options.redisUrl === undefined ? undefined : createRedisParts(options, settings, clock, bootId);
  let leaseCounter = 0;
  return {
    settings,
    clock,
    logger: options.logger,
    metrics: options.metrics,
    upstream: options.upstreamBreakers,
    bootId,
    memory: new MemoryTier({
      maxBytes: settings.memoryMaxBytes,
      clock,
      onEvict: () => options.metrics.evictions.inc({ tier: 'memory' }),
    }),
    redis,
    ...createVersionState(options, settings, clock, bootId, redis),
    flights: new InFlight<Resolution>(),
    catalogWriteRefreshes: { standIns: new Map() },
    waiters: new FillWaiters(clock, RECENT_FILL_MS),
    subscriber: undefined,
    enabled: settings.enabled,
    background: new Set(),
    nextLeaseToken: () => {
      leaseCounter += 1;
      return `${bootId}:${leaseCounter}`;
    },
  };
}

/** What the replica learns from invalidations: generation, profile and scholarship versions. */
function createVersionState(
  options: ResponseCacheOptions,
  settings: CacheSettings,
  clock: Clock,
  bootId: string,
  redis: RedisParts | undefined,
): Pick<CacheRuntime, 'generation' | 'profiles' | 'versions' | 'scholarshipEvents' | 'tombstones'> {
  const generationSource =
    redis && createRedisGenerationSource(redis.commands, redis.guard, redis.keyspace);
  const profileSource =
    redis &&
    createRedisProfileVersionSource(
      redis.commands,
      redis.guard,
      redis.keyspace,
      settings.profileVersionTtlMs,
    );
  return {
    generation: new CatalogGeneration(
      generationSource,
      bootId,
      options.logger,
      clock,
      settings.catalogWriteGraceMs,
    ),
    profiles: new ProfileTokens(profileSource, {
      clock,
      pendingWindowMs: settings.profileWritePendingMs,
      maxUsers: MAX_REMEMBERED,
      bootId,
      logger: options.logger,
    }),
    versions: new ScholarshipVersions(MAX_REMEMBERED),
    scholarshipEvents: new ScholarshipEventLog(MAX_REMEMBERED),
    tombstones: new Tombstones({
      clock,
      // Longer than any fill can take, so a fill that started before an invalidation is caught.
      retentionMs: Math.max(60_000, 2 * settings.leaseMs),
      clockSkewMs: settings.clockSkewMs,
      maxEntries: MAX_REMEMBERED,
    }),
  };
}

function createRedisParts(
  options: ResponseCacheOptions,
  settings: CacheSettings,
  clock: Clock,
  bootId: string,
): RedisParts {
  const url = options.redisUrl ?? '';
  const connection = {
    url,
    commandTimeoutMs: settings.redisTimeoutMs,
    connectTimeoutMs: 1000,
    maxReconnectDelayMs: 2000,
    logger: options.logger,
  };
  const commands = defineCacheScripts(openRedis(connection, `gateway-cache-commands-${bootId}`));
  const subscriberConnection = openRedis(
    { ...connection, commandTimeoutMs: SUBSCRIBER_COMMAND_TIMEOUT_MS },
    `gateway-cache-subscriber-${bootId}`,
  );
  const guard = createRedisGuard(settings.redisBreaker, options.metrics.breakers);
  const keyspace = createKeyspace(options.keyspace);
  const shared = createRedisTier({
    redis: commands,
    guard,
    keyspace,
    clock,
    leaseMs: settings.leaseMs,
  });
  return { commands, subscriberConnection, guard, keyspace, shared };
}

/** Keeps a background promise until it settles; it must already handle its own rejection. */
export function trackBackground(runtime: CacheRuntime, work: Promise<unknown>): void {
  runtime.background.add(work);
  const remove = () => runtime.background.delete(work);
  work.then(remove, remove);
}

/**
 * True while invalidations reach this replica: always without Redis, where only this replica's
 * writes invalidate; with Redis, while the subscription is live and Redis responds.
 */
export function invalidationIsLive(runtime: CacheRuntime): boolean {
  if (runtime.redis === undefined) return true;
  return runtime.subscriber?.isLive() === true && runtime.redis.guard.isAvailable();
}

/** Publishes a message to the other replicas, logging a failure instead of throwing it. */
export async function publishToReplicas(
  runtime: CacheRuntime,
  message: GatewayMessage,
): Promise<void> {
  const redis = runtime.redis;
  if (redis === undefined) return;
  try {
    await redis.guard.run(() =>
      redis.commands.publish(redis.keyspace.gatewayChannel, JSON.stringify(message)),
    );
  } catch (error) {
    runtime.logger.warn({ err: error, type: message.type }, 'cache invalidation broadcast failed');
  }
}
