import {
  CATALOG_GENERATION_KEY,
  INVALIDATION_CHANNEL,
  type InvalidationEvent,
} from '@scholarships/contracts';
import { createDatabase, type Database, migrateLatest } from '@scholarships/db';
import { createTestDatabase, type TestDatabase } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { Redis } from 'ioredis';
import {
  createRedisPublisher,
  type EventPublisher,
  type OutboxRelay,
  outboxMigration,
  recordEvents,
  startOutboxRelay,
} from './index';

const TABLE = 'test_outbox';
const logger = createLogger({ service: 'outbox-test', level: 'silent' });
const changed = (id: string): InvalidationEvent => ({
  type: 'scholarship.changed',
  scholarshipId: id,
  version: 2,
});

let database: TestDatabase;
let db: Database;
let redis: Redis;
let subscriber: Redis;
let received: InvalidationEvent[];
const relays: OutboxRelay[] = [];

function startRelay(publish: EventPublisher): OutboxRelay {
  const relay = startOutboxRelay({
    knex: db.knex,
    connectionString: database.connectionString,
    table: TABLE,
    publish,
    logger,
    pollIntervalMs: 50,
  });
  relays.push(relay);
  return relay;
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  database = await createTestDatabase('outbox');
  db = createDatabase({ connectionString: database.connectionString, applicationName: 'outbox' });
  await migrateLatest(db.knex, {
    service: 'outbox_test',
    migrations: [outboxMigration('001', TABLE)],
  });
  const redisUrl = process.env.TEST_REDIS_URL ?? '';
  redis = new Redis(redisUrl);
  subscriber = new Redis(redisUrl);
  await subscriber.subscribe(INVALIDATION_CHANNEL);
  subscriber.on('message', (_channel, message) => received.push(JSON.parse(message)));
});

beforeEach(async () => {
  received = [];
  await db.knex(TABLE).delete();
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

afterAll(async () => {
  subscriber.disconnect();
  redis.disconnect();
  await db.close();
  await database.drop();
});

describe('outbox relay', () => {
  it('publishes events of a committed transaction and bumps the generation', async () => {
    const before = Number(await redis.get(CATALOG_GENERATION_KEY));
    startRelay(createRedisPublisher(redis));
    await db.knex.transaction((trx) => recordEvents(trx, TABLE, [changed('a')]));

    await waitFor(() => received.length === 1);
    expect(received[0]).toEqual({ ...changed('a'), generation: before + 1 });
    expect(Number(await redis.get(CATALOG_GENERATION_KEY))).toBe(before + 1);
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const relay = startRelay(createRedisPublisher(redis));
    await expect(
      db.knex.transaction(async (trx) => {
        await recordEvents(trx, TABLE, [changed('b')]);
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');

    await relay.flush();
    expect(await db.knex(TABLE).count<{ count: number }[]>('* as count')).toEqual([{ count: 0 }]);
    expect(received).toEqual([]);
  });

  it('keeps events while publishing fails and sends them in order later', async () => {
    let available = false;
    const publish = createRedisPublisher(redis);
    const relay = startRelay(async (events) => {
      if (!available) throw new Error('redis unavailable');
      await publish(events);
    });
    await db.knex.transaction((trx) => recordEvents(trx, TABLE, [changed('c1'), changed('c2')]));
    await expect(relay.flush()).rejects.toThrow('redis unavailable');
    expect(received).toEqual([]);

    available = true;
    await relay.flush();
    await waitFor(() => received.length === 2);
    expect(received.map((event) => (event as { scholarshipId: string }).scholarshipId)).toEqual([
      'c1',
      'c2',
    ]);
  });

  it('does not bump the generation for profile events alone', async () => {
    const before = Number(await redis.get(CATALOG_GENERATION_KEY));
    const relay = startRelay(createRedisPublisher(redis));
    await db.knex.transaction((trx) =>
      recordEvents(trx, TABLE, [{ type: 'profile.changed', userId: 'u1', version: 3 }]),
    );
    await relay.flush();
    await waitFor(() => received.length === 1);
    expect(received[0]).toEqual({ type: 'profile.changed', userId: 'u1', version: 3 });
    expect(Number(await redis.get(CATALOG_GENERATION_KEY))).toBe(before);
  });
});
