import { createDatabase, type Database, migrateLatest } from '@scholarships/db';
import { createTestDatabase } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import { buildServiceApp } from '@scholarships/service-kit';
import type { Express } from 'express';
import { catalogConfigSchema } from '../config';
import { migrations } from '../migrations';
import { catalogService } from '../service';

export interface CatalogTestContext {
  app: Express;
  db: Database;
  registry: Registry;
  close(): Promise<void>;
}

/** A migrated database of the test file's own and a catalog app over it. */
export async function createCatalogTestContext(): Promise<CatalogTestContext> {
  const database = await createTestDatabase('catalog');
  const config = catalogConfigSchema.parse({ DATABASE_URL: database.connectionString });
  const registry = createRegistry({ service: 'catalog', defaultMetrics: false });
  const db = createDatabase({
    connectionString: database.connectionString,
    applicationName: 'catalog-test',
    registry,
  });
  await migrateLatest(db.knex, { service: 'catalog', migrations });
  const logger = createLogger({ service: 'catalog', level: 'silent' });
  const app = buildServiceApp(catalogService, { config, db, logger, registry });
  return {
    app,
    db,
    registry,
    close: async () => {
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
