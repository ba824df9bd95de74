import pg, { type Pool, type QueryResultRow } from 'pg';
import { isDatabaseUnavailable } from './connection-errors';
import type { DatabaseOptions, PoolSettings } from './database-options';
import type { DbMetrics } from './db-metrics';
import type { QueryListener } from './query-events';
import type { Statement, StatementRegistry } from './statement';
import { createTypeParsers } from './type-parsers';

/** Creates the pg pool that runs named prepared statements. */
export function createStatementPool(options: DatabaseOptions, settings: PoolSettings): Pool {
  return new pg.Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    min: settings.poolMin,
    max: settings.poolMax,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    query_timeout: settings.queryTimeoutMs,
    idle_in_transaction_session_timeout: settings.statementTimeoutMs * 2,
    keepAlive: true,
    types: createTypeParsers(),
  });
}

export interface StatementRunner {
  pool: Pool;
  /** False runs each statement unnamed, so the server parses and plans it every time. */
  prepared: boolean;
  statements: StatementRegistry;
  metrics: DbMetrics | undefined;
  onQuery: QueryListener | undefined;
}

/**
 * Runs one named statement on a pooled connection. pg-pool listens for
 * `error` on the client while the query runs and destroys the client when
 * the query fails, so a broken connection never returns to the pool.
 */
export async function runStatement<Row extends QueryResultRow>(
  runner: StatementRunner,
  statement: Statement,
): Promise<Row[]> {
  runner.statements.register(statement.name, statement.text);
  runner.onQuery?.({ source: 'statement', name: statement.name, text: statement.text });
  const stopTimer = runner.metrics?.queryDuration.startTimer({ statement: statement.name });
  try {
    const result = await runner.pool.query<Row>(runner.prepared ? statement : unnamed(statement));
    stopTimer?.({ outcome: 'ok' });
    return result.rows;
  } catch (error) {
    stopTimer?.({ outcome: 'error' });
    runner.metrics?.errors.inc({ kind: isDatabaseUnavailable(error) ? 'connection' : 'query' });
    throw error;
  }
}

/** Returns the statement without its name, so pg sends it as the unnamed statement. */
export function unnamed(statement: Statement): { text: string; values: unknown[] } {
  return { text: statement.text, values: [...statement.values] };
}
