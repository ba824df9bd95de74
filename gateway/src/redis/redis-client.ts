import type { Logger } from '@scholarships/logger';
import { Redis, type RedisOptions } from 'ioredis';
import { backstopCommandTimeout } from './deadline';

/** Maximum wait between reconnection attempts, in milliseconds. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisClientOptions {
  /**
   * Limit for one command's reply, in milliseconds. The rate limiter applies it with
   * `withDeadline`; ioredis's own timer is set no lower than `COMMAND_TIMEOUT_BACKSTOP_MS`.
   */
  commandTimeoutMs: number;
  /** Extra ioredis options, e.g. a `keyPrefix` that keeps tests apart. */
  overrides?: RedisOptions;
}

/**
 * Creates an ioredis client that fails fast instead of queueing, because every caller in the
 * gateway has an in-process fallback and a request must never wait for Redis to come back:
 * - no offline queue, so a command sent while disconnected fails at once;
 * - no retry of a command after a reconnect (`maxRetriesPerRequest: 0`), because the request
 *   already fell back, and a late retry would count it twice;
 * - a deadline of tens of milliseconds on the request path (`withDeadline`), and a backstop
 *   timeout on every command, which also covers a Redis that stopped replying on an open
 *   connection (e.g. a process paused with SIGSTOP);
 * - reconnection forever with a delay capped at 2 s, so shared state resumes when Redis returns.
 */
export function createRedisClient(url: string, logger: Logger, options: RedisClientOptions): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: backstopCommandTimeout(options.commandTimeoutMs),
    connectTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS),
    ...options.overrides,
  });
  // Without a listener, ioredis prints every connection error to stderr. The users of the client
  // log their own switch to the fallback once, so each error here is only a debug line.
  client.on('error', function onRedisError(error: Error) {
    logger.debug({ err: error }, 'redis connection error');
  });
  return client;
}
