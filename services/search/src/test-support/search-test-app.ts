import { migrations as catalogMigrations } from '@scholarships/catalog/migrations';
import { createDatabase, type Database, migrateLatest, QueryRecorder } from '@scholarships/db';
import { createTestDatabase, type TestDatabase } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import { buildServiceApp } from '@scholarships/service-kit';
import type { Express } from 'express';
import { searchConfigSchema } from '../config';
import { migrations } from '../migrations';
import { createSearchService, type SearchServiceOptions } from '../service';

/** The search app on its own test database, with catalog's and search's migrations applied. */
export interface SearchTestApp {
  app: Express;
  db: Database;
  registry: Registry;
  /** Records the statements each request runs. */
  queries: QueryRecorder;
  connectionString: string;
  close(): Promise<void>;
}

export interface SearchTestAppOptions extends SearchServiceOptions {
  /** Server-side statement limit in milliseconds, for tests that load large data sets. */
  statementTimeoutMs?: number;
  /**
   * Whether keyword searches use the keyword index; default false, so that
   * requests run their statements and start no background read of the index.
   */
  keywordIndex?: boolean;
}

export async function startSearchTestApp(
  prefix: string,
  options: SearchTestAppOptions = {},
): Promise<SearchTestApp> {
  const database: TestDatabase = await createTestDatabase(prefix);
  const registry = createRegistry({ service: 'search', defaultMetrics: false });
  const queries = new QueryRecorder();
  const db = createDatabase({
    connectionString: database.connectionString,
    applicationName: `${prefix}-test`,
    registry,
    onQuery: queries.listener,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  await migrateLatest(db.knex, { service: 'catalog', migrations: catalogMigrations });
  await migrateLatest(db.knex, { service: 'search', migrations });
  const config = searchConfigSchema.parse({
    DATABASE_URL: database.connectionString,
    SEARCH_KEYWORD_INDEX: String(options.keywordIndex ?? false),
  });
  const app = buildServiceApp(createSearchService(options), {
    config,
    db,
    logger: createLogger({ service: 'search', level: 'silent' }),
    registry,
  });
  return {
    app,
    db,
    registry,
    queries,
    connectionString: database.connectionString,
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
}
