import { invalidateAcrossReplicas } from './invalidation/invalidate';
import { startInvalidation } from './invalidation/start-invalidation';
import { applyWriteEffects } from './invalidation/write-effects';
import { hashKeyText } from './keys/key-hash';
import type { BypassReason } from './keys/key-part';
import type { ResponseCacheOptions } from './options';
import type { OriginTarget } from './origin/origin-response';
import { rfcKeyText, scholarshipEntryHash } from './plan/key-text';
import { planRequest } from './plan/plan-request';
import { matchPolicy } from './policy-match';
import type { CacheRequest } from './request/cache-request';
import type { CacheResponse } from './response/cache-response';
import { type CacheRuntime, createRuntime, invalidationIsLive, publishToReplicas } from './runtime';
import { nextEventLoopTurn } from './serve/event-loop-turn';
import { findStored } from './serve/find-stored';
import type { FreshHit } from './serve/fresh-hit';
import { judgeEntry } from './serve/judge';
import { countHit } from './serve/respond';
import { forwardPastTiers, serveRequest } from './serve/serve-request';

/** Role of a request in the cache, by its method and path. */
export type CacheRole = 'policy' | 'rfc' | 'write' | 'uncached';

export interface ResponseCache {
  /**
   * Serves a request: from a tier, or through one coalesced origin fetch that is stored, with
   * stale entries standing in as the README describes. Resolves with a response in every case,
   * including origin failures (502, 503, 504) and Redis failures.
   */
  serve(request: CacheRequest, origin: OriginTarget): Promise<CacheResponse>;
  /**
   * Forwards a request past the tiers, as `serve` does while the cache is off: through the
   * service's breaker, with `X-Cache: BYPASS`, `reason` as the Cache-Status detail, and a write's
   * invalidations applied. Nothing is read from or stored in a tier.
   */
  forward(
    request: CacheRequest,
    origin: OriginTarget,
    reason: BypassReason,
  ): Promise<CacheResponse>;
  /**
   * Returns a fresh stored entry from memory or Redis without any origin request, or undefined,
   * counted as a hit. For a lean path that serves hits before Express; everything else goes to
   * `serve`. `hitResponse` builds the response `serve` would send for it.
   */
  lookup(request: CacheRequest): Promise<FreshHit | undefined>;
  /**
   * `policy` and `rfc` requests go through `serve`; for `write` requests forwarded elsewhere, call
   * `noteUpstreamResponse` before responding; `uncached` requests need nothing.
   */
  role(method: string, path: string): CacheRole;
  /** Applies the invalidations a write forwarded without `serve` calls for. */
  noteUpstreamResponse(request: CacheRequest, status: number): Promise<void>;
  /** Invalidates in every replica, e.g. from an admin endpoint. */
  invalidate(target: InvalidationTarget): Promise<void>;
  /** Turns the cache on or off at run time; while off, every response is `X-Cache: BYPASS`. */
  setEnabled(enabled: boolean): void;
  isEnabled(): boolean;
  /**
   * Resolves when the invalidation subscription is live and the shared generation has been read;
   * at once without Redis. Rejects when that read fails. Until the generation is read, routes
   * keyed by it use a local generation and the memory tier only.
   */
  ready(): Promise<void>;
  /** State for health reports: the Redis breaker, and whether invalidations arrive. */
  health(): CacheHealth;
  /** Resolves when background refreshes and Redis writes started so far have settled. */
  whenIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Target of an invalidation: one scholarship (its entry, and the catalog generation), one user's
 * per-user entries, the stored response of one URI, or everything keyed by the catalog.
 */
export interface CacheHealth {
  /** Names this instance's Redis connections: `gateway-cache-subscriber-<instance>`. */
  instance: string;
  enabled: boolean;
  /** `absent` without Redis. */
  redis: 'absent' | 'closed' | 'halfOpen' | 'open';
  /** `local` without Redis, where only writes through this replica invalidate. */
  invalidation: 'live' | 'down' | 'local';
}

export type InvalidationTarget =
  | { scholarshipId: string }
  | { userId: string }
  | { path: string; query?: string }
  | { catalog: true };

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const runtime = createRuntime(options);
  runtime.subscriber = startInvalidation(runtime);
  if (runtime.redis === undefined) {
    options.logger.info(
      'response cache without REDIS_URL: memory tier only, invalidated by writes through here',
    );
  }
  return {
    serve: (request, origin) => serveRequest(runtime, request, origin),
    forward: (request, origin, reason) => forwardPastTiers(runtime, request, origin, reason),
    lookup: (request) => lookupFresh(runtime, request),
    role,
    noteUpstreamResponse: (request, status) => applyWriteEffects(runtime, request, { status }),
    invalidate: (target) => invalidate(runtime, target),
    setEnabled(enabled) {
      if (enabled && !runtime.enabled) runtime.generation.forgetReplaced();
      runtime.enabled = enabled;
      options.logger.info({ enabled }, 'response cache switched');
    },
    isEnabled: () => runtime.enabled,
    ready: () => whenReady(runtime),
    health: () => health(runtime),
    whenIdle: () => whenIdle(runtime),
    close: () => close(runtime),
  };
}

function role(method: string, path: string): CacheRole {
  if (matchPolicy(method, path) !== undefined) return 'policy';
  if (method === 'GET' || method === 'HEAD') return 'rfc';
  if (method === 'OPTIONS' || method === 'TRACE') return 'uncached';
  return 'write';
}

async function lookupFresh(
  runtime: CacheRuntime,
  request: CacheRequest,
): Promise<FreshHit | undefined> {
  if (!runtime.enabled) return undefined;
  if (runtime.subscriber !== undefined) await nextEventLoopTurn();
  // A memory hit is planned and found without awaiting, because each await costs a microtask.
  const planned = planRequest(runtime, request);
  const plan = planned instanceof Promise ? await planned : planned;
  if (plan.kind === 'bypass') return undefined;
  const stored = findStored(runtime, plan);
  const found = stored instanceof Promise ? await stored : stored;
  if (found === undefined || judgeEntry(runtime, plan, found.entry, runtime.clock()) !== 'fresh') {
    return undefined;
  }
  if (found.tier === 'redis') runtime.memory.set(plan.hash, found.entry);
  return countHit(runtime, plan, found);
}

function health(runtime: CacheRuntime): CacheHealth {
  const redis = runtime.redis;
  if (redis === undefined) {
    return {
      instance: runtime.bootId,
      enabled: runtime.enabled,
      redis: 'absent',
      invalidation: 'local',
    };
  }
  return {
    instance: runtime.bootId,
    enabled: runtime.enabled,
    redis: redis.guard.state(),
    invalidation: invalidationIsLive(runtime) ? 'live' : 'down',
  };
}

async function invalidate(runtime: CacheRuntime, target: InvalidationTarget): Promise<void> {
  if ('userId' in target) {
    runtime.profiles.markWritten(target.userId);
    await publishToReplicas(runtime, {
      type: 'profile-written',
      sender: runtime.bootId,
      userId: target.userId,
    });
    return;
  }
  if ('path' in target) {
    await invalidateAcrossReplicas(runtime, [
      hashKeyText(rfcKeyText(target.path, target.query ?? '')),
    ]);
    return;
  }
  const hashes = 'scholarshipId' in target ? [scholarshipEntryHash(target.scholarshipId)] : [];
  const generation = await runtime.generation.advance();
  await invalidateAcrossReplicas(runtime, hashes, generation);
}

/**
 * Waits for the subscription, then for the command connection, and reads the generation through
 * it, so the first requests already use the shared generation and the Redis tier.
 */
async function whenReady(runtime: CacheRuntime): Promise<void> {
  const redis = runtime.redis;
  if (redis === undefined) return;
  await runtime.subscriber?.whenFirstLive();
  if (redis.commands.status !== 'ready') {
    await new Promise((resolve) => redis.commands.once('ready', resolve));
  }
  await runtime.generation.refresh();
  const generation = await runtime.generation.current();
  // The failed read was logged, and the replica goes on with a local generation.
  if (!generation.shared) {
    throw new Error('shared catalog generation read failed; a local generation is in use');
  }
}

async function whenIdle(runtime: CacheRuntime): Promise<void> {
  while (runtime.background.size > 0) await Promise.allSettled([...runtime.background]);
}

async function close(runtime: CacheRuntime): Promise<void> {
  runtime.waiters.abortAll();
  await whenIdle(runtime);
  await runtime.subscriber?.close();
  const redis = runtime.redis;
  if (redis === undefined) return;
  redis.guard.shutdown();
  redis.commands.disconnect();
}
