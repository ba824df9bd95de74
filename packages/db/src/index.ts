export type { Knex } from 'knex';
export { isDatabaseUnavailable } from './connection-errors';
export {
  createDatabase,
  type Database,
  type DatabaseLogger,
  type DatabaseOptions,
} from './database';
export { runMigrationCli } from './migration-cli';
export {
  type Migration,
  type MigrationOptions,
  migrateDown,
  migrateLatest,
  migrateRollbackAll,
} from './migrations';
export { type QueryEvent, type QueryListener, QueryRecorder } from './query-events';
export {
  MAX_STATEMENT_NAME_BYTES,
  type Statement,
  StatementRegistry,
  toStatement,
} from './statement';
