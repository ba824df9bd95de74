import type { CacheRuntime } from '../runtime';
import { applyGatewayMessage, applyInvalidationEvent } from './invalidate';
import { InvalidationSubscriber } from './invalidation-subscriber';
import { parseGatewayMessage, parseInvalidationEvent } from './messages';

/**
 * Subscribes to the services' events, the other replicas' messages and fill notifications on
 * one dedicated connection. Returns undefined without Redis.
 */
export function startInvalidation(runtime: CacheRuntime): InvalidationSubscriber | undefined {
  const redis = runtime.redis;
  if (redis === undefined) return undefined;
  const { keyspace } = redis;
  const channels = [keyspace.eventChannel, keyspace.gatewayChannel, keyspace.fillChannel];
  const subscriber = new InvalidationSubscriber(
    redis.subscriberConnection,
    channels,
    {
      onMessage: (channel, message) => routeMessage(runtime, channel, message),
      onLive: () => rebuildAfterGap(runtime),
      onLost: () => runtime.waiters.abortAll(),
    },
    runtime.logger,
  );
  redis.guard.onOpen(() => runtime.waiters.abortAll());
  return subscriber;
}

function routeMessage(runtime: CacheRuntime, channel: string, message: string): void {
  const keyspace = runtime.redis?.keyspace;
  if (keyspace === undefined) return;
  if (channel === keyspace.fillChannel) {
    runtime.waiters.notify(message);
    return;
  }
  if (channel === keyspace.eventChannel) {
    const event = parseInvalidationEvent(message);
    if (event === undefined) {
      runtime.logger.warn({ channel }, 'unrecognized invalidation event ignored');
    } else {
      applyInvalidationEvent(runtime, event);
    }
    return;
  }
  const gatewayMessage = parseGatewayMessage(message);
  if (gatewayMessage === undefined) {
    runtime.logger.warn({ channel }, 'unrecognized gateway message ignored');
  } else {
    applyGatewayMessage(runtime, gatewayMessage);
  }
}

/**
 * Messages published while the subscription was down are lost, so everything learned from them
 * is dropped: the memory tier, profile versions and scholarship versions. The generation is read
 * again, accepting a lower value in case Redis restarted empty.
 */
function rebuildAfterGap(runtime: CacheRuntime): void {
  runtime.memory.clear();
  runtime.profiles.clear();
  runtime.versions.clear();
  readGenerationAgain(runtime);
}

/** Runtimes whose generation read waits for the command connection. */
const waitingForCommands = new WeakSet<CacheRuntime>();

/**
 * Reads the generation once the command connection is ready. The subscription often goes live
 * first, at start and after Redis returns. The command connection queues nothing while offline,
 * so a read sent before it is ready fails at once, and the replica would take a local generation.
 */
export function readGenerationAgain(runtime: CacheRuntime): void {
  const commands = runtime.redis?.commands;
  if (commands === undefined) return;
  if (commands.status === 'ready') {
    void runtime.generation.refresh(true);
    return;
  }
  if (waitingForCommands.has(runtime)) return;
  waitingForCommands.add(runtime);
  commands.once('ready', () => {
    waitingForCommands.delete(runtime);
    void runtime.generation.refresh(true);
  });
}
