import { createDatabase, type Database } from '@scholarships/db';
import { findFreePort } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { buildServiceApp } from '@scholarships/service-kit';
import request from 'supertest';
import { searchConfigSchema } from '../config';
import { searchService } from '../service';
import { insertScholarships, scholarshipFixture } from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import { searchWarmupStatements } from './warmup';

const TODAY = '2026-12-04';
const APPLICATION_NAME = 'search_connection_loss-test';
let search: SearchTestApp;
/** A second client of the same database, as an operator's session would be. */
let admin: Database;

beforeAll(async () => {
  search = await startSearchTestApp('search_connection_loss', { today: () => TODAY });
  admin = createDatabase({ connectionString: search.connectionString, applicationName: 'admin' });
  await insertScholarships(search.db.knex, [
    scholarshipFixture({ name: 'Nursing Award', description: 'For nursing students.' }),
  ]);
  await search.db.warm(searchWarmupStatements(search.db.knex, TODAY));
});

afterAll(async () => {
  await admin?.close();
  await search?.close();
});

/**
 * Ends every backend of the search app's pools and returns how many were ended. Without a timeout,
 * pg_terminate_backend returns once the signal is sent. On a loaded machine, the next request
 * could then take a connection whose backend is still exiting, so each call waits up to 5 s.
 */
async function terminateSearchBackends(where = ''): Promise<number> {
  const result = await admin.knex.raw<{ rows: { ended: boolean }[] }>(
    `SELECT pg_terminate_backend(pid, 5000) AS ended
       FROM pg_stat_activity
      WHERE application_name = ? ${where}`,
    [APPLICATION_NAME],
  );
  return result.rows.filter((row) => row.ended).length;
}

async function waitForLockedStatement(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const result = await admin.knex.raw<{ rows: unknown[] }>(
      `SELECT 1 FROM pg_stat_activity
        WHERE application_name = ? AND state = 'active' AND wait_event_type = 'Lock'`,
      [APPLICATION_NAME],
    );
    if (result.rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no search statement waited for the lock within 2 s');
}

function expectServedOrUnavailable(response: request.Response): void {
  expect([200, 503]).toContain(response.status);
  if (response.status === 503) {
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('DATABASE_UNAVAILABLE');
    expect(response.headers['retry-after']).toBe('1');
  }
}

describe('database connection loss', () => {
  it('serves requests after idle connections are terminated', async () => {
    expect(await terminateSearchBackends()).toBeGreaterThan(0);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => request(search.app).get('/api/v1/search?q=nursing')),
    );
    for (const response of responses) expectServedOrUnavailable(response);
    const after = await request(search.app).get('/api/v1/search?q=nursing');
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(1);
  });

  it('answers 503 when the backend of a running statement is terminated', async () => {
    const lock = await admin.knex.transaction();
    try {
      await lock.raw('LOCK TABLE scholarships IN ACCESS EXCLUSIVE MODE');
      const pending = request(search.app)
        .get('/api/v1/search?q=nursing')
        .then((r) => r);
      await waitForLockedStatement();
      expect(await terminateSearchBackends("AND wait_event_type = 'Lock'")).toBe(1);
      const response = await pending;
      expect(response.status).toBe(503);
      expectServedOrUnavailable(response);
    } finally {
      await lock.rollback();
    }
    const after = await request(search.app).get('/api/v1/search?q=nursing');
    expect(after.status).toBe(200);
  });

  it('serves suggestions after connections are terminated', async () => {
    await terminateSearchBackends();
    const first = await request(search.app).get('/api/v1/search/suggest?q=nur');
    expectServedOrUnavailable(first);
    const after = await request(search.app).get('/api/v1/search/suggest?q=nur');
    expect(after.status).toBe(200);
  });

  it('answers 503 while the database refuses connections', async () => {
    const port = await findFreePort();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const db = createDatabase({
      connectionString: url,
      applicationName: 'outage',
      connectTimeoutMs: 1000,
    });
    const app = buildServiceApp(searchService, {
      config: searchConfigSchema.parse({ DATABASE_URL: url }),
      db,
      logger: createLogger({ service: 'search', level: 'silent' }),
      registry: createRegistry({ service: 'search', defaultMetrics: false }),
    });
    try {
      for (const path of [
        '/api/v1/search?q=nursing',
        '/api/v1/search',
        '/api/v1/search/suggest?q=n',
      ]) {
        const response = await request(app).get(path);
        expect([path, response.status]).toEqual([path, 503]);
        expect(response.body.code).toBe('DATABASE_UNAVAILABLE');
      }
    } finally {
      await db.close();
    }
  });
});
