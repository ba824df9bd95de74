import { migrations as catalogMigrations } from '@scholarships/catalog/migrations';
import { createDatabase, type Database, migrateLatest } from '@scholarships/db';
import { createTestDatabase, type TestDatabase } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { buildServiceApp } from '@scholarships/service-kit';
import type { Express } from 'express';
import { searchConfigSchema } from '../config';
import { migrations } from '../migrations';
import { searchService } from '../service';

/** The search app on its own test database, with catalog's and search's migrations applied. */
export interface SearchTestApp {
  app: Express;
  db: Database;
  close(): Promise<void>;
}

export async function startSearchTestApp(prefix: string): Promise<SearchTestApp> {
  const database: TestDatabase = await createTestDatabase(prefix);
  const db = createDatabase({
    connectionString: database.connectionString,
    applicationName: `${prefix}-test`,
  });
  await migrateLatest(db.knex, { service: 'catalog', migrations: catalogMigrations });
  await migrateLatest(db.knex, { service: 'search', migrations });
  const config = searchConfigSchema.parse({ DATABASE_URL: database.connectionString });
  const app = buildServiceApp(searchService, {
    config,
    db,
    logger: createLogger({ service: 'search', level: 'silent' }),
    registry: createRegistry({ service: 'search', defaultMetrics: false }),
  });
  return {
    app,
    db,
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
}
