import type { Logger } from '@scholarships/logger';
import { Redis, type RedisOptions } from 'ioredis';
import { backstopCommandTimeout } from '../../redis/deadline';

export interface RedisConnectionOptions {
  url: string;
  /**
   * Limit for every command, in milliseconds. The Redis breaker applies it with `withDeadline`;
   * ioredis's own timer is set no lower than `COMMAND_TIMEOUT_BACKSTOP_MS`.
   */
  commandTimeoutMs: number;
  /** Limit for opening the TCP connection, in milliseconds. */
  connectTimeoutMs: number;
  /** Maximum pause between reconnection attempts, in milliseconds. */
  maxReconnectDelayMs: number;
  logger: Logger;
}

/**
 * Options under which Redis trouble costs a request at most one command timeout. Commands issued
 * while disconnected fail at once instead of queueing, and no command is retried. Every command
 * has a deadline (the breaker's, backed by ioredis's timer), and reconnection goes on in the
 * background with a bounded backoff.
 */
export function failFastRedisOptions(options: RedisConnectionOptions): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: backstopCommandTimeout(options.commandTimeoutMs),
    connectTimeout: options.connectTimeoutMs,
    retryStrategy: (attempt) =>
      Math.min(50 * 2 ** Math.min(attempt, 10), options.maxReconnectDelayMs),
    // The subscriber subscribes again itself on every `ready`, so it can tell when it is live.
    autoResubscribe: false,
  };
}

/**
 * Opens a connection named `role` (CLIENT SETNAME, so CLIENT LIST shows it) and logs its errors,
 * the first after each success at warn level.
 */
export function openRedis(options: RedisConnectionOptions, role: string): Redis {
  const redis = new Redis(options.url, { ...failFastRedisOptions(options), connectionName: role });
  let reported = false;
  redis.on('ready', () => {
    reported = false;
  });
  redis.on('error', (error: Error) => {
    const level = reported ? 'debug' : 'warn';
    reported = true;
    options.logger[level]({ err: error, role }, 'redis connection error');
  });
  return redis;
}
