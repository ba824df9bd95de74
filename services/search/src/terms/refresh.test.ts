import type { QueryEvent } from '@scholarships/db';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { type Scheduler, startTermsRefresh } from './background';
import { createTermsRefresher } from './refresher';

let search: SearchTestApp;

beforeAll(async () => {
  search = await startSearchTestApp('search_terms_refresh');
});

afterAll(async () => {
  await search?.close();
});

function refreshCalls(events: readonly QueryEvent[]): number {
  return events.filter((event) => event.text.includes('search_refresh_terms')).length;
}

function recordingLogger() {
  return { info: jest.fn(), warn: jest.fn() };
}

/** Creates a scheduler that ticks only when the test calls `tick`. */
function manualScheduler() {
  const scheduled = { tick: () => {}, intervalMs: 0, cancelled: false };
  const schedule: Scheduler = (tick, intervalMs) => {
    scheduled.tick = tick;
    scheduled.intervalMs = intervalMs;
    return () => {
      scheduled.cancelled = true;
    };
  };
  return { schedule, scheduled };
}

async function termsNamed(term: string): Promise<unknown[]> {
  return search.db.knex('search_terms').where('term', term);
}

describe('terms refresher', () => {
  it('runs one refresh at a time', async () => {
    const logger = recordingLogger();
    const refresher = createTermsRefresher({ knex: search.db.knex, logger });
    const events = await search.queries.record(async () => {
      refresher.tick();
      refresher.tick();
      await refresher.settled();
    });
    expect(refreshCalls(events)).toBe(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ refreshed: false }),
      'search terms checked',
    );
  });

  it('picks up new words after a catalogue change', async () => {
    const refresher = createTermsRefresher({ knex: search.db.knex, logger: recordingLogger() });
    await insertScholarships(search.db.knex, [scholarshipFixture({ name: 'Glassblowing Prize' })]);
    expect(await termsNamed('glassblowing')).toEqual([]);
    refresher.tick();
    await refresher.settled();
    expect(await termsNamed('glassblowing')).toHaveLength(1);
  });

  it('logs a failed refresh without throwing', async () => {
    const logger = recordingLogger();
    const knex = search.db.knex;
    await knex.raw(
      'ALTER FUNCTION search_refresh_terms(boolean) RENAME TO search_refresh_terms_away',
    );
    try {
      const refresher = createTermsRefresher({ knex, logger });
      refresher.tick();
      await refresher.settled();
      expect(logger.warn).toHaveBeenCalledTimes(1);
    } finally {
      await knex.raw(
        'ALTER FUNCTION search_refresh_terms_away(boolean) RENAME TO search_refresh_terms',
      );
    }
  });
});

describe('startTermsRefresh', () => {
  it('checks at start and on every tick until stopped', async () => {
    const { schedule, scheduled } = manualScheduler();
    const events = await search.queries.record(async () => {
      const work = await startTermsRefresh({
        knex: search.db.knex,
        logger: recordingLogger(),
        intervalMs: 60_000,
        schedule,
      });
      expect(scheduled.intervalMs).toBe(60_000);
      await work.stop();
      expect(scheduled.cancelled).toBe(true);
    });
    expect(refreshCalls(events)).toBe(1);
  });

  it('refreshes again on a tick', async () => {
    const { schedule, scheduled } = manualScheduler();
    const work = await startTermsRefresh({
      knex: search.db.knex,
      logger: recordingLogger(),
      intervalMs: 1000,
      schedule,
    });
    await work.stop();
    await insertScholarships(search.db.knex, [scholarshipFixture({ name: 'Woodturning Prize' })]);
    const events = await search.queries.record(async () => {
      scheduled.tick();
      await work.stop();
    });
    expect(refreshCalls(events)).toBe(1);
    expect(await termsNamed('woodturning')).toHaveLength(1);
  });

  it('does nothing with an interval of 0', async () => {
    const { schedule, scheduled } = manualScheduler();
    const events = await search.queries.record(async () => {
      const work = await startTermsRefresh({
        knex: search.db.knex,
        logger: recordingLogger(),
        intervalMs: 0,
        schedule,
      });
      await work.stop();
    });
    expect(refreshCalls(events)).toBe(0);
    expect(scheduled.intervalMs).toBe(0);
  });
});
