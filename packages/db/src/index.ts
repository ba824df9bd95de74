export type { Knex } from 'knex';
export { isDatabaseUnavailable } from './connection-errors';
export {
  createDatabase,
  type Database,
  type DatabaseLogger,
  type DatabaseOptions,
} from './database';
export { isPostgresUrl, runMigrationCli } from './migration-cli';
export {
  isMigrationLockError,
  type Migration,
  type MigrationOptions,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
  migrateUnlock,
} from './migrations';
export { type QueryEvent, type QueryListener, QueryRecorder } from './query-events';
export {
  MAX_STATEMENT_NAME_BYTES,
  type Statement,
  StatementRegistry,
  toStatement,
} from './statement';
