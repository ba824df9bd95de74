import { type RedisServer, startRedis } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { openRedis } from '../tiers/redis-connections';
import {
  DEFAULT_HEARTBEAT,
  InvalidationSubscriber,
  SUBSCRIBER_COMMAND_TIMEOUT_MS,
} from './invalidation-subscriber';

const logger = createLogger({ service: 'gateway-test', level: 'silent' });

/** Resolves once `condition` holds, checking every 20 ms, or rejects after `timeoutMs`. */
async function eventually(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('invalidation subscriber heartbeat', () => {
  let redisServer: RedisServer;
  let connection: Redis;
  let subscriber: InvalidationSubscriber;
  const onLive = jest.fn();
  const onLost = jest.fn();

  beforeAll(async () => {
    // A server of its own, because the test freezes it.
    redisServer = await startRedis();
    connection = openRedis(
      {
        url: `redis://127.0.0.1:${redisServer.port}`,
        commandTimeoutMs: 200,
        connectTimeoutMs: 500,
        maxReconnectDelayMs: 200,
        logger,
      },
      'heartbeat-test',
    );
    subscriber = new InvalidationSubscriber(
      connection,
      ['heartbeat-test-channel'],
      { onMessage: () => {}, onLive, onLost },
      logger,
      { intervalMs: 50, timeoutMs: 200 },
    );
    await subscriber.whenFirstLive();
  });

  afterAll(async () => {
    await subscriber.close();
    await redisServer.stop();
  });

  it('turns not live while redis is frozen, then live again', async () => {
    expect(subscriber.isLive()).toBe(true);
    expect(onLive).toHaveBeenCalledTimes(1);

    process.kill(redisServer.pid, 'SIGSTOP');
    try {
      await eventually(() => !subscriber.isLive(), 3000);
      expect(onLost).toHaveBeenCalledTimes(1);
    } finally {
      process.kill(redisServer.pid, 'SIGCONT');
    }

    await eventually(() => subscriber.isLive(), 10_000);
    expect(onLive).toHaveBeenCalledTimes(2);
  });
});

/** Keeps the event loop from turning until `until` (a Date.now() value). */
function busyWait(until: number): void {
  while (Date.now() < until) {
    // nothing: the point is that no callback runs
  }
}

describe('invalidation subscriber heartbeat in a stalled process', () => {
  let redisServer: RedisServer;
  let connection: Redis;
  let subscriber: InvalidationSubscriber;
  const onLost = jest.fn();

  beforeAll(async () => {
    redisServer = await startRedis();
    connection = openRedis(
      {
        url: `redis://127.0.0.1:${redisServer.port}`,
        commandTimeoutMs: SUBSCRIBER_COMMAND_TIMEOUT_MS,
        connectTimeoutMs: 500,
        maxReconnectDelayMs: 200,
        logger,
      },
      'heartbeat-stall-test',
    );
    subscriber = new InvalidationSubscriber(
      connection,
      ['heartbeat-stall-channel'],
      { onMessage: () => {}, onLive: () => {}, onLost },
      logger,
      { ...DEFAULT_HEARTBEAT, intervalMs: 50 },
    );
    await subscriber.whenFirstLive();
  });

  afterAll(async () => {
    await subscriber.close();
    await redisServer.stop();
  });

  it('stays live through a process stall', async () => {
    // Redis replies to the PING within 100 ms, but this process then stalls past the PING's
    // timeout, as on a saturated machine. The reply and the timers are due in the same turn.
    const ping = connection.ping.bind(connection) as () => Promise<string>;
    let stalled = false;
    jest.spyOn(connection, 'ping').mockImplementation((() => {
      if (stalled) return ping();
      stalled = true;
      process.kill(redisServer.pid, 'SIGSTOP');
      const reply = ping();
      setImmediate(() => {
        const start = Date.now();
        busyWait(start + 100);
        process.kill(redisServer.pid, 'SIGCONT');
        busyWait(start + DEFAULT_HEARTBEAT.timeoutMs + 300);
      });
      return reply;
    }) as never);
    await eventually(() => stalled, 1000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(onLost).not.toHaveBeenCalled();
    expect(subscriber.isLive()).toBe(true);
  });
});
