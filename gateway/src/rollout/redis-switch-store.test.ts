import { type RedisServer, startRedis } from '@scholarships/local-infra';
import { createLogger, type Logger } from '@scholarships/logger';
import type { Redis } from 'ioredis';
import { createRedisClient } from '../redis';
import { waitUntilReady } from '../testing/gateway-stack';
import { createRedisSwitchStore } from './redis-switch-store';
import type { RolloutSwitches } from './switch-state';
import type { SwitchStore } from './switch-store';

const DEFAULTS: RolloutSwitches = {
  cacheEnabled: true,
  middlewareOrder: 'default',
  rolloutPercent: 100,
  guardTrip: undefined,
};
const KEYSPACE = { hashKey: 'rollout-outage', channel: 'rollout-outage:changed' };

/** Polls until `check` returns true, for at most `limitMs`. */
async function eventually(check: () => Promise<boolean>, limitMs = 5000): Promise<boolean> {
  const deadline = performance.now() + limitMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Creates a logger at debug level that keeps each line's message. */
function recordingLogger() {
  const messages: string[] = [];
  const destination = {
    write(line: string) {
      messages.push((JSON.parse(line) as { msg: string }).msg);
    },
  };
  return { logger: createLogger({ service: 'test', level: 'debug', destination }), messages };
}

describe('rollout switches while Redis is down', () => {
  let server: RedisServer;
  let redis: Redis;
  let store: SwitchStore;

  afterEach(async () => {
    await store.close();
    redis.disconnect();
    await server.stop();
  });

  /** Starts a Redis of its own and a store on it, and waits for the store's first read. */
  async function startStore(logger: Logger, syncIntervalMs?: number): Promise<void> {
    server = await startRedis();
    redis = createRedisClient(server.url, logger, { commandTimeoutMs: 100 });
    await waitUntilReady(redis);
    store = createRedisSwitchStore({
      redis,
      defaults: DEFAULTS,
      logger,
      keyspace: KEYSPACE,
      ...(syncIntervalMs === undefined ? {} : { syncIntervalMs }),
    });
    await store.ready();
  }

  it('handles the subscriber connection errors', async () => {
    const { logger, messages } = recordingLogger();
    await startStore(logger);
    await server.stop();

    const logged = await eventually(async () =>
      messages.includes('rollout switch subscriber connection error'),
    );
    expect(logged).toBe(true);
  });

  it('keeps a change and writes it when Redis returns', async () => {
    await startStore(createLogger({ service: 'test', level: 'silent' }));
    await server.stop();

    expect(await store.update({ rolloutPercent: 0 })).toBe('pending');
    expect(store.current().rolloutPercent).toBe(0);

    server = await startRedis({ port: server.port });
    const written = await eventually(
      async () => (await redis.hget(KEYSPACE.hashKey, 'rolloutPercent').catch(() => null)) === '0',
    );
    expect(written).toBe(true);
    expect(store.current().rolloutPercent).toBe(0);
  });

  it('warns when a Redis restart lost switches', async () => {
    const { logger, messages } = recordingLogger();
    await startStore(logger, 50);
    expect(await store.update({ rolloutPercent: 0, cacheEnabled: false })).toBe('shared');
    // A few syncs, so that the store has read the hash with the change in it.
    await new Promise((resolve) => setTimeout(resolve, 200));

    await server.stop();
    server = await startRedis({ port: server.port });
    const warned = await eventually(async () =>
      messages.some((message) => message.startsWith('Redis restarted without rollout switches')),
    );

    expect(warned).toBe(true);
    expect(store.current()).toMatchObject({ rolloutPercent: 100, cacheEnabled: true });
    expect(await redis.exists(KEYSPACE.hashKey)).toBe(0);
  });

  it('returns to the defaults when the hash is deleted', async () => {
    await startStore(createLogger({ service: 'test', level: 'silent' }), 50);
    expect(await store.update({ rolloutPercent: 10 })).toBe('shared');
    await new Promise((resolve) => setTimeout(resolve, 200));

    await redis.del(KEYSPACE.hashKey);
    const reset = await eventually(async () => store.current().rolloutPercent === 100);

    expect(reset).toBe(true);
    expect(await redis.exists(KEYSPACE.hashKey)).toBe(0);
  });

  it('logs no loss after the first write to a new Redis', async () => {
    const { logger, messages } = recordingLogger();
    await startStore(logger, 50);

    expect(await store.update({ rolloutPercent: 10 })).toBe('shared');
    // A few syncs, each of which could warn.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(messages.filter((message) => message.startsWith('Redis restarted'))).toEqual([]);
  });
});
