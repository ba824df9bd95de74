import type { CachePlan } from '../plan/request-plan';
import type { CacheRuntime } from '../runtime';
import { selectEntry } from './judge';
import type { FoundEntry } from './resolution';

/** Reads a key from memory, then Redis, without taking a lease; never rejects. */
export function findStored(
  runtime: CacheRuntime,
  plan: CachePlan,
): FoundEntry | Promise<FoundEntry | undefined> {
  const local = selectEntry(runtime, plan, runtime.memory.get(plan.hash), 'local');
  if (local !== undefined) return { entry: local, tier: 'memory' };
  return findInRedis(runtime, plan);
}

async function findInRedis(
  runtime: CacheRuntime,
  plan: CachePlan,
): Promise<FoundEntry | undefined> {
  const redis = runtime.redis;
  if (redis === undefined || !plan.shared || !redis.guard.isAvailable()) return undefined;
  try {
    const lookup = await redis.shared.lookup(plan.hash, undefined);
    const remote = selectEntry(runtime, plan, lookup.entry, 'shared');
    return remote === undefined ? undefined : { entry: remote, tier: 'redis' };
  } catch (error) {
    runtime.logger.debug({ err: error, route: plan.route }, 'cache redis lookup failed');
    return undefined;
  }
}
