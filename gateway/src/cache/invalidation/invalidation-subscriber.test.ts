import { type RedisServer, startRedis } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { openRedis } from '../tiers/redis-connections';
import { InvalidationSubscriber } from './invalidation-subscriber';

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
