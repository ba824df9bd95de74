import { migrations as catalogMigrations } from '@scholarships/catalog/migrations';
import {
  createDatabase,
  type Database,
  type Migration,
  migrateLatest,
  type QueryListener,
} from '@scholarships/db';
import { createTestDatabase } from '@scholarships/local-infra';
import type { Registry } from '@scholarships/metrics';
import { migrations as eligibilityMigrations } from '../migrations';

export interface MigratedDatabase {
  db: Database;
  connectionString: string;
  /** Closes the pools and drops the database. */
  drop(): Promise<void>;
}

export interface MigratedDatabaseOptions {
  /** Eligibility migrations to apply; default all of them. */
  migrations?: readonly Migration[];
  /** Receives every statement the database runs, e.g. a `QueryRecorder`'s listener. */
  onQuery?: QueryListener;
  /** Registry for the query metrics. */
  registry?: Registry;
}

/**
 * Creates an isolated database on the test server and applies the catalog's
 * migrations, which own `scholarships`, then this service's.
 */
export async function createMigratedDatabase(
  prefix: string,
  options: MigratedDatabaseOptions = {},
): Promise<MigratedDatabase> {
  const testDatabase = await createTestDatabase(prefix);
  const db = createDatabase({
    connectionString: testDatabase.connectionString,
    applicationName: `${prefix}-test`,
    poolMin: 0,
    poolMax: 4,
    onQuery: options.onQuery,
    registry: options.registry,
  });
  const drop = async () => {
    await db.close();
    await testDatabase.drop();
  };
  try {
    await migrateLatest(db.knex, { service: 'catalog', migrations: catalogMigrations });
    await migrateLatest(db.knex, {
      service: 'eligibility',
      migrations: options.migrations ?? eligibilityMigrations,
    });
  } catch (error) {
    await drop();
    throw error;
  }
  return { db, connectionString: testDatabase.connectionString, drop };
}
