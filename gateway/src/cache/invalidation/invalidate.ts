import type { PublishedInvalidationEvent } from '@scholarships/contracts';
import { scholarshipEntryHash } from '../plan/key-text';
import { type CacheRuntime, publishToReplicas, trackBackground } from '../runtime';
import type { GatewayMessage } from './messages';

/**
 * Drops entries from this replica at once (memory, in-flight fills, and a tombstone against late
 * stores) and from Redis. The Redis delete is sent on the command connection before any later
 * lookup of this replica, so it runs first there.
 */
export function dropEverywhere(runtime: CacheRuntime, hashes: readonly string[]): void {
  dropLocally(runtime, hashes);
  const redis = runtime.redis;
  if (redis === undefined || hashes.length === 0) return;
  const deleting = redis.shared.delete(hashes).catch((error: unknown) => {
    runtime.logger.warn(
      { err: error },
      'cache entries not deleted in redis; tombstones cover them',
    );
  });
  trackBackground(runtime, deleting);
}

function dropLocally(runtime: CacheRuntime, hashes: readonly string[]): void {
  for (const hash of hashes) {
    runtime.memory.delete(hash);
    runtime.tombstones.add(hash);
    runtime.flights.forget(hash);
  }
}

/**
 * Applies an event of a service. Every replica applies every event, so every replica deletes the
 * Redis entry too: the replica whose fill stored an old record after another replica's delete
 * deletes it again when its own subscriber gets the event.
 */
export function applyInvalidationEvent(
  runtime: CacheRuntime,
  event: PublishedInvalidationEvent,
): void {
  if (event.type === 'profile.changed') {
    runtime.profiles.applyVersion(event.userId, event.version);
    return;
  }
  if (event.type === 'scholarship.changed') {
    runtime.versions.record(event.scholarshipId, event.version);
  } else {
    runtime.versions.forget(event.scholarshipId);
  }
  dropEverywhere(runtime, [scholarshipEntryHash(event.scholarshipId)]);
  runtime.scholarshipEvents.note(event.scholarshipId);
  if (event.generation !== undefined) {
    runtime.generation.accept(event.generation);
    return;
  }
  // A publisher that sends no value increments it in the same step as the PUBLISH, so this read
  // returns the new value. Keys that need the generation wait for it.
  void runtime.generation.refresh();
}

/** Applies another replica's message; a replica's own messages are already applied. */
export function applyGatewayMessage(runtime: CacheRuntime, message: GatewayMessage): void {
  if (message.sender === runtime.bootId) return;
  if (message.type === 'profile-written') {
    runtime.profiles.markWritten(message.userId);
    return;
  }
  dropLocally(runtime, message.hashes);
  if (message.generation !== undefined) runtime.generation.accept(message.generation);
}

/** Invalidates entries in every replica: here at once, and in the others by a message. */
export async function invalidateAcrossReplicas(
  runtime: CacheRuntime,
  hashes: readonly string[],
  generation?: number,
): Promise<void> {
  dropEverywhere(runtime, hashes);
  const message: GatewayMessage = {
    type: 'keys',
    sender: runtime.bootId,
    hashes: [...hashes],
    ...(generation === undefined ? {} : { generation }),
  };
  await publishToReplicas(runtime, message);
}
