export { createMigratedDatabase, type MigratedDatabase } from './migrated-database';
export { createTestApp, TEST_NOW } from './test-app';
