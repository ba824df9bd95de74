import { IDENTITY_HEADERS } from '@scholarships/contracts';
import { createDatabase, type Database, migrateLatest, QueryRecorder } from '@scholarships/db';
import { createTestDatabase } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import {
  type BackgroundWork,
  buildServiceApp,
  type ServiceDefinition,
  type ServiceDeps,
} from '@scholarships/service-kit';
import type { Express } from 'express';
import { type CatalogConfig, catalogConfigSchema } from '../config';
import { migrations } from '../migrations';
import { createCatalogService } from '../service';

export interface CatalogTestContextOptions {
  /** Redis for the outbox relay that `startBackground` starts; none when absent. */
  redisUrl?: string;
}

export interface CatalogTestContext {
  app: Express;
  db: Database;
  registry: Registry;
  /** Records the statements that requests run, e.g. to count them. */
  queries: QueryRecorder;
  deps: ServiceDeps<CatalogConfig>;
  definition: ServiceDefinition<CatalogConfig>;
  /** Starts the service's background work (the outbox relay); `close` stops it. */
  startBackground(): Promise<BackgroundWork>;
  close(): Promise<void>;
}

/** Identity headers of an admin, as the gateway sets them. */
export const ADMIN_HEADERS = {
  [IDENTITY_HEADERS.userId]: 'admin-1',
  [IDENTITY_HEADERS.roles]: 'admin',
};

/** Identity headers of a signed-in user without roles. */
export function userHeaders(userId: string): Record<string, string> {
  return { [IDENTITY_HEADERS.userId]: userId };
}

/** Creates a migrated database for one test file and a catalog app over it. */
export async function createCatalogTestContext(
  options: CatalogTestContextOptions = {},
): Promise<CatalogTestContext> {
  const database = await createTestDatabase('catalog');
  const config = catalogConfigSchema.parse({
    DATABASE_URL: database.connectionString,
    REDIS_URL: options.redisUrl,
  });
  const registry = createRegistry({ service: 'catalog', defaultMetrics: false });
  const queries = new QueryRecorder();
  const db = createDatabase({
    connectionString: database.connectionString,
    applicationName: 'catalog-test',
    registry,
    onQuery: queries.listener,
  });
  await migrateLatest(db.knex, { service: 'catalog', migrations });
  const logger = createLogger({ service: 'catalog', level: 'silent' });
  const deps = { config, db, logger, registry };
  const definition = createCatalogService();
  const app = buildServiceApp(definition, deps);
  const background: BackgroundWork[] = [];
  return {
    app,
    db,
    registry,
    queries,
    deps,
    definition,
    startBackground: async () => {
      if (!definition.start) throw new Error('the catalog service defines no background work');
      const work = await definition.start(deps);
      background.push(work);
      return work;
    },
    close: async () => {
      for (const work of background.splice(0)) await work.stop();
      await db.close();
      await database.drop();
    },
  };
}

/** Inserts a scholarship with sensible defaults and returns its id. */
export async function insertScholarship(
  db: Database,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const [row] = await db
    .knex('scholarships')
    .insert({
      source_key: `test:${Math.random().toString(36).slice(2)}`,
      sources: JSON.stringify([{ source: 'test', ref: '1' }]),
      name: 'Future Nurses Scholarship',
      provider: 'Texas Nursing Foundation',
      description: 'For students entering a nursing program.',
      award_amount_min: 1000,
      award_amount_max: 2500,
      award_currency: 'USD',
      award_text: '$1,000 - $2,500',
      deadline: '2027-03-01',
      deadline_published: '2015-03-01',
      deadline_estimated: true,
      field_of_study: ['nursing'],
      grade_level: ['high_school_senior'],
      state: ['TX'],
      min_gpa: 3,
      ...overrides,
    })
    .returning<{ id: string }[]>('id');
  if (!row) throw new Error('insert returned no id');
  return row.id;
}
