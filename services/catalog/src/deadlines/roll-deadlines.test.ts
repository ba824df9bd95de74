import { catalogMetrics } from '../metrics';
import {
  type CatalogTestContext,
  createCatalogTestContext,
  insertScholarship,
} from '../test-support';
import { delayUntilNextCheck, startDeadlineRollover } from './deadline-rollover';
import { rollPastDeadlines } from './roll-deadlines';

let context: CatalogTestContext;

beforeAll(async () => {
  context = await createCatalogTestContext();
});

afterAll(async () => {
  await context.close();
});

async function deadlineOf(id: string) {
  return context.db
    .knex('scholarships')
    .where({ id })
    .first(
      context.db.knex.raw(`to_char(deadline, 'YYYY-MM-DD') AS next`),
      'deadline_estimated',
      'version',
    );
}

async function eventsFor(id: string): Promise<number> {
  const rows = await context.db
    .knex('catalog_outbox')
    .whereRaw(`event->>'scholarshipId' = ?`, [id]);
  return rows.length;
}

describe('rollPastDeadlines', () => {
  it('moves a passed imported deadline to its next year', async () => {
    const id = await insertScholarship(context.db, {
      deadline: '2026-12-04',
      deadline_published: '2024-12-04',
    });

    const moved = await rollPastDeadlines(context.db.knex, '2026-12-05');

    expect(moved).toBeGreaterThanOrEqual(1);
    expect(await deadlineOf(id)).toEqual({
      next: '2027-12-04',
      deadline_estimated: true,
      version: 2,
    });
    expect(await eventsFor(id)).toBe(1);
  });

  it('keeps upcoming and admin-created deadlines', async () => {
    const upcoming = await insertScholarship(context.db, {
      deadline: '2026-12-05',
      deadline_published: '2025-12-05',
    });
    const adminCreated = await insertScholarship(context.db, {
      source_key: 'admin:00000000-0000-4000-8000-000000000001',
      deadline: '2026-01-10',
      deadline_published: '2026-01-10',
    });

    await rollPastDeadlines(context.db.knex, '2026-12-05');

    expect((await deadlineOf(upcoming))?.next).toBe('2026-12-05');
    expect((await deadlineOf(adminCreated))?.next).toBe('2026-01-10');
    expect(await eventsFor(upcoming)).toBe(0);
  });

  it('moves every row across several batches', async () => {
    const ids = [];
    for (let index = 0; index < 5; index += 1) {
      ids.push(
        await insertScholarship(context.db, {
          deadline: '2027-02-28',
          deadline_published: '2024-02-29',
        }),
      );
    }

    await rollPastDeadlines(context.db.knex, '2027-03-01', { batchSize: 2 });

    for (const id of ids) expect((await deadlineOf(id))?.next).toBe('2028-02-29');
  });
});

describe('rollPastDeadlines when stopped', () => {
  it('ends after the batch in progress', async () => {
    for (let index = 0; index < 3; index += 1) {
      await insertScholarship(context.db, {
        deadline: '2027-04-01',
        deadline_published: '2024-04-01',
      });
    }
    let batches = 0;

    const moved = await rollPastDeadlines(context.db.knex, '2027-04-02', {
      batchSize: 1,
      stopped: () => {
        batches += 1;
        return batches > 1;
      },
    });

    expect(moved).toBe(1);
  });
});

describe('startDeadlineRollover', () => {
  it('checks once at start and counts what it moved', async () => {
    const id = await insertScholarship(context.db, {
      deadline: '2026-06-01',
      deadline_published: '2025-06-01',
    });
    const metrics = catalogMetrics(context.registry);
    const before = (await metrics.deadlinesMoved.get()).values[0]?.value ?? 0;

    const rollover = startDeadlineRollover({
      knex: context.db.knex,
      logger: context.deps.logger,
      metrics,
      now: () => Date.parse('2026-12-05T10:00:00Z'),
    });
    await rollover.stop();

    expect((await deadlineOf(id))?.next).toBe('2027-06-01');
    expect((await metrics.deadlinesMoved.get()).values[0]?.value).toBeGreaterThan(before);
  });
});

describe('delayUntilNextCheck', () => {
  it('waits until just after midnight UTC', () => {
    const beforeMidnight = Date.parse('2026-12-05T23:59:00Z');
    expect(delayUntilNextCheck(beforeMidnight)).toBe(61_000);
  });

  it('checks at least hourly', () => {
    expect(delayUntilNextCheck(Date.parse('2026-12-05T08:00:00Z'))).toBe(3_600_000);
  });
});
