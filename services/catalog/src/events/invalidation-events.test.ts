import {
  INVALIDATION_CHANNEL,
  type InvalidationEvent,
  type PublishedInvalidationEvent,
} from '@scholarships/contracts';
import { type RedisServer, startRedis } from '@scholarships/local-infra';
import { Redis } from 'ioredis';
import request from 'supertest';
import {
  ADMIN_HEADERS,
  type CatalogTestContext,
  createCatalogTestContext,
} from '../test-support/catalog-test-context';

const ADMIN_PATH = '/api/v1/admin/scholarships';

/** Collects the events published on the invalidation channel of one Redis server. */
async function subscribe(
  url: string,
): Promise<{ events: PublishedInvalidationEvent[]; close(): void }> {
  const subscriber = new Redis(url);
  const events: PublishedInvalidationEvent[] = [];
  subscriber.on('message', (_channel: string, message: string) => events.push(JSON.parse(message)));
  await subscriber.subscribe(INVALIDATION_CHANNEL);
  return { events, close: () => subscriber.disconnect() };
}

function eventsOf(
  events: readonly PublishedInvalidationEvent[],
  id: string,
): PublishedInvalidationEvent[] {
  return events.filter((event) => 'scholarshipId' in event && event.scholarshipId === id);
}

/** Removes the generation the publisher added, to compare events with what was recorded. */
function recorded(events: readonly PublishedInvalidationEvent[]): InvalidationEvent[] {
  return events.map(({ generation: _generation, ...event }) => event);
}

/** Each event's generation, which must be higher than the one before. */
function expectRisingGenerations(events: readonly PublishedInvalidationEvent[]): void {
  const generations = events.map((event) => event.generation ?? Number.NaN);
  for (const [index, generation] of generations.entries()) {
    expect(generation).toBeGreaterThan(index === 0 ? 0 : (generations[index - 1] ?? 0));
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function createScholarship(context: CatalogTestContext, name: string): Promise<string> {
  const response = await request(context.app).post(ADMIN_PATH).set(ADMIN_HEADERS).send({ name });
  expect(response.status).toBe(201);
  return response.body.id;
}

function patchName(context: CatalogTestContext, id: string, version: number, name: string) {
  return request(context.app)
    .patch(`${ADMIN_PATH}/${id}`)
    .set(ADMIN_HEADERS)
    .set('If-Match', `W/"${id}-${version}"`)
    .send({ name });
}

async function flushCount(context: CatalogTestContext, outcome: string): Promise<number> {
  const metric = await context.registry.getSingleMetric('catalog_event_flush_total')?.get();
  return metric?.values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
}

describe('invalidation events through the harness Redis', () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? '';
  let context: CatalogTestContext;
  let subscription: Awaited<ReturnType<typeof subscribe>>;

  beforeAll(async () => {
    context = await createCatalogTestContext({ redisUrl });
    await context.startBackground();
    subscription = await subscribe(redisUrl);
  });

  afterAll(async () => {
    subscription.close();
    await context.close();
  });

  it('publishes the event of each write with its version', async () => {
    const id = await createScholarship(context, 'Published');
    expect((await patchName(context, id, 1, 'Published again')).status).toBe(200);
    const removed = await request(context.app)
      .delete(`${ADMIN_PATH}/${id}`)
      .set(ADMIN_HEADERS)
      .set('If-Match', `W/"${id}-2"`);
    expect(removed.status).toBe(204);

    await waitFor(() => eventsOf(subscription.events, id).length === 3);
    const events = eventsOf(subscription.events, id);
    expect(recorded(events)).toEqual([
      { type: 'scholarship.changed', scholarshipId: id, version: 1 },
      { type: 'scholarship.changed', scholarshipId: id, version: 2 },
      { type: 'scholarship.deleted', scholarshipId: id },
    ]);
    expectRisingGenerations(events);
  });

  it('publishes nothing for a write rolled back after its event was recorded', async () => {
    // The deferred trigger fails the transaction at COMMIT, after the outbox insert.
    await context.db.knex.raw(`
      CREATE FUNCTION reject_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'Rolled back' THEN RAISE EXCEPTION 'rejected at commit'; END IF;
        RETURN NEW;
      END $$;
      CREATE CONSTRAINT TRIGGER reject_at_commit AFTER UPDATE ON scholarships
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION reject_at_commit();
    `);
    const id = await createScholarship(context, 'Before');
    await waitFor(() => eventsOf(subscription.events, id).length === 1);

    const failed = await patchName(context, id, 1, 'Rolled back');
    const succeeded = await patchName(context, id, 1, 'After');

    expect(failed.status).toBe(500);
    expect(succeeded.status).toBe(200);
    await waitFor(() => eventsOf(subscription.events, id).length >= 2);
    expect(recorded(eventsOf(subscription.events, id))).toEqual([
      { type: 'scholarship.changed', scholarshipId: id, version: 1 },
      { type: 'scholarship.changed', scholarshipId: id, version: 2 },
    ]);
    const outbox = await context.db
      .knex('catalog_outbox')
      .whereRaw("event->>'scholarshipId' = ?", [id]);
    expect(outbox).toHaveLength(2);
  });
});

describe('invalidation events while Redis does not answer', () => {
  let redis: RedisServer;
  let context: CatalogTestContext;
  let subscription: Awaited<ReturnType<typeof subscribe>>;

  beforeAll(async () => {
    redis = await startRedis();
    context = await createCatalogTestContext({ redisUrl: redis.url });
    await context.startBackground();
    subscription = await subscribe(redis.url);
  });

  afterAll(async () => {
    subscription.close();
    await context.close();
    await redis.stop();
  });

  it('lets the write succeed and delivers the event after recovery', async () => {
    const id = await createScholarship(context, 'Before the outage');
    await waitFor(() => eventsOf(subscription.events, id).length === 1);

    process.kill(redis.pid, 'SIGSTOP');
    let response: request.Response;
    let elapsedMs: number;
    try {
      const startedAt = Date.now();
      response = await patchName(context, id, 1, 'During the outage');
      elapsedMs = Date.now() - startedAt;
      expect(eventsOf(subscription.events, id)).toHaveLength(1);
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }

    expect(response.status).toBe(200);
    expect(response.body.version).toBe(2);
    expect(elapsedMs).toBeLessThan(1000);
    expect(await flushCount(context, 'timeout')).toBe(1);
    await waitFor(() =>
      eventsOf(subscription.events, id).some(
        (event) => event.type === 'scholarship.changed' && event.version === 2,
      ),
    );
  });
});
