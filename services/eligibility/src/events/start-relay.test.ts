import {
  IDENTITY_HEADERS,
  INVALIDATION_CHANNEL,
  type InvalidationEvent,
} from '@scholarships/contracts';
import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import type { BackgroundWork } from '@scholarships/service-kit';
import { Redis } from 'ioredis';
import request from 'supertest';
import { eligibilityConfigSchema } from '../config';
import { eligibilityService } from '../service';
import { createMigratedDatabase, type MigratedDatabase } from '../test-support/migrated-database';
import { createTestApp } from '../test-support/test-app';
import { ELIGIBILITY_OUTBOX_TABLE } from './outbox-table';

const logger = createLogger({ service: 'eligibility-test', level: 'silent' });

let database: MigratedDatabase;
let subscriber: Redis;
let received: InvalidationEvent[];

beforeAll(async () => {
  database = await createMigratedDatabase('eligibility_relay');
  subscriber = new Redis(process.env.TEST_REDIS_URL ?? '');
  await subscriber.subscribe(INVALIDATION_CHANNEL);
  subscriber.on('message', (_channel, message) => received.push(JSON.parse(message)));
});

beforeEach(() => {
  received = [];
});

afterAll(async () => {
  subscriber?.disconnect();
  await database?.drop();
});

async function startBackground(redisUrl: string | undefined): Promise<BackgroundWork> {
  const start = eligibilityService.start;
  if (!start) throw new Error('the eligibility service defines no background work');
  const config = eligibilityConfigSchema.parse({
    DATABASE_URL: database.connectionString,
    REDIS_URL: redisUrl,
  });
  const registry = createRegistry({ service: 'eligibility-test', defaultMetrics: false });
  return start({ config, db: database.db, logger, registry });
}

/** Waits up to `timeoutMs` for a condition that a real Redis round trip makes true. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function putProfile(userId: string, gpa: number) {
  return request(createTestApp(database.db))
    .put('/api/v1/me/profile')
    .set(IDENTITY_HEADERS.userId, userId)
    .send({ gpa });
}

describe('profile event relay', () => {
  it('publishes profile.changed to Redis when REDIS_URL is set', async () => {
    const work = await startBackground(process.env.TEST_REDIS_URL);
    try {
      await putProfile('relay-user', 3.2);
      await putProfile('relay-user', 3.4);
      await waitFor(() => received.length === 2);
      expect(received).toEqual([
        { type: 'profile.changed', userId: 'relay-user', version: 1 },
        { type: 'profile.changed', userId: 'relay-user', version: 2 },
      ]);
    } finally {
      await work.stop();
    }
  });

  it('keeps events in the outbox without REDIS_URL', async () => {
    const work = await startBackground(undefined);
    await putProfile('quiet-user', 3.2);
    await work.stop();
    const pending = await database.db
      .knex(ELIGIBILITY_OUTBOX_TABLE)
      .whereNull('published_at')
      .whereRaw("event->>'userId' = ?", ['quiet-user']);
    expect(pending).toHaveLength(1);
    expect(received).toEqual([]);
  });
});
