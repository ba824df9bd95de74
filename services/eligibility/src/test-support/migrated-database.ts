import { migrations as catalogMigrations } from '@scholarships/catalog/migrations';
import { createDatabase, type Database, migrateLatest } from '@scholarships/db';
import { createTestDatabase } from '@scholarships/local-infra';
import { migrations } from '../migrations';

export interface MigratedDatabase {
  db: Database;
  /** Closes the pools and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates an isolated database on the test server and applies the catalog's
 * migrations, which own `scholarships`, then this service's.
 */
export async function createMigratedDatabase(prefix: string): Promise<MigratedDatabase> {
  const testDatabase = await createTestDatabase(prefix);
  const db = createDatabase({
    connectionString: testDatabase.connectionString,
    applicationName: `${prefix}-test`,
    poolMin: 0,
    poolMax: 4,
  });
  try {
    await migrateLatest(db.knex, { service: 'catalog', migrations: catalogMigrations });
    await migrateLatest(db.knex, { service: 'eligibility', migrations });
  } catch (error) {
    await db.close();
    await testDatabase.drop();
    throw error;
  }
  return {
    db,
    drop: async () => {
      await db.close();
      await testDatabase.drop();
    },
  };
}
