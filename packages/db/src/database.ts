import type { Knex } from 'knex';
import type { Pool, QueryResultRow } from 'pg';
import { isDatabaseUnavailable } from './connection-errors';
import { type DatabaseOptions, resolvePoolSettings } from './database-options';
import { createDbMetrics, type DbMetrics } from './db-metrics';
import { createKnex } from './knex-client';
import { type Statement, StatementRegistry } from './statement';
import { createStatementPool, runStatement, unnamed } from './statement-pool';
import { warmPool } from './warm-pool';

export type { DatabaseLogger, DatabaseOptions } from './database-options';

export interface Database {
  /** Query builder and migrator; use it for writes in transactions and for building statements. */
  knex: Knex;
  pool: Pool;
  statements: StatementRegistry;
  /** Runs a named prepared statement and records its latency under its name. */
  query<Row extends QueryResultRow>(statement: Statement): Promise<Row[]>;
  /** Opens the minimum connections and runs each warm-up statement on every one of them. */
  warm(statements: readonly Statement[]): Promise<void>;
  /** Resolves when the server returns the result of `SELECT 1`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a pool for prepared statements and a small Knex pool for writes and
 * migrations. Connection failures of either pool, idle or in use, are logged
 * and counted but never crash the process. A request that meets one gets an
 * error that `isDatabaseUnavailable` recognizes, and the next request gets a
 * new connection.
 */
export function createDatabase(options: DatabaseOptions): Database {
  const settings = resolvePoolSettings(options);
  const pool = createStatementPool(options, settings);
  const metrics = options.registry ? createDbMetrics(options.registry, pool) : undefined;
  const reportConnectionError = connectionErrorReporter(options, metrics);
  const knex = createKnex(options, settings, {
    onConnectionError: (error) => reportConnectionError('knex', error),
    onQueryError: (error) => metrics?.errors.inc({ kind: errorKind(error) }),
  });
  const statements = new StatementRegistry();
  const prepared = options.preparedStatements ?? true;
  const runner = { pool, statements, metrics, onQuery: options.onQuery, prepared };

  pool.on('error', (error) => reportConnectionError('statements', error));

  return {
    knex,
    pool,
    statements,
    query: <Row extends QueryResultRow>(statement: Statement) =>
      runStatement<Row>(runner, statement),
    warm: (warmup) => warmPool(pool, settings.poolMin, prepared ? warmup : warmup.map(unnamed)),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: async () => {
      await Promise.allSettled([pool.end(), knex.destroy()]);
    },
  };
}

function errorKind(error: unknown): 'connection' | 'query' {
  return isDatabaseUnavailable(error) ? 'connection' : 'query';
}

/**
 * Counts and logs a connection failure reported by an `error` event: by an
 * idle client of the statement pool, or by a Knex connection, idle or in use.
 */
function connectionErrorReporter(options: DatabaseOptions, metrics: DbMetrics | undefined) {
  return (pool: 'statements' | 'knex', error: Error) => {
    metrics?.errors.inc({ kind: pool === 'statements' ? 'idle' : 'knex_connection' });
    options.logger?.warn({ err: error, pool }, 'database connection failed');
    options.onIdleError?.(error);
  };
}
